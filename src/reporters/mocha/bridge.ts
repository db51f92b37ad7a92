// Reports scenario results through mocha: one mocha suite per suite, one test per scenario (or forEach item).
// Test bodies only await results computed elsewhere (the runner's scheduler, or a finished run), then replay
// them into Allure and turn the status into mocha's pass / fail / pending. The console reporter and the
// Allure writer read the finished result itself, so a warned or waived scenario is shown as such, not as
// mocha's plain pass. A live run and `fgc report` (replaying results.json) go through the same code, so the
// Allure results of a rebuilt or merged run are written exactly as a live run writes them.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import allureMocha from 'allure-mocha';
import Mocha from 'mocha';
import type {
  RequirementInfo,
  RunResult,
  ScenarioResult,
  StepResult,
  SuiteResult,
} from '../../results/model.js';
import { ALLURE_RESULTS_DIR } from '../../results/report-files.js';
import type { ConsoleReporter, ResultsByTest } from '../reporter.js';
import { ALLURE_CATEGORIES, replayIntoAllure } from './allure-replay.js';
import { PlainAllureWriter } from './allure-writer.js';
import { failureMessage, ScenarioError, ScenarioFailure } from './failure-message.js';

/** The console output of a live run: a console reporter of the registry, and --verbose. */
export interface LiveConsole {
  readonly reporter: ConsoleReporter;
  /** List every skipped scenario and every request with its answer. */
  readonly verbose: boolean;
}

export interface MochaReportOptions {
  readonly reportsDir: string;
  readonly strict: boolean;
  readonly bail: boolean;
  /** Live console output (`--reporter`, `--verbose`); false in tests and when replaying. */
  readonly console: LiveConsole | false;
  readonly requirements: ReadonlyMap<string, RequirementInfo>;
}

// allure-mocha's CommonJS entry exports the reporter class itself; its types (an ES default export) say
// otherwise under NodeNext. Passed as a class, the reporter is bundled with the mocha it reports for.
const AllureMochaReporter = allureMocha as unknown as Mocha.ReporterConstructor;

/** What names a suite, in the model and in the results alike. */
type SuiteIdentity = Pick<SuiteResult, 'id' | 'title' | 'file' | 'tags' | 'ig'>;

export function suiteIdentity(suite: SuiteIdentity): SuiteIdentity {
  return {
    id: suite.id,
    title: suite.title,
    file: suite.file,
    tags: suite.tags,
    ...(suite.ig ? { ig: suite.ig } : {}),
  };
}

/** A suite as the bridge reports it: its identity, and promises of its setup, scenarios and teardown. */
export interface PendingSuite extends SuiteIdentity {
  readonly setup: Promise<StepResult[]>;
  readonly scenarios: readonly { readonly title: string; readonly result: Promise<ScenarioResult> }[];
  readonly teardown: Promise<StepResult[]>;
}

/**
 * Writes `<reportsDir>/allure-results` afresh from a finished run, through the same mocha tree, Allure
 * replay and writer as a live run. Returns the folder.
 */
export async function replayThroughMocha(run: RunResult, reportsDir: string): Promise<string> {
  const folder = join(reportsDir, ALLURE_RESULTS_DIR);
  await rm(folder, { recursive: true, force: true });
  await reportThroughMocha(
    run.suites.map((suite) => ({
      ...suiteIdentity(suite),
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

/**
 * Reports each suite's results as they settle, in file order; resolves to exactly the results mocha
 * reported (with --bail, mocha stops reporting after the first failure).
 */
export async function reportThroughMocha(
  suites: readonly PendingSuite[],
  options: MochaReportOptions,
): Promise<SuiteResult[]> {
  const results: ResultsByTest = new WeakMap();
  const extraReporters = options.console
    ? (options.console.reporter.live?.({ results, verbose: options.console.verbose }) ?? [])
    : [];
  const allureResults = join(options.reportsDir, ALLURE_RESULTS_DIR);
  const writer = new PlainAllureWriter(allureResults, options.strict);
  const mocha = new Mocha({
    timeout: 0, // the engine enforces per-scenario timeouts; a test here only waits for its result
    bail: options.bail,
    reporter: AllureMochaReporter,
    reporterOptions: {
      resultsDir: allureResults,
      writer,
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
        replayIntoAllure(outcome, suite.title, options.requirements, writer);
        settle(this, outcome, options.strict);
      });
      // allure-mocha reads test.file, which mocha sets only on tests it loads from files: without it the
      // reporter throws inside mocha's event handler and mocha silently stops after the first test.
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
  return collected.map(({ suite, results, setup, teardown }) => ({
    ...suiteIdentity(suite),
    setup,
    teardown,
    scenarios: results,
  }));
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
