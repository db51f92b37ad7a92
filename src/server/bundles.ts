// Flattens Bundles into their entries and rewrites references between entries (`urn:uuid:…` and
// absolute fullUrls) to relative `Type/id` references, so the entries can be stored one by one.
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** Returns every resource in `items`: non-Bundles as they are, Bundle entries with their references rewritten. */
export function flattenResources(items: readonly unknown[], source: string): Resource[] {
  const out: Resource[] = [];
  for (const [i, item] of items.entries()) {
    if (!isResource(item)) throw new Error(`${source}: item ${i} is not a FHIR resource (no resourceType)`);
    if (item.resourceType === 'Bundle') out.push(...bundleEntries(item as Bundle, source));
    else out.push(item);
  }
  return out;
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as Resource).resourceType === 'string';
}

function bundleEntries(bundle: Bundle, source: string): Resource[] {
  const aliases = new Map<string, string>();
  const resources: Resource[] = [];
  for (const [i, entry] of (bundle.entry ?? []).entries()) {
    const resource = entry.resource;
    if (!resource) continue;
    if (!resource.id) {
      const uuid = /^urn:uuid:([A-Za-z0-9-]{1,64})$/.exec(entry.fullUrl ?? '')?.[1];
      if (!uuid) throw new Error(`${source}: Bundle entry ${i} has no resource id and no urn:uuid fullUrl`);
      resource.id = uuid;
    }
    if (entry.fullUrl) aliases.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
    resources.push(resource);
  }
  return resources.map((r) => rewriteReferences(r, aliases));
}

function rewriteReferences<T>(value: T, aliases: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, aliases)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === 'reference' && typeof v === 'string' && aliases.has(v)
        ? aliases.get(v)
        : rewriteReferences(v, aliases);
  }
  return out as T;
}
