// Identifies the code that builds suite models, so a cached model is only ever used by the same code.
// The build writes it beside the bundle (a hash of every file bundled); running from the TypeScript sources
// (tests, tsx), it is a hash of src/ and the locked dependency versions.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written by scripts/build.mjs into dist/cli/. */
export const FINGERPRINT_FILE = 'loader-fingerprint.txt';

let fingerprint: string | undefined;

export function loaderFingerprint(): string {
  if (fingerprint === undefined) {
    const built = new URL(`./${FINGERPRINT_FILE}`, import.meta.url);
    fingerprint = existsSync(built) ? readFileSync(built, 'utf8').trim() : sourcesFingerprint();
  }
  return fingerprint;
}

function sourcesFingerprint(): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const hash = createHash('sha256');
  for (const file of [...filesUnder(join(root, 'src')), join(root, 'package-lock.json')]) {
    hash.update(relative(root, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
