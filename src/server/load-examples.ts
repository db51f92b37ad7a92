// Reads the published IG examples (hl7.fhir.uv.genomics-reporting#3.0.0, folder example/) from the FHIR
// package cache, fetching the package when it is missing. Parameters resources (operation outputs) are skipped.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { type PackageRef, parsePackageRef } from '../packages/cache.js';
import { ensurePackage } from '../packages/install.js';
import { flattenResources } from './bundles.js';

export const IG_PACKAGE = 'hl7.fhir.uv.genomics-reporting#3.0.0';

export class ExamplesUnavailableError extends Error {
  readonly code = 'EXAMPLES_UNAVAILABLE';
}

let cached: Promise<Resource[]> | undefined;

/** The IG examples, read once per process (each caller gets its own copy). */
export async function loadIgExamples(): Promise<Resource[]> {
  cached ??= readExamples(ensurePackage).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return structuredClone(await cached);
}

/** Reads the examples of the package `ensure` finds (or fetches); exported for tests. */
export async function readExamples(ensure: (ref: PackageRef) => Promise<string>): Promise<Resource[]> {
  let dir: string;
  try {
    dir = join(await ensure(parsePackageRef(IG_PACKAGE)), 'example');
  } catch (err) {
    throw new ExamplesUnavailableError(
      `The reference server needs the IG examples from ${IG_PACKAGE}, which are not in the FHIR package cache ` +
        `and could not be fetched: ${(err as Error).message} ` +
        `Run \`fgc ig install ${IG_PACKAGE}\` once with network access, or start the server with includeExamples: false.`,
      { cause: err },
    );
  }
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const items = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as unknown),
  );
  return flattenResources(
    items.filter((r) => (r as Resource).resourceType !== 'Parameters'),
    dir,
  );
}
