// The folder a command writes into (`fgc run --reports`, `fgc report --out`), made before any work starts,
// so a path that cannot be written fails at once with exit 2, naming it.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../common/errors.js';

/** `flag` and `asGiven` are what the user typed, for the message (e.g. `--reports`, `out/x`). */
export function ensureOutputFolder(dir: string, flag: string, asGiven: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`${flag} ${asGiven} is a file, not a folder`);
  try {
    makeFolders(dir);
  } catch (err) {
    throw new UsageError(`cannot create the folder ${asGiven} (${flag}): ${(err as Error).message}`);
  }
}

/**
 * `mkdir -p`, one level at a time. Node's own `recursive` mode never returns where mkdir answers ENOENT
 * for a parent that exists, e.g. anywhere under /proc (seen on Node 20, 22 and 24).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
}
