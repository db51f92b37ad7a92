// Builds the mocha tree for a run: one mocha suite per suite, one test per scenario (or forEach item).
// Test bodies only await results computed by the scheduler, then replay them into Allure and turn the
// status into mocha's pass / fail / pending. The console reporter and the Allure writer read the finished
// result itself, so a warned or waived scenario is shown as such, not as mocha's plain pass.
// The same bridge replays a finished run (results.json) for `fgc report` and `fgc report --merge`, so the
// Allure results of a rebuilt or merged run are written exactly as a live run writes them.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Mocha from 'mocha';
import type {
  RequirementInfo,
  RunResult,
  ScenarioResult,
  StepResult,
  SuiteResult,
} from '../model/results.js';
import type { ScheduledSuite } from './schedule.js';
import { ALLURE_CATEGORIES, replayIntoAllure } from './allure-replay.js';
import { PlainAllureWriter } from './allure-writer.js';
import { liveReporters, type ConsoleOutput, type ResultsByTest } from './console-reporter.js';
import { failureMessage, ScenarioError, ScenarioFailure } from './failure-message.js';

export interface MochaRunOptions {
  readonly reportsDir: string;
  readonly strict: boolean;
  readonly bail: boolean;
  /** Live console output (`--reporter`, `--verbose`); false in tests and when replaying. */
  readonly console: ConsoleOutput | false;
  readonly requirements: ReadonlyMap<string, RequirementInfo>;
}

export interface MochaOutcome {
  readonly suites: SuiteResult[];
}

/** What names a suite, in the model and in the results alike. */
type SuiteIdentity = Pick<SuiteResult, 'id' | 'title' | 'file' | 'tags' | 'ig'>;

function identity(suite: SuiteIdentity): SuiteIdentity {
  return {
    id: suite.id,
    title: suite.title,
    file: suite.file,
    tags: suite.tags,
    ...(suite.ig ? { ig: suite.ig } : {}),
  };
}

/** What the bridge needs of a suite: its identity, and promises of its setup, scenarios and teardown. */
interface BridgeSuite extends SuiteIdentity {
  readonly setup: Promise<StepResult[]>;
  readonly scenarios: readonly { readonly title: string; readonly result: Promise<ScenarioResult> }[];
  readonly teardown: Promise<StepResult[]>;
}

export function runThroughMocha(
  scheduled: readonly ScheduledSuite[],
  options: MochaRunOptions,
): Promise<MochaOutcome> {
  return bridge(
    scheduled.map(({ suite, setup, scenarios, teardown }) => ({
      ...identity(suite),
      setup,
      scenarios: scenarios.map(({ planned, result }) => ({ title: planned.title, result })),
      teardown,
    })),
    options,
  );
}

/**
 * Writes `<reportsDir>/allure-results` afresh from a finished run, through the same mocha tree, Allure
 * replay and writer as a live run. Returns the folder.
 */
export async function replayThroughMocha(run: RunResult, reportsDir: string): Promise<string> {
  const folder = join(reportsDir, 'allure-results');
  await rm(folder, { recursive: true, force: true });
  await bridge(
    run.suites.map((suite) => ({
      ...identity(suite),
      setup: Promise.resolve([...suite.setup]),
      scenarios: suite.scenarios.map((result) => ({ title: result.title, result: Promise.resolve(result) })),
      teardown: Promise.resolve([...suite.teardown]),
    })),
    {
      reportsDir,
      strict: run.options.strict,
      bail: false,
      console: false,
      requirements: new Map(run.requirements.map((r) => [r.id, r])),
    },
  );
  return folder;
}

async function bridge(suites: readonly BridgeSuite[], options: MochaRunOptions): Promise<MochaOutcome> {
  const results: ResultsByTest = new WeakMap();
  const extraReporters = options.console ? liveReporters(options.console, results) : [];
  const allureResults = `${options.reportsDir}/allure-results`;
  const mocha = new Mocha({
    timeout: 0, // the engine enforces per-scenario timeouts; a test here only waits for its result
    bail: options.bail,
    reporter: 'allure-mocha',
    reporterOptions: {
      resultsDir: allureResults,
      writer: new PlainAllureWriter(allureResults, options.strict),
      categories: ALLURE_CATEGORIES,
      ...(extraReporters.length ? { extraReporters } : {}),
    },
  });
  const collected = suites.map((s) => ({
    suite: s,
    results: [] as ScenarioResult[],
    setup: [] as StepResult[],
    teardown: [] as StepResult[],
  }));

  for (const entry of collected) {
    const { suite } = entry;
    const mochaSuite = Mocha.Suite.create(
      mocha.suite,
      suite.title === suite.id ? suite.id : `${suite.id}: ${suite.title}`,
    );
    mochaSuite.file = suite.file;
    mochaSuite.beforeAll('suite setup', async () => {
      entry.setup = await suite.setup;
    });
    for (const { title, result } of suite.scenarios) {
      const test = new Mocha.Test(title, async function (this: Mocha.Context) {
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
      entry.teardown = await suite.teardown;
    });
  }

  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  // Removes the process listeners mocha's runner added, so repeated runs in one process do not pile them up.
  mocha.dispose();
  return {
    suites: collected.map(({ suite, results, setup, teardown }) => ({
      ...identity(suite),
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
