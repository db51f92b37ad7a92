// executeRun in-process with a test's usual options: no console, no retries, no faults, the whole selection.
import type { RunOptions } from '../../src/runner/run-options.js';
import { executeRun, type RunOutcome } from '../../src/runner/run.js';

export function quietRun(
  options: Pick<RunOptions, 'cwd' | 'targetSpec' | 'reportsDir'> & Partial<RunOptions>,
): Promise<RunOutcome> {
  return executeRun({
    suitePaths: [],
    concurrency: 2,
    retries: 0,
    strict: false,
    bail: false,
    selection: {},
    faults: [],
    console: false,
    env: {},
    ...options,
  });
}
