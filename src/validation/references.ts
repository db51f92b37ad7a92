// Reference resolution inside what the validator was given: contained resources (`#id`), Bundle entries
// (`urn:uuid:`, absolute fullUrls, `Type/id`), and extra resources passed by the caller.
export type JsonObject = Record<string, unknown>;

export interface ReferenceScope {
  /** The resource that holds the reference (for `#id`). */
  readonly container: JsonObject;
  readonly bundle?: JsonObject;
  readonly resources: readonly unknown[];
}

/** The referenced resource, or undefined when it is not among what the validator was given. */
export function resolveReference(reference: string, scope: ReferenceScope): JsonObject | undefined {
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    const contained = scope.container.contained;
    return Array.isArray(contained)
      ? (contained.find((r) => (r as JsonObject)?.id === id) as JsonObject | undefined)
      : undefined;
  }
  const typeAndId = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  for (const entry of bundleEntries(scope.bundle)) {
    if (entry.fullUrl === reference) return entry.resource;
  }
  if (!typeAndId) return undefined;
  const [, type, id] = typeAndId;
  const candidates = [...bundleEntries(scope.bundle).map((e) => e.resource), ...scope.resources];
  return candidates.find((r): r is JsonObject => isResource(r) && r.resourceType === type && r.id === id);
}

/** The resource type a literal reference names (`Patient/1`, `https://x/Patient/1`), if it names one. */
export function referencedType(reference: string): string | undefined {
  return /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[^/]+)?$/.exec(reference)?.[1];
}

function bundleEntries(bundle: JsonObject | undefined): { fullUrl?: string; resource: JsonObject }[] {
  const entries = bundle?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.filter((e): e is { fullUrl?: string; resource: JsonObject } =>
    isResource((e as JsonObject)?.resource),
  );
}

function isResource(value: unknown): value is JsonObject {
  return (
    value !== null && typeof value === 'object' && typeof (value as JsonObject).resourceType === 'string'
  );
}
