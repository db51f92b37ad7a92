// LOINC answer lists the IG binds as required but no reachable FHIR package carries. They ship with the
// project as small ValueSets, each code cited to its LOINC answer list page (see the JSON files).
import type { DefinitionStore } from '../structure-definitions.js';
import ll1971 from './LL1971-2.json' with { type: 'json' };
import ll2938 from './LL2938-0.json' with { type: 'json' };
import ll4049 from './LL4049-4.json' with { type: 'json' };

export const SHIPPED_VALUE_SETS = [ll1971, ll2938, ll4049] as const;

/** Adds the shipped ValueSets; a package that defines the same URL (loaded earlier) takes precedence. */
export function addShippedTerminology(store: DefinitionStore): void {
  for (const vs of SHIPPED_VALUE_SETS) store.add(vs);
}
