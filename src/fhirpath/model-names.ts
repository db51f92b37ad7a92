// Names in a FHIRPath expression that the FHIR R4 model does not know: a type in ofType()/is/as, and an
// element in a path that starts with a type name (`Bundle.entries.resource`). fhirpath.js evaluates such a
// name to an empty result without complaint, so at run time the mistake would read as the server's.
// Read from fhirpath.js's parse tree and the R4 model it ships; a path whose type the model cannot tell
// (a choice element, `Bundle.entry.resource`, anything after a function call) is not followed further.
import r4 from 'fhirpath/fhir-context/r4';
import { closest } from '../common/suggest.js';
import { memoByText, tryParseAst, walk, type AstNode } from './parse-tree.js';

interface R4Model {
  readonly availableTypes: ReadonlySet<string>;
  readonly path2Type: Readonly<Record<string, string>>;
  readonly choiceTypePaths: Readonly<Record<string, readonly string[]>>;
  readonly pathsDefinedElsewhere: Readonly<Record<string, string>>;
  readonly type2Parent: Readonly<Record<string, string>>;
}

const model = r4 as unknown as R4Model;

/** FHIRPath's own types, which ofType() and is/as also accept. */
const SYSTEM_TYPES = new Set([
  'Boolean',
  'String',
  'Integer',
  'Decimal',
  'Date',
  'DateTime',
  'Time',
  'Quantity',
]);

/** Types whose elements the model cannot list: the path stops being followed there. */
const OPEN_TYPES = new Set(['Resource', 'DomainResource']);

/** One message per unknown name, e.g. `Bundle has no element "entries" (did you mean "entry"?)`. */
export const unknownModelNames: (source: string) => readonly string[] = memoByText(readNames);

function readNames(source: string): string[] {
  const root = tryParseAst(source);
  if (!root) return []; // syntax errors are reported by the compiler
  const problems: string[] = [];
  walk(root, (node) => {
    if (node.type === 'FunctionInvocation') problems.push(...typeArgumentProblems(node));
    if (node.type === 'TypeExpression') problems.push(...typeSpecifierProblems(node));
    if (node.type === 'InvocationExpression') problems.push(...pathProblems(node));
  });
  return [...new Set(problems)];
}

function isKnownType(name: string): boolean {
  const bare = name.replace(/^(FHIR|System)\./, '');
  return model.availableTypes.has(bare) || SYSTEM_TYPES.has(bare);
}

function typeProblem(name: string): string[] {
  if (isKnownType(name)) return [];
  const hint = closest(name, model.availableTypes);
  return [`"${name}" is not a FHIR R4 type${hint ? ` (did you mean "${hint}"?)` : ''}`];
}

/** `ofType(X)`, `is(X)`, `as(X)` with a plain or qualified type name. */
function typeArgumentProblems(call: AstNode): string[] {
  if (!['ofType', 'is', 'as'].includes(call.text ?? '')) return [];
  const params = call.children?.[0]?.children?.find((c) => c.type === 'ParamList')?.children ?? [];
  if (params.length !== 1) return [];
  const name = params[0]!.text ?? textOf(params[0]!);
  return /^[A-Za-z.]+$/.test(name) ? typeProblem(name) : [];
}

/** `X is Type` / `X as Type`. */
function typeSpecifierProblems(expression: AstNode): string[] {
  const specifier = expression.children?.find((c) => c.type === 'TypeSpecifier');
  return specifier ? typeProblem(textOf(specifier)) : [];
}

function textOf(node: AstNode): string {
  if (node.type === 'Identifier') return node.text ?? '';
  return (node.children ?? []).map(textOf).filter(Boolean).join('.');
}

/**
 * A path that starts with a type name: each member after it must be an element of the type reached so far.
 * The inner links of a chain are chains too; what they find again is dropped as a duplicate.
 */
function pathProblems(expression: AstNode): string[] {
  const chain = flatten(expression);
  if (!chain) return [];
  const [first, ...rest] = chain;
  if (!first || !/^[A-Z]/.test(first) || !model.availableTypes.has(first)) return [];
  let at = first;
  for (const name of rest) {
    if (name === undefined) return []; // a function call or an index: types beyond it are not followed
    const next = elementOf(at, name);
    if (next === 'unknown') {
      const hint = closest(name, childNames(at));
      return [`${at} has no element "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`];
    }
    if (next === 'open') return [];
    at = next;
  }
  return [];
}

/**
 * The member names of a left-deep invocation chain (`A.b.c.f()` → A, b, c, undefined: a call or an index is
 * undefined), or undefined when the chain does not start with a plain member.
 */
function flatten(node: AstNode): (string | undefined)[] | undefined {
  const names: (string | undefined)[] = [];
  let current: AstNode | undefined = node;
  while (current?.type === 'InvocationExpression') {
    const [receiver, invocation]: readonly (AstNode | undefined)[] = current.children ?? [];
    names.unshift(invocation?.type === 'MemberInvocation' ? invocation.text : undefined);
    current = receiver;
  }
  const term = current?.type === 'TermExpression' ? current.children?.[0] : undefined;
  const member = term?.type === 'InvocationTerm' ? term.children?.[0] : undefined;
  if (member?.type !== 'MemberInvocation' || !member.text) return undefined;
  return [member.text, ...names];
}

/** Where `name` leads from `at` (a type name or a backbone element's path): the next place, or why not. */
function elementOf(at: string, name: string): string | 'unknown' | 'open' {
  const own = `${at}.${name}`;
  if (model.choiceTypePaths[own]) return 'open';
  // An element defined as another one (Parameters.parameter.part is a Parameters.parameter).
  const elsewhere = model.pathsDefinedElsewhere[own];
  if (elsewhere) return elsewhere;
  const ownType = model.path2Type[own];
  if (ownType) return placeOf(own, ownType);
  for (const ancestor of ancestorsOf(at)) {
    const type = model.path2Type[`${ancestor}.${name}`];
    if (type) return placeOf(`${ancestor}.${name}`, type);
  }
  // A choice element named with its type (valueCodeableConcept) is in path2Type already; anything else
  // on a primitive or an open type cannot be judged.
  return /^[a-z]|^System\./.test(at) || OPEN_TYPES.has(at) ? 'open' : 'unknown';
}

function placeOf(path: string, type: string): string | 'open' {
  if (type === 'BackboneElement' || type === 'Element') return model.pathsDefinedElsewhere[path] ?? path;
  return OPEN_TYPES.has(type) || type.startsWith('System.') ? 'open' : type;
}

/** The types whose elements `at` also has: its parent types, or those of a backbone element. */
function ancestorsOf(at: string): string[] {
  const out: string[] = [];
  let type: string | undefined = at.includes('.') ? 'BackboneElement' : model.type2Parent[at];
  while (type) {
    out.push(type);
    type = model.type2Parent[type];
  }
  return out;
}

/** The element names of a type or backbone element, for "did you mean". */
function childNames(at: string): string[] {
  const prefixes = [at, ...ancestorsOf(at)].map((p) => `${p}.`);
  return Object.keys(model.path2Type).flatMap((path) => {
    const prefix = prefixes.find((p) => path.startsWith(p));
    const rest = prefix ? path.slice(prefix.length) : '';
    return rest && !rest.includes('.') ? [rest] : [];
  });
}
