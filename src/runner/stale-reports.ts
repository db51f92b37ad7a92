// Takes the last run's reports out of the reports folder before a run's scenarios start, so the folder
// never shows one run's results beside another run's reports, without holding up the first request:
// deleting a few thousand Allure files takes longer than starting fgc. Each stale entry is renamed into
// one hidden folder (at once), and that folder is deleted while the scenarios run.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Hidden folders of set-aside reports; one left by a run that was killed is removed by the next. */
export const SET_ASIDE_PREFIX = '.fgc-stale-';

/**
 * Moves `names` (where present) out of `dir` and starts deleting them. The promise settles when they are
 * gone; it never rejects (what could not be deleted stays hidden, and the next run tries again).
 */
export function setAsideStale(dir: string, names: readonly string[]): Promise<void> {
  if (!existsSync(dir)) return Promise.resolve();
  const doomed = readdirSync(dir)
    .filter((name) => name.startsWith(SET_ASIDE_PREFIX))
    .map((name) => join(dir, name));
  let folder: string | undefined;
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    try {
      folder ??= mkdtempSync(join(dir, SET_ASIDE_PREFIX));
      renameSync(path, join(folder, name));
    } catch {
      // Not movable (a file held open on Windows, say): delete it in place, as before the run.
      rmSync(path, { recursive: true, force: true });
    }
  }
  if (folder) doomed.push(folder);
  return Promise.all(doomed.map((path) => rm(path, { recursive: true, force: true }))).then(
    () => undefined,
    () => undefined,
  );
}
