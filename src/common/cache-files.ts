// Where fgc keeps what it derives from other files to start faster (the slim R4 core definitions, built
// suite models). Only derived data: deleting the folder is always safe.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** `$FGC_CACHE_DIR`, else `$XDG_CACHE_HOME/fgc`, else `~/.cache/fgc`. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FGC_CACHE_DIR) return env.FGC_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'fgc');
}

/** Writes the file aside and renames it, so a reader (another fgc at the same time) never sees half of it. */
export function writeFileAtomically(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
