// Server-assigned ids: every resource is stored under a new UUID and every reference to it is rewritten, as
// servers that assign their own ids do (Medplum, HAPI, most cloud FHIR services). A client then has to find
// ids (by identifier, by search) instead of knowing them, which is what `fgc init` is tested against.
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';

/** Returns copies of `resources` with new ids; references `Type/id` to any of them point at the new id. */
export function assignServerIds(
  resources: readonly Resource[],
  newId: () => string = randomUUID,
): Resource[] {
  const ids = new Map<string, string>();
  for (const r of resources) {
    const key = `${r.resourceType}/${r.id}`;
    if (r.id && !ids.has(key)) ids.set(key, newId());
  }
  return resources.map((r) => {
    const copy = rewriteReferences(r, ids);
    return r.id ? { ...copy, id: ids.get(`${r.resourceType}/${r.id}`)! } : copy;
  });
}

function rewriteReferences<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, ids)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === 'reference' && typeof v === 'string' ? rewritten(v, ids) : rewriteReferences(v, ids);
  }
  return out as T;
}

/** `Patient/p1` (also with a base URL before it or `/_history/n` after it) with the new id; others as they are. */
function rewritten(reference: string, ids: ReadonlyMap<string, string>): string {
  const match = /^(.*?)([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(\/_history\/[^/]+)?$/.exec(reference);
  if (!match) return reference;
  const [, prefix, type, id, history] = match;
  if (prefix && !prefix.endsWith('/')) return reference;
  const next = ids.get(`${type}/${id}`);
  return next ? `${prefix}${type}/${next}${history ?? ''}` : reference;
}
