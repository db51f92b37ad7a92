// Load-time FHIRPath checks: syntax (with clearer messages than fhirpath.js gives), unknown functions,
// and the %variables an expression reads. Positions are 1-based line/column inside the expression.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { compileFhirpath, FhirpathSyntaxError } from '../fhirpath/compile.js';
import { userInvocationTable } from '../fhirpath/functions.js';
import { didYouMean } from '../common/suggest.js';
import { memoByText, parseAst, walk } from '../fhirpath/parse-tree.js';

export interface FhirpathProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** `%inputs.name` (kind input) or `%name` (kind variable), at the position of its `%`. */
export interface VariableRef {
  readonly kind: 'input' | 'variable';
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** Environment variables fhirpath.js and FHIR define; suites never declare these. */
export const BUILT_IN_VARIABLES = new Set([
  'resource',
  'context',
  'rootResource',
  'ucum',
  'sct',
  'loinc',
  'factory',
  'terminologies',
  'server',
  // Ours: the HTTP response (status, contentType, headers) inside `expect.fhirpath` checks.
  'response',
  // Ours: the server's CapabilityStatement from the preflight `GET metadata` (empty when there was none).
  'capabilityStatement',
]) as ReadonlySet<string>;

/** Standard FHIRPath and FHIR functions, used only to suggest a name for a misspelt function. */
const KNOWN_FUNCTIONS = (
  'empty exists all allTrue anyTrue allFalse anyFalse subsetOf supersetOf count distinct isDistinct where select ' +
  'repeat ofType single first last tail skip take intersect exclude union combine iif toBoolean convertsToBoolean ' +
  'toInteger convertsToInteger toDate convertsToDate toDateTime convertsToDateTime toDecimal convertsToDecimal ' +
  'toQuantity convertsToQuantity toString convertsToString toTime convertsToTime indexOf substring startsWith ' +
  'endsWith contains upper lower replace matches replaceMatches length toChars trace now timeOfDay today not ' +
  'children descendants extension resolve memberOf conformsTo hasValue htmlChecks is as type sum min max avg ' +
  'aggregate abs ceiling exp floor ln log power round sqrt truncate join split trim encode decode escape unescape ' +
  'sort lowBoundary highBoundary precision comparable'
).split(' ');

/** Syntax or unknown-function problem in an expression, or undefined when it compiles cleanly. */
export const checkFhirpath = memoByText(findProblem);

function findProblem(source: string): FhirpathProblem | undefined {
  if (source.trim() === '') return { message: 'the FHIRPath expression is empty', line: 1, column: 1 };
  const template = /\$\{\s*(inputs\.)?([^}]*?)\s*\}/.exec(source);
  if (template) {
    const before = source.slice(0, template.index).split('\n');
    const name = `%${template[1] ?? ''}${template[2]}`;
    return {
      message: `FHIRPath does not splice \${...} values into the expression text; read the variable as ${name} instead`,
      line: before.length,
      column: before[before.length - 1]!.length + 1,
    };
  }
  try {
    compileFhirpath(source);
  } catch (err) {
    if (err instanceof FhirpathSyntaxError) return explainSyntaxError(err, source);
    return { message: `cannot parse this FHIRPath expression (${String(err)})`, line: 1, column: 1 };
  }
  for (const call of functionCalls(source)) {
    if (!functionExists(call.name)) {
      const known = [...KNOWN_FUNCTIONS, ...Object.keys(userInvocationTable)];
      const message = `unknown FHIRPath function ${call.name}()${didYouMean(call.name, known)}`;
      return { message, line: call.line, column: call.column };
    }
  }
  return undefined;
}

/** Rewrites ANTLR's messages ("mismatched input '<EOF>' expecting {'+', '-', ...}") for a person. */
/** FHIRPath keywords that cannot be element names without backticks (FHIR's Narrative has `div`). */
const KEYWORDS_NEEDING_BACKTICKS = new Set(['div', 'mod', 'and', 'or', 'xor', 'implies', 'true', 'false']);

function followsDot(source: string, line: number, column: number): boolean {
  return (source.split('\n')[line - 1] ?? '')
    .slice(0, column - 1)
    .trimEnd()
    .endsWith('.');
}

