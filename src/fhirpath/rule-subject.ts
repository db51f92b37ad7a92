// Finds what a "no item breaks the rule" check is about, so an empty subject can be told from a pass:
// `X.where(bad)` is empty, `X.all(good)` is true, `X.where(bad).exists()` is false... are all true when X has
// no item at all, and then the check tested nothing. Read from fhirpath.js's parse tree, not by regex.
import fhirpath from 'fhirpath';
import type { FhirpathOperator } from '../model/suite.js';

interface Node {
  readonly type: string;
  readonly text?: string;
  readonly start?: { readonly line: number; readonly column: number };
  readonly children?: readonly Node[];
}

/** Operators that hold for an empty collection because they judge each item. */
const PER_ITEM: ReadonlySet<FhirpathOperator> = new Set(['in', 'notIn', 'notContains', 'matches']);

/**
 * The FHIRPath text of the items a check's rule is about, or undefined when the check is not of a
 * "no item breaks the rule" shape (then an empty result is a real finding, not a vacuous pass).
 */
export function ruleSubject(source: string, operator: FhirpathOperator, value: unknown): string | undefined {
  if (PER_ITEM.has(operator)) return source;
  const assertsNone =
    (operator === 'empty' && value === true) ||
    (operator === 'exists' && value === false) ||
    (operator === 'count' && (value === 0 || (isObject(value) && value.max === 0)));
  if (assertsNone) return filteredFrom(source);
  if (operator !== 'is') return undefined;
  const last = lastCall(source);
  if (!last) return undefined;
  if (value === true && last.name === 'all') return last.receiver;
  if (value === true && last.name === 'empty') return filteredFrom(last.receiver);
  if (value === true && last.name === 'not') {
    const inner = lastCall(last.receiver);
    return inner?.name === 'exists' ? filteredFrom(inner.receiver) : undefined;
  }
  if (value === false && last.name === 'exists') return filteredFrom(last.receiver);
  return undefined;
}

/** `X` for `X.where(...)`: the collection a filter picks offenders from. */
function filteredFrom(source: string): string | undefined {
  const last = lastCall(source);
  return last?.name === 'where' ? last.receiver : undefined;
}

/** The outermost function call of an expression (`receiver.name(...)`), if the expression is one. */
function lastCall(source: string): { receiver: string; name: string } | undefined {
  let node: Node;
  try {
    node = fhirpath.parse(source) as Node;
  } catch {
    return undefined;
  }
  while (node.type === 'EntireExpression' && node.children?.length === 1) node = node.children[0]!;
  if (node.type !== 'InvocationExpression' || node.children?.length !== 2) return undefined;
  const call = node.children[1]!;
  if (call.type !== 'FunctionInvocation' || !call.start || !call.text) return undefined;
  const offset = offsetOf(source, call.start.line, call.start.column);
  const receiver = source.slice(0, offset).trimEnd();
  if (!receiver.endsWith('.')) return undefined;
  return { receiver: receiver.slice(0, -1).trimEnd(), name: call.text };
}

/** The string index of a 1-based line and column. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = source.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
