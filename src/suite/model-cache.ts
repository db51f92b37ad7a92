// Files of built suite models kept between runs. An entry's name holds the hash of everything the model was
// built from (its key), so a changed suite, catalog or loader simply finds no entry. Each source file has one
// slot: writing a new entry removes the slot's older ones, so editing a suite does not grow the cache.
// Every failure here (unreadable, corrupt, read-only folder) only means loading from the YAML again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFolder, writeFileAtomically } from '../common/cache-files.js';
import { loaderFingerprint } from './loader-fingerprint.js';

/** Bump when the entry format changes. */
const FORMAT = 1;
/** Beyond this many entries, the least recently written ones go (suites in folders long deleted). */
const MAX_ENTRIES = 1000;

/** Models of the bundled suites, built by scripts/build.mjs (read only). */
const PREBUILT_MODELS = fileURLToPath(new URL('../suite-models/', import.meta.url));

export function sha256(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  // Length-prefixed, so that no two different lists of parts hash alike.
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest('hex');
}

/** Where a model belongs: the slot is its source file, the key everything it is built from. */
export interface CacheAddress {
  readonly slot: readonly string[];
  readonly key: readonly string[];
}

export class ModelCache {
  private readonly folder: string;
  private readonly folders: readonly string[];

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.folder = join(cacheFolder(env), 'suite-models');
    this.folders = [PREBUILT_MODELS, this.folder];
  }

  get(address: CacheAddress): unknown {
    const name = entryName(address);
    for (const folder of this.folders) {
      try {
        return JSON.parse(readFileSync(join(folder, name), 'utf8')) as unknown;
      } catch {
        // not there, or not readable: try the next folder
      }
    }
    return undefined;
  }

  set(address: CacheAddress, model: unknown): void {
    const name = entryName(address);
    try {
      writeFileAtomically(join(this.folder, name), JSON.stringify(model));
      this.prune(name);
    } catch {
      // A cache that cannot be written costs speed, never correctness.
    }
  }

  private prune(kept: string): void {
    const slot = kept.slice(0, kept.indexOf('-') + 1);
    const names = readdirSync(this.folder).filter((name) => name !== kept);
    const stale = names.filter((name) => name.startsWith(slot));
    const others = names.filter((name) => !name.startsWith(slot));
    if (others.length >= MAX_ENTRIES) stale.push(...this.oldest(others, others.length - MAX_ENTRIES * 0.8));
    for (const name of stale) rmSync(join(this.folder, name), { force: true });
  }

  private oldest(names: readonly string[], count: number): string[] {
    const written = (name: string) => {
      try {
        return statSync(join(this.folder, name)).mtimeMs;
      } catch {
        return 0; // removed by another process meanwhile
      }
    };
    return names
      .map((name) => ({ name, at: written(name) }))
      .sort((a, b) => a.at - b.at)
      .slice(0, count)
      .map((entry) => entry.name);
  }
}

function entryName(address: CacheAddress): string {
  const slot = sha256(...address.slot).slice(0, 24);
  const key = sha256(String(FORMAT), loaderFingerprint(), ...address.key);
  return `${slot}-${key}.json`;
}
