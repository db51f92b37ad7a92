// Runs the bundled CLI (one CommonJS file) with V8's code cache kept on disk, so a command does not compile
// the 4.5 MB bundle again each time it starts: about 0.1 s of every command on Node 20, which has no
// module.enableCompileCache. The cache is derived data in fgc's cache folder, named after the bundle's path,
// its size, inode and change times (any write or copy changes them), and the V8 version; data V8 finds unfit
// (a damaged file, other V8 flags) V8 rejects, and it is made anew.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { writeFileAtomically } from '../common/cache-files.js';

export interface CodeCacheRun {
  /** What the file put into `module.exports`. */
  readonly exports: unknown;
  /** Whether V8 compiled the file from the stored cache. */
  readonly cacheUsed: boolean;
  /** Stores the code compiled so far (including functions first called after loading) for the next run. */
  save(): void;
}

/** Runs `file` as a CommonJS module, compiled from the cache in `cacheDir` when one fits. */
export function runWithCodeCache(file: string, cacheDir: string): CodeCacheRun {
  const [fileKey, versionKey] = cacheKeys(file);
  const cacheFile = join(cacheDir, `${fileKey}-${versionKey}.bin`);
  const cached = readIfThere(cacheFile);
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheUsed: cached !== undefined && !script.cachedDataRejected,
    save() {
      try {
        // Only the newest cache of this file is kept: older builds' entries would only pile up.
        for (const name of readdirIfThere(cacheDir))
          if (name.startsWith(`${fileKey}-`) && name !== basename(cacheFile)) rmSync(join(cacheDir, name));
        writeFileAtomically(cacheFile, script.createCachedData());
      } catch {
        // A cache that cannot be written only costs start-up time.
      }
    },
  };
}

function cacheKeys(file: string): [string, string] {
  const { size, ino, mtimeMs, ctimeMs } = statSync(file);
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  return [hash(file), hash(`${size}:${ino}:${mtimeMs}:${ctimeMs}:${process.versions.v8}:${process.arch}`)];
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function readdirIfThere(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
