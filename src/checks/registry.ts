// The check registry: each family turns its part of a step's `expect` into planned checks. Plans are cached
// per Expectation object. A new FHIRPath operator is one entry in operators.ts; a new `expect` key (a family)
// is a file here and a line below, plus its key in the suite model, schema and builder (src/suite/).
import type { Expectation } from '../model/suite.js';
import { conformsToChecks } from './conforms-to.js';
import { contentTypeChecks } from './content-type.js';
import { fhirpathChecks } from './fhirpath.js';
import { headerChecks } from './headers.js';
import { minimumChecks } from './minimum.js';
import { statusChecks } from './status.js';
import type { PlannedCheck } from './types.js';

export type CheckFamily = (expect: Expectation | undefined) => PlannedCheck[];

export const checkFamilies: readonly CheckFamily[] = [
  statusChecks,
  contentTypeChecks,
  headerChecks,
  (expect) => fhirpathChecks(expect?.fhirpath ?? []),
  conformsToChecks,
  minimumChecks,
];

const planned = new WeakMap<Expectation, readonly PlannedCheck[]>();
let plannedWithoutExpect: readonly PlannedCheck[] | undefined;

/** The checks of one step, in report order (status first). */
export function planChecks(expect: Expectation | undefined): readonly PlannedCheck[] {
  if (!expect) return (plannedWithoutExpect ??= checkFamilies.flatMap((family) => family(undefined)));
  let checks = planned.get(expect);
  if (!checks) {
    checks = checkFamilies.flatMap((family) => family(expect));
    planned.set(expect, checks);
  }
  return checks;
}
