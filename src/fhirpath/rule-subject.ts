// Finds what a "no item breaks the rule" check is about, so an empty subject can be told from a pass:
// `X.where(bad)` is empty, `X.all(good)` is true, `X.where(bad).exists()` is false... are all true when X has
// no item at all, and then the check tested nothing. Read from fhirpath.js's parse tree, not by regex.
// Which operator uses which reading is said by the operator table (src/checks/operators.ts).
import { tryParseAst } from './parse-tree.js';

/**
 * What an `is: true|false` check is about when it reads "no item breaks the rule": `X.all(good)` is true,
 * `X.where(bad).empty()` is true, `X.where(bad).exists().not()` is true, `X.where(bad).exists()` is false.
 */
export function booleanRuleSubject(source: string, value: unknown): string | undefined {
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
export function filteredFrom(source: string): string | undefined {
  const last = lastCall(source);
  return last?.name === 'where' ? last.receiver : undefined;
}

/** The outermost function call of an expression (`receiver.name(...)`), if the expression is one. */
function lastCall(source: string): { receiver: string; name: string } | undefined {
  let node = tryParseAst(source);
  if (!node) return undefined;
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