function explainSyntaxError(err: FhirpathSyntaxError, source: string): FhirpathProblem {
  const { line, column } = err;
  const text = err.message;
  const at = (message: string): FhirpathProblem => ({
    message: `FHIRPath syntax error: ${message}`,
    line,
    column,
  });
  if (/^Cannot read properties/.test(text)) {
    return {
      message: 'FHIRPath syntax error: cannot parse this expression (look for a stray "%", "." or bracket)',
      line: 1,
      column: 1,
    };
  }
  const input = /(?:mismatched|extraneous) input '(.*)' expecting (.*)$/.exec(text);
  if (input) {
    const [, token, expected] = input;
    if (token === '<EOF>') {
      const before = source.trimEnd().slice(-25);
      return at(`the expression ends too early: something is missing after "${before}"`);
    }
    if (expected === '<EOF>') return at(`unexpected '${token}' where the expression should end`);
    if (KEYWORDS_NEEDING_BACKTICKS.has(token!) && followsDot(source, line, column)) {
      return at(
        `'${token}' is a FHIRPath keyword: to read the element ${token}, write it in backticks, \`${token}\``,
      );
    }
    const options = expected!.startsWith('{') ? expected!.slice(1, -1).split(', ') : [expected!];
    return at(
      options.length <= 4
        ? `unexpected '${token}', expected ${options.join(' or ')}`
        : `unexpected '${token}'`,
    );
  }
  const missing = /^missing '(.*)' at '(.*)'$/.exec(text);
  if (missing)
    return at(`missing '${missing[1]}'${missing[2] === '<EOF>' ? ' at the end' : ` before '${missing[2]}'`}`);
  const token = /^token recognition error at: '(.*)'$/.exec(text);
  if (token) {
    const bad = token[1]!;
    if (bad.startsWith("'")) return at("unterminated string: a closing ' is missing");
    if (bad.startsWith('`')) return at('unterminated name: a closing ` is missing');
    return at(`unexpected character '${bad[0]}'`);
  }
  const viable = /^no viable alternative at input '(.*)'$/.exec(text);
  if (viable) return at(`cannot make sense of '${viable[1]}'`);
  return at(text);
}

function functionCalls(source: string): { name: string; line: number; column: number }[] {
  const calls: { name: string; line: number; column: number }[] = [];
  walk(parseAst(source), (node) => {
    if (node.type === 'FunctionInvocation' && node.text && node.start) {
      calls.push({ name: node.text.replace(/^`|`$/g, ''), line: node.start.line, column: node.start.column });
    }
  });
  return calls;
}

const functionExistence = new Map<string, boolean>();

/** fhirpath.js keeps its function table private; calling the function on an empty collection tells. */
function functionExists(name: string): boolean {
  if (Object.hasOwn(userInvocationTable, name)) return true;
  let known = functionExistence.get(name);
  if (known === undefined) {
    const warn = console.warn;
    console.warn = () => undefined; // fhirpath.js warns on arity mismatches; the probe passes no arguments
    try {
      const result: unknown = fhirpath.evaluate([], `{}.\`${name}\`()`, undefined, r4, {
        userInvocationTable,
      });
      if (result instanceof Promise) result.catch(() => undefined);
      known = true;
    } catch (err) {
      known = !String(err instanceof Error ? err.message : err).startsWith(`Not implemented: ${name}`);
    } finally {
      console.warn = warn;
    }
    functionExistence.set(name, known);
  }
  return known;
}

/** The %variables an expression reads, without the FHIRPath/FHIR built-ins. Assumes valid syntax. */
export const variableRefs: (source: string) => readonly VariableRef[] = memoByText(findVariableRefs);

function findVariableRefs(source: string): VariableRef[] {
  const refs: VariableRef[] = [];
  walk(parseAst(source), (node) => {
    if (node.type === 'InvocationExpression') {
      const [first, second] = node.children ?? [];
      const constant = first?.type === 'TermExpression' ? first.children?.[0] : undefined;
      if (
        constant?.type === 'ExternalConstantTerm' &&
        constant.text === 'inputs' &&
        second?.type === 'MemberInvocation'
      ) {
        refs.push({ kind: 'input', name: second.text!, ...constant.start! });
        return false;
      }
    }
    if (node.type === 'ExternalConstantTerm' && node.start) {
      const name = node.text ?? node.delimitedText ?? '';
      if (name !== 'inputs' && !isBuiltIn(name)) refs.push({ kind: 'variable', name, ...node.start });
    }
    return undefined;
  });
  return refs.map(({ kind, name, line, column }) => ({ kind, name, line, column }));
}

function isBuiltIn(name: string): boolean {
  return BUILT_IN_VARIABLES.has(name) || name.startsWith('vs-') || name.startsWith('ext-');
}
