// Part of `npm run build`: builds the models of the bundled suites into dist/suite-models/, so the first
// `fgc run` after an install does not parse them. The built CLI does it (`fgc list`, with its model cache
// pointed there), so the entries are exactly those it would write itself. Twice: run from the project, a
// suite is shown as suites/…; run from any other folder, by its full path, and that is part of the model.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url).pathname;

/** Writes the models into `<dist>/suite-models/` (the model cache's folder under FGC_CACHE_DIR). */
export async function buildSuiteModels(dist) {
  const elsewhere = mkdtempSync(join(tmpdir(), 'fgc-build-'));
  const env = { ...process.env, FGC_CACHE_DIR: dist };
  const list = (cwd) =>
    promisify(execFile)(process.execPath, [join(root, 'bin', 'fgc.js'), 'list'], { cwd, env });
  try {
    await Promise.all([list(root), list(elsewhere)]);
  } catch {
    // A suite with a problem has no model to cache; the build goes on.
    console.warn('Some bundled suite models were not built: `fgc lint` shows the problem.');
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
}
