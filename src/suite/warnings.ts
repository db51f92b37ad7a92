// Suite patterns that load and run but can give a verdict the data did not earn. `fgc lint` shows them as
// warnings (they do not stop a run: a suite from elsewhere may use them knowingly).
import { SuiteError } from '../common/errors.js';
import { onlySuccess } from '../checks/status.js';
import type { CompiledExpression, Scenario, Step, Suite } from '../model/suite.js';

export function suiteWarnings(suite: Suite): SuiteError[] {
  const steps = [...suite.setup, ...suite.scenarios.flatMap((s) => s.steps), ...suite.teardown];
  return [
    ...steps.flatMap((step) => [
      ...expressionsOf(step).flatMap(subsetOfWithDuplicates),

      ...Object.values(step.capture).flatMap(orderDependentCapture),
    ]),
    ...suite.scenarios.flatMap(uncheckedRequirements),
    ...suite.unknownNames.map(
      ({ message, loc }) =>
        new SuiteError(
          'UNKNOWN_MODEL_NAME',
          `${message}: it would evaluate to nothing, and the server would be blamed`,
          loc,
        ),
    ),
  ];
}

/**
 * A requirement a scenario names but none of its checks tests: it can never be exercised (only checks that
 * name a requirement, or inherit the scenario's, count), so a run can never call it passed.
 */
function uncheckedRequirements(scenario: Scenario): SuiteError[] {
  const named = new Set<string>();
  let inherits = false;
  for (const step of scenario.steps) {
    const expect = step.expect;
    if (!expect) continue;
    for (const check of expect.fhirpath) {
      if (check.requirements) check.requirements.forEach((r) => named.add(r));
      else inherits = true;
    }
    for (const trace of [expect.statusTrace, expect.contentTypeTrace, expect.conformsTo?.trace])
      trace?.requirements.forEach((r) => named.add(r));
    const statusTestsScenario = !expect.statusTrace && !onlySuccess(expect.status);
    const conformsToTestsScenario = expect.conformsTo && !expect.conformsTo.trace;
    if (statusTestsScenario || conformsToTestsScenario || expect.minimum || expect.headerExists.length)
      inherits = true;
    if (Object.keys(expect.headers).length) inherits = true;
  }
  if (inherits) return [];
  return scenario.requirements
    .filter((r) => !named.has(r))
    .map(
      (r) =>
        new SuiteError(
          'REQUIREMENT_UNCHECKED',
          `scenario ${scenario.id} names requirement ${r}, but none of its checks tests it: name it on the check that does, or drop it`,
          scenario.loc,
        ),
    );
}

function expressionsOf(step: Step): CompiledExpression[] {
  return [
    ...Object.values(step.capture),
    ...Object.values(step.captureList),
    ...(step.requireData ? [step.requireData] : []),
    ...(step.expect?.fhirpath.map((check) => check.that) ?? []),
  ];
}

/**
 * FHIRPath `subsetOf` is false as soon as its input holds more items than its argument, so duplicates
 * (two implications deriving from one variant) make a true subset look false.
 */
function subsetOfWithDuplicates(expr: CompiledExpression): SuiteError[] {
  const uses = [...expr.source.matchAll(/\.\s*subsetOf\s*\(/g)];
  const unguarded = uses.filter((m) => !/distinct\(\)\s*$/.test(expr.source.slice(0, m.index)));
  return unguarded.length === 0
    ? []
    : [
        new SuiteError(
          'SUBSET_DUPLICATES',
          'subsetOf() without distinct() before it: repeated items (e.g. two implications from one variant) make it false; write X.distinct().subsetOf(Y)',
          expr.loc,
        ),
      ];
}

/**
 * `first()` inside a capture picks one resource before looking for the element, so the value (and whether
 * there is one) depends on the order the server returns resources in. A capture already keeps the first
 * value of its whole result.
 */
function orderDependentCapture(expr: CompiledExpression): SuiteError[] {
  const source = expr.source.trim();
  const inner = [...source.matchAll(/\.\s*first\(\)/g)].filter((m) => m.index + m[0].length < source.length);
  return inner.length === 0
    ? []
    : [
        new SuiteError(
          'ORDER_DEPENDENT_CAPTURE',
          "first() inside a capture makes the value depend on the server's sort order; drop it (a capture keeps the first value of its whole result)",
          expr.loc,
        ),
      ];
}
