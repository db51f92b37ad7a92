// One conformance run, start to end, as a list of named tasks (tasks.ts): each does one job, in order, and
// what a task starts (the embedded server, the HTTP client) it also stops when the run ends. The reports
// beyond the results files come after, from the RunResult (src/reporters/run-reports.ts).
import { loadTarget } from '../config/index.js';
import { SuiteRun, suppliedInputs } from '../engine/index.js';
import { SuiteErrors, UsageError } from '../common/errors.js';
import { createHttpClient } from '../http/factory.js';
import { createRedactor } from '../http/redact.js';
import type { Suite } from '../model/suite.js';
import type { ProfileValidator } from '../model/validation.js';
import { reportThroughMocha, suiteIdentity } from '../reporters/mocha/bridge.js';
import { STALE_FILES } from '../reporters/registry.js';
import { setAsideStale } from './stale-reports.js';
import { writeResultFiles } from '../reporters/run-reports.js';
import { loadReferenceServer } from '../server/load.js';
import { suitesFolder } from '../suite/discover.js';
import { loadSuites } from '../suite/index.js';
import { inputGaps } from '../suite/input-gaps.js';
import { preflight } from './preflight.js';
import type { RunOptions, RunOutcome } from './run-options.js';
import { buildRunResult, requirementInfos } from './run-result.js';
import { RunState } from './run-state.js';
import { scheduleSuites } from './schedule.js';
import { selectScenarios } from './select.js';
import { inShard } from './shard.js';
import { runTasks, type Task } from './tasks.js';

export type { RunOptions, RunOutcome } from './run-options.js';

export async function executeRun(options: RunOptions): Promise<RunOutcome> {
  const state = new RunState(options);
  await runTasks(RUN_TASKS, state);
  const { target } = state.loaded!;
  return {
    run: state.run!,
    files: state.files!,
    reportsDir: options.reportsDir,
    secrets: target.secrets,
    redact: state.connection!.redactor.text,
    inputGaps: state.inputGaps!,
  };
}

/** Loads the config and the suites together, so one run reports every problem in both (exit 2). */
const load: Task<RunState> = {
  title: 'load the target config and the suites',
  async setup(state) {
    const { options } = state;
    const [target, suites] = await Promise.allSettled([
      loadTarget(options.targetSpec, { cwd: options.cwd, env: options.env }),
      loadSuites(options.suitePaths, { suitesRoot: suitesFolder(options.cwd), cwd: options.cwd }),
    ]);
    if (target.status === 'fulfilled' && suites.status === 'fulfilled') {
      state.loaded = { target: target.value, ...suites.value };
      // A name the R4 model does not know makes a check blame the server for the suite's mistake: say so in
      // the run too, not only in `fgc lint`.
      for (const warning of suites.value.warnings)
        if (warning.code === 'UNKNOWN_MODEL_NAME') state.warnings.push(warning.format());
      return;
    }
    const failures = [target, suites].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.every((f) => f instanceof SuiteErrors)) {
      throw new SuiteErrors(failures.flatMap((f) => (f as SuiteErrors).errors));
    }
    throw failures.find((f) => !(f instanceof SuiteErrors));
  },
};

const checkFaults: Task<RunState> = {
  title: 'check that --fault goes with the embedded reference server',
  setup({ options, loaded }) {
    if (options.faults.length > 0 && loaded!.target.embedded !== 'reference') {
      throw new UsageError(
        '--fault only applies to the embedded reference server (a target with `embedded: reference`)',
      );
    }
  },
};

const embeddedServer: Task<RunState> = {
  title: 'start the embedded reference server, when the target is one',
  async setup(state) {
    const { target } = state.loaded!;
    if (!target.embedded) return;
    const { startReferenceServer } = await loadReferenceServer();
    state.server = await startReferenceServer({
      faults: state.options.faults,
      allowWrites: target.allowWrites,
    });
  },
  teardown: (state) => state.server?.close(),
};

const httpClient: Task<RunState> = {
  title: 'make the HTTP client (auth, TLS, rate limit, redaction)',
  setup(state) {
    const { options } = state;
    const { target } = state.loaded!;
    const baseUrl = (state.server?.baseUrl ?? target.baseUrl)!;
    const redactor = createRedactor(target.secrets);
    const { client, warnings } = createHttpClient(
      { ...target, baseUrl },
      {
        redactor,
        concurrency: options.concurrency,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.rateLimitPerSecond !== undefined
          ? { rateLimitPerSecond: options.rateLimitPerSecond }
          : {}),
      },
    );
    state.warnings.push(...warnings);
    state.connection = { baseUrl, http: client, redactor };
  },
  teardown: (state) => state.connection?.http.close(),
};

