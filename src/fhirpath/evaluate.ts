// Runs compiled FHIRPath against a response body with the suite's environment (%inputs, captures, the
// forEach variable) and turns fhirpath.js runtime throws into FhirpathRuntimeError (a suite fault, not a bug).
import type { CompiledExpression } from '../model/suite.js';
import type { SourceLoc } from '../common/source-loc.js';
import { formatLoc } from '../common/source-loc.js';
import { compileFhirpath } from './compile.js';

/** FHIRPath environment variables: `inputs` plus captures and the forEach variable by name. */
export type FhirpathEnv = Record<string, unknown>;

/** An expression failed while running (wrong argument type, undefined variable...). The scenario becomes `error`. */
export class FhirpathRuntimeError extends Error {
  readonly code = 'FHIRPATH_RUNTIME';
  constructor(
    message: string,
    readonly expression: string,
    readonly loc?: SourceLoc,
  ) {
    super(message);
    this.name = 'FhirpathRuntimeError';
  }
}

export function evaluateExpression(expr: CompiledExpression, resource: unknown, env: FhirpathEnv): unknown[] {
  try {
    return expr.evaluate(resource ?? {}, env);
  } catch (err) {
    throw runtimeError(expr.source, err, expr.loc);
  }
}

/** Evaluates expression text (compiled once and cached); used for derived expressions such as per-entry suffixes. */
export function evaluateSource(source: string, resource: unknown, env: FhirpathEnv): unknown[] {
  const fn = compileFhirpath(source);
  try {
    return fn(resource ?? {}, env);
  } catch (err) {
    throw runtimeError(source, err);
  }
}

/** FHIRPath singleton evaluation of a collection as a condition: empty and `false` are false. */
export function isTrue(result: readonly unknown[]): boolean {
  if (result.length === 0) return false;
  if (result.length === 1) return result[0] !== false;
  return true;
}

function runtimeError(source: string, err: unknown, loc?: SourceLoc): FhirpathRuntimeError {
  const cause = err instanceof Error ? err.message : String(err);
  const where = loc ? `${formatLoc(loc)}: ` : '';
  return new FhirpathRuntimeError(`${where}FHIRPath "${source}" failed: ${cause}`, source, loc);
}
