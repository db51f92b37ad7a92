// Says where a failing value sits in a response: `Bundle.entry[3].resource = Observation/abc` for resources,
// and for values reached through `Bundle.entry.resource.…` the entry they came from.
import { evaluateSource, type FhirpathEnv } from '../fhirpath/evaluate.js';

interface Resource {
  readonly resourceType: string;
  readonly id?: string;
}

export function isResource(value: unknown): value is Resource {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

/** `Observation/abc` (or just the type when there is no id). */
export function resourceLabel(resource: Resource): string {
  return resource.id ? `${resource.resourceType}/${resource.id}` : resource.resourceType;
}

function bundleEntries(body: unknown): readonly { resource?: unknown }[] | undefined {
  if (!isResource(body) || body.resourceType !== 'Bundle') return undefined;
  const entry = (body as { entry?: unknown }).entry;
  return Array.isArray(entry) ? (entry as { resource?: unknown }[]) : undefined;
}

function entryLocation(index: number, resource: unknown): string {
  const label = isResource(resource) ? ` = ${resourceLabel(resource)}` : '';
  return `Bundle.entry[${index}].resource${label}`;
}

/** Where a resource sits in the body: the body itself, or a Bundle entry (found by identity). */
export function locateResource(body: unknown, resource: unknown): string | undefined {
  if (!isResource(resource)) return undefined;
  if (resource === body) return resourceLabel(resource);
  const entries = bundleEntries(body);
  const index = entries?.findIndex((e) => e.resource === resource) ?? -1;
  return index >= 0 ? entryLocation(index, resource) : resourceLabel(resource);
}

const PER_ENTRY = /^(?:Bundle\.)?entry\.resource\.(.+)$/s;

/**
 * For an expression `Bundle.entry.resource.<rest>` on a Bundle: the first entry whose own `<rest>` result
 * satisfies `isCulprit`. Only runs on the failure path, so its cost does not matter.
 */
export function locateEntry(
  body: unknown,
  source: string,
  env: FhirpathEnv,
  isCulprit: (perEntry: unknown[]) => boolean,
): string | undefined {
  const entries = bundleEntries(body);
  const rest = PER_ENTRY.exec(source.trim())?.[1];
  if (!entries || !rest) return undefined;
  try {
    for (let i = 0; i < entries.length; i++) {
      const resource = entries[i]!.resource;
      if (resource !== undefined && isCulprit(evaluateSource(rest, resource, env))) {
        return entryLocation(i, resource);
      }
    }
  } catch {
    // The suffix alone may not be a valid expression (e.g. it refers to %resource); no location then.
  }
  return undefined;
}

/** True when the expression's per-entry part is an `all(...)` test, so one entry can be blamed. */
export function endsWithAll(source: string): boolean {
  const rest = PER_ENTRY.exec(source.trim())?.[1] ?? '';
  return /(?:^|\.)all\(.*\)$/s.test(rest);
}
