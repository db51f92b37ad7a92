// Invariants (ElementDefinition.constraint) evaluated with fhirpath.js and the R4 model, each expression
// compiled once per (element path, expression). A few base invariants that hold on every element are
// checked natively by the walker instead, because evaluating them everywhere would dominate the cost.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { Constraint } from './compile.js';

type Evaluator = (data: unknown, env: Record<string, unknown>) => unknown[];

/**
 * Checked natively by the walker: ele-1 (no empty elements), ext-1 (value or children, not both) and
 * ref-1 (`#id` references point into contained).
 */
const NATIVE = new Set(['ele-1', 'ext-1', 'ref-1']);

/** Invariants that can only fail when a given element is present: skipped (they hold) when it is absent. */
const ONLY_WITH: Record<string, string> = {
  'dom-2': 'contained',
  'dom-3': 'contained',
  'dom-4': 'contained',
  'dom-5': 'contained',
  'obs-6': 'dataAbsentReason',
  'obs-7': 'component',
};

const compiled = new Map<string, Evaluator | null>();

export interface InvariantFailure {
  readonly constraint: Constraint;
}

/**
 * Evaluates the constraints on one value. `base` is the FHIRPath type path of the value
 * (e.g. `Observation.component`), used for choice types and `ofType()`.
 */
export function failedInvariants(
  constraints: readonly Constraint[],
  base: string,
  value: unknown,
  env: { resource: unknown; rootResource: unknown },
): Constraint[] {
  const failed: Constraint[] = [];
  for (const c of constraints) {
    if (NATIVE.has(c.key)) continue;
    const needs = ONLY_WITH[c.key];
    if (needs && (value as Record<string, unknown>)[needs] === undefined) continue;
    const fn = evaluator(base, c.expression);
    if (!fn) continue;
    let result: unknown[];
    try {
      result = fn(value, env);
    } catch {
      continue; // an expression fhirpath.js cannot evaluate (e.g. htmlChecks()) is not held against the resource
    }
    if (result.length === 1 && result[0] === false) failed.push(c);
  }
  return failed;
}

function evaluator(base: string, expression: string): Evaluator | undefined {
  const key = `${base}\u0000${expression}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    try {
      fn = fhirpath.compile({ base, expression }, r4, { traceFn: () => undefined }) as Evaluator;
    } catch {
      fn = null;
    }
    compiled.set(key, fn);
  }
  return fn ?? undefined;
}
