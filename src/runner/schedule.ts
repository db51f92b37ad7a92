// Runs scenarios concurrently, outside mocha. Mocha runs tests one at a time, so each mocha test only
// awaits the promise of its scenario, started here up front: the work overlaps, the reports keep
// mocha's order. A scenario that reads a capture set by another scenario waits for that scenario.
import pLimit from 'p-limit';
import type { ScenarioResult, StepResult } from '../results/model.js';
import type { Suite } from '../model/suite.js';
import {
  interruptedSkip,
  calledOperations,
  skip,
  type PlannedScenario,
  type Skip,
  type SuiteRun,
} from '../engine/index.js';

export interface ScheduledSuite {
  readonly suite: Suite;
  readonly setup: Promise<StepResult[]>;
  readonly scenarios: readonly { planned: PlannedScenario; result: Promise<ScenarioResult> }[];
  readonly teardown: Promise<StepResult[]>;
}

export interface ScheduleOptions {
  readonly concurrency: number;
  readonly retries: number;
  /** --bail: after the first failed or errored scenario, start no new ones. */
  readonly bail: boolean;
  /** Once aborted (its reason is the signal's name), no new scenario starts; setup and teardown still run. */
  readonly stop?: AbortSignal;
}

export function scheduleSuites(
  runs: readonly { suite: Suite; run: SuiteRun; planned: readonly PlannedScenario[] }[],
  options: ScheduleOptions,
): ScheduledSuite[] {
  const limit = pLimit(Math.max(1, options.concurrency));
  let bailed = false;
  // Set before the queue starts the next task, so --bail with concurrency 1 runs nothing after a failure.
  const runScenario = async (run: SuiteRun, p: PlannedScenario, suite: Suite): Promise<ScenarioResult> => {
    if (options.stop?.aborted) {
      return notRun(p, suite, interruptedSkip(String(options.stop.reason), 'before'));
    }
    if (bailed)
      return notRun(
        p,
        suite,
        skip('interrupted', 'not run: the run stopped after the first failure (--bail)', 'bail'),
      );
    const result = await run.run(p, { retries: options.retries });
    if (options.bail && (result.status === 'failed' || result.status === 'error')) bailed = true;
    return result;
  };
  return runs.map(({ suite, run, planned }) => {
    const setup = limit(() => run.setup());
    const byCapture = new Map<string, Promise<unknown>[]>();
    const scenarios = planned.map((p) => {
      // Producers of the captures this scenario reads; all were planned before it in file order or not,
      // so look them up lazily once every promise exists.
      const result = Promise.resolve().then(async () => {
        await setup;
        await Promise.all(p.scenario.usesCaptures.flatMap((name) => byCapture.get(name) ?? []));
        return limit(() => runScenario(run, p, suite));
      });
      return { planned: p, result };
    });
    for (const { planned: p, result } of scenarios) {
      for (const name of p.scenario.setsCaptures) {
        byCapture.set(name, [...(byCapture.get(name) ?? []), result]);
      }
    }
    const teardown = Promise.allSettled(scenarios.map((s) => s.result)).then(() =>
      limit(() => run.teardown()),
    );
    return { suite, setup, scenarios, teardown };
  });
}

function notRun(p: PlannedScenario, suite: Suite, { reason, info }: Skip): ScenarioResult {
  const now = new Date().toISOString();
  return {
    suiteId: suite.id,
    scenarioId: p.scenario.id,
    fullId: p.fullId,
    title: p.title,
    file: suite.file,
    loc: p.scenario.loc,
    tags: p.scenario.tags,
    severity: p.scenario.severity,
    requirements: p.scenario.requirements,
    ...calledOperations(p.scenario),
    status: 'skipped',
    reason,
    skip: info,
    parameters: {},
    attempts: 0,
    flaky: false,
    steps: [],
    startedAt: now,
    durationMs: 0,
  };
}
