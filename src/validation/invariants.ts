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

type Json = Record<string, unknown>;
type Present = (value: Json) => boolean;
const has =
  (name: string): Present =>
  (value) =>
    value[name] !== undefined;
/** Some property of the choice `prefix[x]` is present, or its `_` companion (which FHIRPath also sees). */
const hasChoice = (prefix: string): Present => {
  const companion = `_${prefix}`;
  return (value) => Object.keys(value).some((key) => key.startsWith(prefix) || key.startsWith(companion));
};
const both =
  (a: Present, b: Present): Present =>
  (value) =>
    a(value) && b(value);

/**
 * Invariants that can only fail when given elements are present: skipped (they hold) otherwise. obs-7
 * (`value.empty() or component.code.where(...)`) was most of the validator's time on genomics Observations,
 * which have components but no value.
 */
const ONLY_WITH: Record<string, Present> = {
  'dom-2': has('contained'),
  'dom-3': has('contained'),
  'dom-4': has('contained'),
  'dom-5': has('contained'),
  'obs-6': has('dataAbsentReason'),
  'obs-7': both(has('component'), hasChoice('value')),
};

/**
 * Faster forms of some invariants, with the same result on every input. obs-7 (no component code may
 * repeat the Observation's code while it has a value) navigated %resource.code.coding once per component;
 * "no component coding is among the codings of the code" says the same with one intersect.
 */
const EQUIVALENT: Record<string, string> = {
  'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()':
    'value.empty() or component.code.coding.intersect(%resource.code.coding).empty()',
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
    if (needs && !needs(value as Json)) continue;
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
      fn = fhirpath.compile({ base, expression: EQUIVALENT[expression] ?? expression }, r4, {
        traceFn: () => undefined,
      }) as Evaluator;
    } catch {
      fn = null;
    }
    compiled.set(key, fn);
  }
  return fn ?? undefined;
}
