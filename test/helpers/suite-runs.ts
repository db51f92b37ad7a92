// Runs bundled suites in-process against a target config (file or name) and reads the results.
import { join } from 'node:path';
import type { RunResult, ScenarioResult } from '../../src/results/model.js';
import { PROJECT_ROOT } from './reference-run.js';
import { quietRun } from './quiet-run.js';
import type { TempProject } from './temp-project.js';

/** Every bundled suite against the target config file (or name) given. */
export async function runSuites(
  project: TempProject,
  targetSpec: string,
  suitePaths: string[] = [],
): Promise<RunResult> {
  const { run } = await quietRun({
    cwd: PROJECT_ROOT,
    suitePaths: suitePaths.map((p) => join(PROJECT_ROOT, p)),
    targetSpec,
    reportsDir: project.path(`reports-${Math.random().toString(36).slice(2)}`),
    concurrency: 4,
  });
  return run;
}

export const scenariosOf = (run: RunResult): ScenarioResult[] => run.suites.flatMap((s) => s.scenarios);

/** Scenario ids (forEach items folded into their scenario) that ran: anything but skipped. */
export function exercised(run: RunResult): Set<string> {
  return new Set(
    scenariosOf(run)
      .filter((s) => s.status !== 'skipped')
      .map((s) => `${s.suiteId}/${s.scenarioId}`),
  );
}
