// `referenceKey()`: one comparable form for everything that names a resource, so suites can tell whether a
// reference points at a resource whatever way the server wrote it. R4 allows relative, absolute and
// versioned literal references ("Observation/1", "https://host/fhir/Observation/1/_history/2").
import type { UserInvocationTable } from 'fhirpath';

const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;

/** `Type/id` for a literal reference, a Reference or a resource; other URIs (urn:uuid, #contained) as they are. */
export function referenceKey(item: unknown): string | undefined {
  if (typeof item === 'string') return keyOfReference(item);
  if (item === null || typeof item !== 'object') return undefined;
  const obj = item as { resourceType?: unknown; id?: unknown; reference?: unknown };
  if (typeof obj.resourceType === 'string' && typeof obj.id === 'string')
    return `${obj.resourceType}/${obj.id}`;
  // A Reference (with only an identifier it names no resource literally).
  return typeof obj.reference === 'string' ? keyOfReference(obj.reference) : undefined;
}

function keyOfReference(reference: string): string | undefined {
  const text = reference.trim();
  if (text === '') return undefined;
  if (text.startsWith('#') || /^urn:/i.test(text)) return text;
  const path = text.split(/[?#]/)[0]!.replace(/\/_history\/[^/]+$/, '');
  const segments = path.split('/').filter(Boolean);
  const [type, id] = segments.slice(-2);
  return type !== undefined && id !== undefined && RESOURCE_TYPE.test(type) ? `${type}/${id}` : text;
}

export const referenceFunctions: UserInvocationTable = {
  referenceKey: {
    fn: (inputs: unknown[]) => inputs.flatMap((item) => referenceKey(item) ?? []),
    arity: { 0: [] },
  },
};
