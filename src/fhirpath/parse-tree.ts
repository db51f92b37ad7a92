// fhirpath.js's parse tree, read by the load-time checks (syntax details, variables, rule subjects, model
// names). Parsed once per expression text: suites repeat the same checks many times.
import fhirpath from 'fhirpath';

export interface AstNode {
  readonly type: string;
  readonly text?: string;
  readonly delimitedText?: string;
  readonly start?: { readonly line: number; readonly column: number };
  readonly children?: readonly AstNode[];
}

/** Results by expression text: suites repeat the same checks many times, and parsing dominates loading. */
export function memoByText<T>(compute: (source: string) => T): (source: string) => T {
  const results = new Map<string, T>();
  return (source) => {
    if (!results.has(source)) results.set(source, compute(source));
    return results.get(source) as T;
  };
}

/** The parse tree of an expression; throws on a syntax error. */
export const parseAst = memoByText((source) => fhirpath.parse(source) as AstNode);

/** The parse tree, or undefined for an expression that does not parse (the compiler reports those). */
export function tryParseAst(source: string): AstNode | undefined {
  try {
    return parseAst(source);
  } catch {
    return undefined;
  }
}

/** Visits every node, depth first; a visitor returning false skips that node's children. */
export function walk(node: AstNode, visit: (node: AstNode) => boolean | void): void {
  if (visit(node) === false) return;
  for (const child of node.children ?? []) walk(child, visit);
}
