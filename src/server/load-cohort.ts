// Reads the synthetic cohort: every *.json file (a resource, a Bundle or an array of them) in
// src/server/data/cohort/. A missing folder means no cohort; an unreadable file is an error naming it.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';
import { flattenResources } from './bundles.js';

/**
 * The cohort folder in the source tree. The JSON files are not copied to dist/, so both src/server
 * (tsx) and dist/server (compiled) read them from src/server/data/cohort.
 */
export function defaultCohortDir(): string {
  return fileURLToPath(new URL('../../src/server/data/cohort/', import.meta.url));
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
