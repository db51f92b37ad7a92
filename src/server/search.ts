// FHIR search over the store: Medplum matches reference and date parameters (and sorts); the other
// types are matched locally (search-match.ts); this module pages the result, adds _include/_revinclude
// entries, fullUrls, total and absolute Bundle links. Unknown parameters are ignored and left out of `self`.
import './websocket-shim.js'; // before any @medplum import
import { OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, Resource, ResourceType } from '@medplum/fhirtypes';
import { type IncludeParam, includedEntries, parseInclude } from './include.js';
import { searchParameter, searchParametersOf } from './medplum.js';
import { HttpError, invalidParameter } from './outcome.js';
import { pagingLinks } from './paging.js';
import { type LocalFilter, isLocal, matchesLocalFilter } from './search-match.js';
import type { ReferenceStore } from './store.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

const IGNORED = new Set(['_format', '_pretty', '_total', '_elements', '_summary', '_count', '_offset']);

export interface SearchOptions {
  readonly baseUrl: string;
  readonly omitNextLink?: boolean;
}

function nonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw invalidParameter(`${name} must be a non-negative integer; got "${value}"`);
  return Number(value);
}

export function isKnownResourceType(resourceType: string): boolean {
  return /^[A-Z][A-Za-z]+$/.test(resourceType) && Object.keys(searchParametersOf(resourceType)).length > 0;
}

/** A filter whose FHIRPath cannot be evaluated here is the client's answer (400), not a server crash. */
function matchLocal(resource: Resource, filter: LocalFilter): boolean {
  try {
    return matchesLocalFilter(resource, filter);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(
      400,
      `The search parameter ${filter.param.code} is not supported here: ${(err as Error).message}`,
      'not-supported',
    );
  }
}

export async function search(
  store: ReferenceStore,
  resourceType: string,
  pairs: readonly (readonly [string, string])[],
  options: SearchOptions,
): Promise<Bundle> {
  if (!isKnownResourceType(resourceType)) throw new HttpError(404, `Unknown resource type "${resourceType}"`);
  let count = DEFAULT_PAGE_SIZE;
  let offset = 0;
  let countOnly = false;
  const medplumQuery: Record<string, string[]> = {};
  const local: LocalFilter[] = [];
  const used: [string, string][] = [];
  const includes: IncludeParam[] = [];

  for (const [key, value] of pairs) {
    const [code, modifier = ''] = key.split(':', 2) as [string, string?];
    if (code === '_count') count = Math.min(nonNegativeInt('_count', value), MAX_PAGE_SIZE);
    else if (code === '_offset') offset = nonNegativeInt('_offset', value);
    else if (code === '_summary' && value === 'count') countOnly = true;
    if (IGNORED.has(code)) continue;
    if (code === '_include' || code === '_revinclude' || code === '_sort') {
      if (code === '_sort') (medplumQuery[key] ??= []).push(value);
      else includes.push(parseInclude(key, value));
      used.push([key, value]);
      continue;
    }
    const param = searchParameter(resourceType, code);
    if (!param?.type || param.type === 'special') continue; // unknown or unsupported: ignored (lenient handling)
    used.push([key, value]);
    if (isLocal(param.type, modifier)) local.push({ param, modifier, value });
    else (medplumQuery[key] ??= []).push(value);
  }

  let matches: Resource[];
  try {
    if (Object.keys(medplumQuery).length) {
      const request = parseSearchRequest(resourceType as ResourceType, medplumQuery);
      const result = await store.repo.search({ ...request, count: undefined, offset: undefined });
      matches = (result.entry ?? []).map((e) => e.resource as Resource);
    } else matches = [...(await store.snapshot(resourceType))];
  } catch (err) {
    if (err instanceof OperationOutcomeError) throw invalidParameter(err.message);
    throw err;
  }
  if (local.length) matches = matches.filter((r) => local.every((f) => matchLocal(r, f)));

  const total = matches.length;
  const searchUrl = `${options.baseUrl}/${resourceType}`;
  const fullUrl = (r: Resource): string => `${options.baseUrl}/${r.resourceType}/${r.id}`;
  const page = countOnly ? [] : matches.slice(offset, offset + count);
  const entries: BundleEntry[] = page.map((resource) => ({
    fullUrl: fullUrl(resource),
    resource,
    search: { mode: 'match' },
  }));
  if (page.length && includes.length)
    entries.push(...(await includedEntries(store, includes, page, fullUrl)));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: pagingLinks(
      searchUrl,
      used,
      { count: countOnly ? 0 : count, offset, total },
      { omitNext: options.omitNextLink },
    ),
    ...(entries.length ? { entry: entries } : {}),
  };
}
