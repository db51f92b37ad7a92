// Compiles FHIRPath once per expression string (R4 model, project functions) and caches the result.
// Suites compile at load time, so a syntax error is reported with its position before anything runs.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { CompiledExpression } from '../model/suite.js';
import type { SourceLoc } from '../common/source-loc.js';
import { userInvocationTable } from './functions.js';

type Evaluator = (resource: unknown, env?: Record<string, unknown>) => unknown[];

const cache = new Map<string, Evaluator>();

/** A FHIRPath syntax error, with the line and column inside the expression (1-based). */
export class FhirpathSyntaxError extends Error {
  readonly code = 'FHIRPATH_SYNTAX';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Compiles (or reuses) an evaluator. Throws FhirpathSyntaxError on bad syntax. */
export function compileFhirpath(source: string): Evaluator {
  let fn = cache.get(source);
  if (!fn) {
    try {
      fn = fhirpath.compile(source, r4, { userInvocationTable }) as Evaluator;
    } catch (err) {
      throw toSyntaxError(err);
    }
    cache.set(source, fn);
  }
  return fn;
}

export function compileExpression(source: string, loc: SourceLoc): CompiledExpression {
  const fn = compileFhirpath(source);
  return {
    source,
    loc,
    evaluate: (resource, env) => fn(resource, env),
  };
}

/**
 * An expression already known to compile (it comes from a cached suite model), compiled when first
 * evaluated: parsing is most of the cost of loading a suite, and a run may never reach some expressions.
 */
export function lazyExpression(source: string, loc: SourceLoc): CompiledExpression {
  let fn: Evaluator | undefined;
  return {
    source,
    loc,
    evaluate: (resource, env) => (fn ??= compileFhirpath(source))(resource, env),
  };
}

/** fhirpath.js reports parse errors as "line: n; column: m; message: ..." lines. */
function toSyntaxError(err: unknown): FhirpathSyntaxError {
  const text = err instanceof Error ? err.message : String(err);
  const match = /line:\s*(\d+);\s*column:\s*(\d+);\s*message:\s*(.*)/.exec(text);
  if (match) return new FhirpathSyntaxError(match[3]!.trim(), Number(match[1]), Number(match[2]) + 1);
  return new FhirpathSyntaxError(text.split('\n')[0]!, 1, 1);
}
