// One validator for all validation test files: compiling profiles once keeps the tests fast.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createValidator, type GenomicsValidator } from '../../src/validation/index.js';
import { igPackageDir } from './ig-examples.js';

let shared: Promise<GenomicsValidator> | undefined;

export function sharedValidator(): Promise<GenomicsValidator> {
  return (shared ??= createValidator());
}

export const GR = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';

/** A fresh copy of one IG example file (e.g. `Observation-ATR-insertion-var.json`). */
export async function example(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(readFileSync(join(await igPackageDir(), 'example', file), 'utf8')) as Record<
    string,
    unknown
  >;
}
