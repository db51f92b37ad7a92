// Builds the mocha tree for a run: one mocha suite per suite, one test per scenario (or forEach item).
// Test bodies only await results computed by the scheduler, then replay them into Allure and turn the
// status into mocha's pass / fail / pending. The console reporter and the Allure writer read the finished
// result itself, so a warned or waived scenario is shown as such, not as mocha's plain pass.
import Mocha from 'mocha';
import type { RequirementInfo, ScenarioResult, StepResult, SuiteResult } from '../model/results.js';
import type { ScheduledSuite } from './schedule.js';
import { ALLURE_CATEGORIES, replayIntoAllure } from './allure-replay.js';
import { PlainAllureWriter } from './allure-writer.js';
import { ConsoleReporter, type ResultsByTest } from './console-reporter.js';
import { failureMessage, ScenarioError, ScenarioFailure } from './failure-message.js';

export interface MochaRunOptions {
  readonly reportsDir: string;
  readonly strict: boolean;
  readonly bail: boolean;
  /** Live console output; off in tests. */
  readonly console: boolean;
  readonly requirements: ReadonlyMap<string, RequirementInfo>;
}

export interface MochaOutcome {
  readonly suites: SuiteResult[];
}

export async function runThroughMocha(
  scheduled: readonly ScheduledSuite[],
  options: MochaRunOptions,
): Promise<MochaOutcome> {
  const results: ResultsByTest = new WeakMap();
  const mocha = new Mocha({
    timeout: 0, // the engine enforces per-scenario timeouts; a test here only waits for its result
    bail: options.bail,
    reporter: 'allure-mocha',
    reporterOptions: {
      resultsDir: `${options.reportsDir}/allure-results`,
      writer: new PlainAllureWriter(`${options.reportsDir}/allure-results`, options.strict),
      categories: ALLURE_CATEGORIES,
      ...(options.console ? { extraReporters: [ConsoleReporter, { results }] } : {}),
    },
  });
  const collected = scheduled.map((s) => ({
    scheduled: s,
    results: [] as ScenarioResult[],
    setup: [] as StepResult[],
    teardown: [] as StepResult[],
  }));

  for (const entry of collected) {
    const { suite } = entry.scheduled;
    const mochaSuite = Mocha.Suite.create(
      mocha.suite,
      suite.title === suite.id ? suite.id : `${suite.id}: ${suite.title}`,
    );
    mochaSuite.file = suite.file;
    mochaSuite.beforeAll('suite setup', async () => {
      entry.setup = await entry.scheduled.setup;
    });
    for (const { planned, result } of entry.scheduled.scenarios) {
      const test = new Mocha.Test(planned.title, async function (this: Mocha.Context) {
        const outcome = await result;
        // The run's result set is exactly what mocha reported.
        entry.results.push(outcome);
        results.set(this.test!, outcome);
        replayIntoAllure(outcome, suite.title, options.requirements);
        settle(this, outcome, options.strict);
      });
      // allure-mocha needs test.file on dynamically created tests (tech-notes §4).
      test.file = suite.file;
      mochaSuite.addTest(test);
    }
    mochaSuite.afterAll('suite teardown', async () => {
      entry.teardown = await entry.scheduled.teardown;
    });
  }

  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  // Removes the process listeners mocha's runner added, so repeated runs in one process do not pile them up.
  mocha.dispose();
  return {
    suites: collected.map(({ scheduled: { suite }, results, setup, teardown }) => ({
      id: suite.id,
      title: suite.title,
      file: suite.file,
      tags: suite.tags,
      ...(suite.ig ? { ig: suite.ig } : {}),
      setup,
      teardown,
      scenarios: results,
    })),
  };
}

/** Maps a scenario status onto mocha: failures throw, skips are pending, the rest pass. */
function settle(context: Mocha.Context, result: ScenarioResult, strict: boolean): void {
  switch (result.status) {
    case 'passed':
    case 'waived':
      return;
    case 'warned':
      if (strict) throw new ScenarioFailure(failureMessage(result, true));
      return;
    case 'skipped':
      context.skip();
      return;
    case 'failed':
      throw new ScenarioFailure(failureMessage(result, strict));
    case 'error':
      throw new ScenarioError(failureMessage(result, strict), result.error?.stack);
  }
}
