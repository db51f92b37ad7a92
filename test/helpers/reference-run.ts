// Runs the bundled suites in-process against the embedded reference server and returns the scenario results.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResult } from '../../src/results/model.js';
import type { Selection } from '../../src/runner/select.js';
import { quietRun } from './quiet-run.js';

export const PROJECT_ROOT = join(import.meta.dirname, '../..');

export async function runReferenceScenarios(
  options: {
    faults?: string[];
    suitePaths?: string[];
    selection?: Selection;
    /** A target config file (default: the bundled `reference` target). */
    targetSpec?: string;
  } = {},
): Promise<ScenarioResult[]> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'fgc-reference-'));
  try {
    const { run } = await quietRun({
      cwd: PROJECT_ROOT,
      targetSpec: options.targetSpec ?? 'reference',
      reportsDir,
      suitePaths: options.suitePaths ?? [],
      selection: options.selection ?? {},
      faults: options.faults ?? [],
    });
    return run.suites.flatMap((s) => s.scenarios);
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}
