// _include and _revinclude (with :iterate). Done here rather than by Medplum, whose include code needs
import './websocket-shim.js'; // before any @medplum import
// the typed R4 StructureDefinitions (about a second to index at start-up) to recognise references.
import { parseSearchRequest } from '@medplum/core';
import type { BundleEntry, Resource, ResourceType } from '@medplum/fhirtypes';
import { compileFhirpath } from '../fhirpath/compile.js';
import { expressionFor, searchParameter } from './medplum.js';
import { invalidParameter } from './outcome.js';
import type { ReferenceStore } from './store.js';

export interface IncludeParam {
  readonly reverse: boolean;
  readonly iterate: boolean;
  readonly sourceType: string;
  readonly code: string;
  readonly targetType?: string;
}

const MAX_ITERATIONS = 4;

export function parseInclude(key: string, value: string): IncludeParam {
  const [sourceType, code, targetType] = value.split(':');
  const param = sourceType && code ? searchParameter(sourceType, code) : undefined;
  if (!param || param.type !== 'reference')
    throw invalidParameter(
      `${key}=${value} does not name a reference search parameter (expected Type:parameter[:TargetType])`,
    );
  return {
    reverse: key.startsWith('_revinclude'),
    iterate: key.endsWith(':iterate'),
    sourceType: sourceType!,
    code: code!,
    ...(targetType ? { targetType } : {}),
  };
}

function referencesOf(resource: Resource, param: IncludeParam): string[] {
  const definition = searchParameter(param.sourceType, param.code);
  const expression = definition ? expressionFor(definition, param.sourceType) : '';
  const nodes = compileFhirpath(expression)(resource) as { reference?: unknown }[];
  return nodes
    .map((n) =>
      typeof n?.reference === 'string' ? n.reference.replace(/^.*\/([A-Z][A-Za-z]+\/[^/]+)$/, '$1') : '',
    )
    .filter((r) => /^[A-Z][A-Za-z]+\/[^/]+$/.test(r))
    .filter((r) => !param.targetType || r.startsWith(`${param.targetType}/`));
}

async function step(
  store: ReferenceStore,
  param: IncludeParam,
  base: readonly Resource[],
): Promise<Resource[]> {
  if (!param.reverse) {
    const refs = new Set(
      base.filter((r) => r.resourceType === param.sourceType).flatMap((r) => referencesOf(r, param)),
    );
    const found = await Promise.all(
      [...refs].map((ref) => store.read(...(ref.split('/') as [string, string])).catch(() => undefined)),
    );
    return found.filter((r): r is Resource => Boolean(r));
  }
  const targets = base.map((r) => `${r.resourceType}/${r.id}`);
  if (!targets.length) return [];
  const request = parseSearchRequest(param.sourceType as ResourceType, { [param.code]: targets.join(',') });
  return ((await store.repo.search(request)).entry ?? []).map((e) => e.resource as Resource);
}

/** Entries to add for the page's resources (search.mode = include), without duplicates. */
export async function includedEntries(
  store: ReferenceStore,
  params: readonly IncludeParam[],
  page: readonly Resource[],
  fullUrl: (r: Resource) => string,
): Promise<BundleEntry[]> {
  const seen = new Set(page.map((r) => `${r.resourceType}/${r.id}`));
  const out: BundleEntry[] = [];
  let base: readonly Resource[] = page;
  for (let round = 0; round < MAX_ITERATIONS && base.length; round++) {
    const active = params.filter((p) => round === 0 || p.iterate);
    const added: Resource[] = [];
    for (const param of active) {
      for (const r of await step(store, param, base)) {
        const key = `${r.resourceType}/${r.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        added.push(r);
        out.push({ fullUrl: fullUrl(r), resource: r, search: { mode: 'include' } });
      }
    }
    base = added;
  }
  return out;
}