const checkTarget: Task<RunState> = {
  title: 'read the CapabilityStatement (exit 3 when the target does not answer)',
  async setup(state) {
    const { target } = state.loaded!;
    const { baseUrl, http, redactor } = state.connection!;
    const found = await preflight(http, baseUrl, Object.keys(target.operations));
    state.warnings.push(...found.warnings);
    if (found.claimedOperations) state.claimedOperations = found.claimedOperations;
    state.engine = {
      target: { ...target, baseUrl },
      http,
      redactor,
      capabilities: found.capabilities,
      ...(found.capabilityStatement !== undefined ? { capabilityStatement: found.capabilityStatement } : {}),
      ...(state.options.cancel ? { cancel: state.options.cancel } : {}),
    };
  },
};

const validator: Task<RunState> = {
  title: 'load the profile validator, when a suite uses conformsTo',
  async setup(state) {
    const found = await loadValidatorIfNeeded(state.loaded!.suites, state.warnings);
    if (found) state.engine = { ...state.engine!, validator: found };
  },
};

const plan: Task<RunState> = {
  title: "plan this shard's selected scenarios, and the inputs they lack",
  setup(state) {
    const { options } = state;
    const { suites, target } = state.loaded!;
    state.plans = suites
      .filter((suite) => !options.shard || inShard(suite.id, options.shard))
      .map((suite) => {
        const run = new SuiteRun(suite, state.engine!);
        const planned = selectScenarios(suite, options.selection).flatMap((scenario) => run.plan(scenario));
        return { suite, run, planned };
      })
      .filter((p) => p.planned.length > 0);
    state.inputGaps = inputGaps(
      state.plans.map((p) => ({ ...p.suite, scenarios: selectScenarios(p.suite, options.selection) })),
      suppliedInputs(target.inputs),
    );
  },
};

const removeStaleReports: Task<RunState> = {
  title:
    "remove the last run's reports, which this run's results would no longer match (while the scenarios run)",
  setup(state) {
    state.staleRemoved = setAsideStale(state.options.reportsDir, STALE_FILES);
  },
  async teardown(state) {
    await state.staleRemoved;
  },
};

const runScenarios: Task<RunState> = {
  title: 'run the scenarios concurrently and report them through mocha',
  async setup(state) {
    const { options } = state;
    const scheduled = scheduleSuites(state.plans!, {
      concurrency: options.concurrency,
      retries: options.retries,
      bail: options.bail,
      ...(options.stop ? { stop: options.stop } : {}),
    });
    state.reported = await reportThroughMocha(
      scheduled.map(({ suite, setup, scenarios, teardown }) => ({
        ...suiteIdentity(suite),
        setup,
        scenarios: scenarios.map(({ planned, result }) => ({ title: planned.title, result })),
        teardown,
      })),
      {
        reportsDir: options.reportsDir,
        strict: options.strict,
        bail: options.bail,
        console: options.console,
        requirements: new Map(requirementInfos(state.loaded!.catalog).map((r) => [r.id, r])),
      },
    );
  },
};

const writeResults: Task<RunState> = {
  title: 'build the RunResult and write results.json, summary.json, junit.xml and allure-results/',
  async setup(state) {
    const { target, suites, catalog } = state.loaded!;
    const { baseUrl, redactor } = state.connection!;
    state.run = await buildRunResult({
      options: state.options,
      startedAt: state.startedAt,
      target,
      baseUrl,
      suites,
      catalog,
      ...(state.claimedOperations ? { claimedOperations: state.claimedOperations } : {}),
      reported: state.reported!,
      warnings: state.warnings,
    });
    state.files = await writeResultFiles(state.run, state.options.reportsDir, {
      redact: redactor.text,
      reportedLive: true,
    });
  },
};

/** The tasks of a run, in order. */
export const RUN_TASKS: readonly Task<RunState>[] = [
  load,
  checkFaults,
  embeddedServer,
  httpClient,
  checkTarget,
  validator,
  plan,
  removeStaleReports,
  runScenarios,
  writeResults,
];

/** The validator is only loaded when a suite uses `conformsTo` (it costs start-up time). */
async function loadValidatorIfNeeded(
  suites: readonly Suite[],
  warnings: string[],
): Promise<ProfileValidator | undefined> {
  const usesConformsTo = suites.some((s) =>
    [...s.setup, ...s.scenarios.flatMap((sc) => sc.steps)].some((step) => step.expect?.conformsTo),
  );
  if (!usesConformsTo) return undefined;
  const packages = [...new Set(suites.flatMap((s) => (s.ig ? [s.ig] : [])))];
  try {
    const { createValidator } = await import('../validation/index.js');
    return await createValidator({ packages });
  } catch (err) {
    warnings.push(
      `Profile validation is unavailable, so conformsTo checks cannot run: ${(err as Error).message}`,
    );
    return undefined;
  }
}
