// Reads the synthetic cohort: every *.json file (a resource, a Bundle or an array of them) in
// src/server/data/cohort/. A missing folder means no cohort; an unreadable file is an error naming it.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';
import { flattenResources } from './bundles.js';

/** The cohort folder, found both from src/server (tsx) and dist/server (compiled, where it is not copied). */
export function defaultCohortDir(): string | undefined {
  const candidates = [
    new URL('./data/cohort/', import.meta.url),
    new URL('../../src/server/data/cohort/', import.meta.url),
  ];
  return candidates.map((u) => fileURLToPath(u)).find((dir) => existsSync(dir));
}

export async function loadCohort(dir: string | undefined = defaultCohortDir()): Promise<Resource[]> {
  if (!dir || !existsSync(dir)) return [];
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  const out: Resource[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot read cohort file ${path}: ${(err as Error).message}`, { cause: err });
    }
    out.push(...flattenResources(Array.isArray(parsed) ? parsed : [parsed], path));
  }
  return out;
}
