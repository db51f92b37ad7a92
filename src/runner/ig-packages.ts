// The IG packages a run used, with a SHA-256 over each cached package's files, so a report can prove
// exactly which definitions the verdicts were made against.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { cachedPackageDir, parsePackageRef } from '../packages/cache.js';

export interface UsedPackage {
  readonly id: string;
  readonly version: string;
  readonly sha256?: string;
}

export async function describePackages(refs: Iterable<string>): Promise<UsedPackage[]> {
  const unique = [...new Set(refs)].sort();
  return Promise.all(
    unique.map(async (text) => {
      const ref = parsePackageRef(text);
      const dir = cachedPackageDir(ref);
      return dir ? { ...ref, sha256: await hashFolder(dir) } : { ...ref };
    }),
  );
}

async function hashFolder(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    hash
      .update(relative(dir, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}
