// The IG's own examples as (resource, declared profile) pairs: every standalone example and every Bundle
// entry, against each meta.profile that is a StructureDefinition of the package.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePackage } from '../../src/packages/install.js';
import { parsePackageRef } from '../../src/packages/cache.js';

export const IG = 'hl7.fhir.uv.genomics-reporting#3.0.0';

type Json = Record<string, unknown>;

export interface ExamplePair {
  readonly name: string;
  readonly resource: Json;
  readonly profile: string;
  readonly bundle?: Json;
}

export async function igPackageDir(): Promise<string> {
  return ensurePackage(parsePackageRef(IG));
}

export async function loadExamplePairs(): Promise<{
  pairs: ExamplePair[];
  standalone: number;
  inBundles: number;
}> {
  const dir = await igPackageDir();
  const profiles = new Set(
    readdirSync(dir)
      .filter((f) => f.startsWith('StructureDefinition-'))
      .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { url: string }).url),
  );
  const pairs: ExamplePair[] = [];
  let standalone = 0;
  let inBundles = 0;
  const declared = (r: Json) =>
    (((r.meta as Json | undefined)?.profile as string[] | undefined) ?? []).filter((p) => profiles.has(p));
  for (const file of readdirSync(join(dir, 'example'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const resource = JSON.parse(readFileSync(join(dir, 'example', file), 'utf8')) as Json;
    for (const profile of declared(resource)) {
      pairs.push({ name: file, resource, profile });
      standalone++;
    }
    if (resource.resourceType !== 'Bundle') continue;
    ((resource.entry as { resource?: Json }[] | undefined) ?? []).forEach((entry, i) => {
      if (!entry.resource) return;
      for (const profile of declared(entry.resource)) {
        pairs.push({ name: `${file} entry[${i}]`, resource: entry.resource, profile, bundle: resource });
        inBundles++;
      }
    });
  }
  return { pairs, standalone, inBundles };
}
