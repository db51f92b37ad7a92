// One conformance run, start to end: config and suites → (embedded server) → preflight → concurrent
// execution inside mocha → RunResult → results files. Reports beyond JUnit/Allure/JSON come after.
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadTarget } from '../config/index.js';
import { PLACEHOLDER } from '../config/placeholders.js';
import { loadSuites } from '../suite/index.js';
import { suitesFolder } from '../suite/discover.js';
import { isSupplied, SuiteRun, type EngineContext } from '../engine/index.js';
import { inputGaps, type InputGap } from '../suite/input-gaps.js';
import { createRedactor } from '../http/redact.js';
import { createHttpClient } from '../http/factory.js';
import { SuiteErrors, UsageError } from '../errors.js';
import { harnessVersion } from '../cli/version.js';
import {
  RESULTS_SCHEMA_VERSION,
  type InterruptSignal,
  type RequirementInfo,
  type RunResult,
  type ScenarioResult,
} from '../results/model.js';
import type { Suite } from '../model/suite.js';
import type { TargetConfig } from '../model/target.js';
import type { ProfileValidator } from '../model/validation.js';
import { selectScenarios, type Selection } from './select.js';
import { formatShard, inShard, type Shard } from './shard.js';
import { scheduleSuites } from './schedule.js';
import { reportThroughMocha, suiteIdentity, type LiveConsole } from '../reporters/mocha/bridge.js';
import { STALE_FILES } from '../reporters/registry.js';
import { writeResultFiles } from '../reporters/run-reports.js';
import { preflight } from './preflight.js';
import { countScenarioStatuses } from '../results/totals.js';
import { assess } from '../results/coverage.js';
import { describePackages } from './ig-packages.js';
import { loadReferenceServer } from '../server/load.js';

export interface RunOptions {
  readonly cwd: string;
  /** Suite files or folders; empty = every suite under <cwd>/suites. */
  readonly suitePaths: readonly string[];
  readonly targetSpec: string;
  readonly reportsDir: string;
  readonly concurrency: number;
  readonly retries: number;
  /** --timeout: per-request limit (a scenario's own `timeoutMs` limits the whole scenario). */
  readonly timeoutMs?: number;
  readonly strict: boolean;
  /** --allow-incomplete: an Incomplete verdict (untested requirements) exits 0. */
  readonly allowIncomplete?: boolean;
  readonly bail: boolean;
  readonly selection: Selection;
  /** `--shard i/n`: only the suites that fall in this shard. */
  readonly shard?: Shard;
  /** `--rate-limit`: requests a second across the whole run. */
  readonly rateLimitPerSecond?: number;
  /** Fault switches for the embedded reference server. */
  readonly faults: readonly string[];
  /** Live console output (`--reporter`, `--verbose`), or none. */
  readonly console: LiveConsole | false;
  /** Aborted (reason 'SIGINT' or 'SIGTERM') to stop early: no new scenario starts, and the reports are written. */
  readonly stop?: AbortSignal;
  /** Aborted after `stop` to cancel the requests still running: their scenarios end as skipped. */
  readonly cancel?: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  readonly run: RunResult;
  /** Files written so far (results, summary, JUnit, Allure results). */
  readonly files: string[];
  readonly reportsDir: string;
  /** The config's secret values, so later reports can be scrubbed too. */
  readonly secrets: readonly string[];
  /** The run's redactor, which also knows the tokens obtained during the run. */
  readonly redact: (text: string) => string;
  /** The inputs the run's scenarios needed and the target did not supply, with what each would unlock. */
  readonly inputGaps: readonly InputGap[];
}

export async function executeRun(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const { target, suites, catalog } = await loadInputs(options);
  if (options.faults.length > 0 && target.embedded !== 'reference') {
    throw new UsageError(
      '--fault only applies to the embedded reference server (a target with `embedded: reference`)',
    );
  }
  const redactor = createRedactor(target.secrets);
  const server = target.embedded ? await startEmbedded(target, options.faults) : undefined;
  const closers: (() => unknown)[] = server ? [() => server.close()] : [];
  try {
    const baseUrl = (server?.baseUrl ?? target.baseUrl)!;
    const { client: http, warnings } = createHttpClient(
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
    closers.push(() => http.close());
    const {
      capabilities,
      claimedOperations,
      capabilityStatement,
      warnings: preflightWarnings,
    } = await preflight(http, baseUrl, Object.keys(target.operations));
    warnings.push(...preflightWarnings);
    const context: EngineContext = {
      target: { ...target, baseUrl },
      http,
      redactor,
      capabilities,
      ...(capabilityStatement !== undefined ? { capabilityStatement } : {}),
      ...(await loadValidatorIfNeeded(suites, warnings)),
      ...(options.cancel ? { cancel: options.cancel } : {}),
    };

    const plans = suites
      .filter((suite) => !options.shard || inShard(suite.id, options.shard))
      .map((suite) => {
        const run = new SuiteRun(suite, context);
        const planned = selectScenarios(suite, options.selection).flatMap((scenario) => run.plan(scenario));
        return { suite, run, planned };
      })
      .filter((p) => p.planned.length > 0);

    const gaps = inputGaps(
      plans.map((p) => ({ ...p.suite, scenarios: selectScenarios(p.suite, options.selection) })),
      suppliedInputs(target),
    );
    const scheduled = scheduleSuites(plans, {
      concurrency: options.concurrency,
      retries: options.retries,
      bail: options.bail,
      ...(options.stop ? { stop: options.stop } : {}),
    });
    // This run's results replace the last run's, and reports built from those would no longer match.
    for (const name of STALE_FILES)
      await rm(join(options.reportsDir, name), { recursive: true, force: true });
    const requirements = new Map<string, RequirementInfo>(
      [...catalog.requirements.values()].map(({ id, text, source, level, group }) => [
        id,
        { id, text, source, level, ...(group ? { group } : {}) },
      ]),
    );
    const reported = await reportThroughMocha(
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
        requirements,
      },
    );

    const allScenarios = reported.flatMap((s) => s.scenarios);
    const totals = countScenarioStatuses(allScenarios);
    const interrupted = interruption(options.stop, allScenarios);
    if (interrupted) warnings.push(interruptedWarning(interrupted));
    const partial: Omit<RunResult, 'exitCode'> = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      harness: { name: 'fgc', version: harnessVersion() },
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      target: {
        name: target.name,
        baseUrl,
        ...(target.embedded ? { embedded: target.embedded } : {}),
        ...(options.faults.length ? { faults: [...options.faults] } : {}),
      },
      options: {
        concurrency: options.concurrency,
        retries: options.retries,
        strict: options.strict,
        ...(options.allowIncomplete ? { allowIncomplete: true } : {}),
        ...(options.selection.grep ? { grep: options.selection.grep.source } : {}),
        ...(options.selection.tags?.length ? { tags: options.selection.tags } : {}),
        ...(options.selection.excludeTags?.length ? { excludeTags: options.selection.excludeTags } : {}),
        ...(options.shard ? { shard: formatShard(options.shard) } : {}),
      },
      sources: {
        suiteFiles: suites.map((s) => s.file),
        requirementsFile: relative(options.cwd, catalog.file),
        ...(target.file ? { configFile: target.file } : {}),
      },
      ...(claimedOperations ? { claimedOperations } : {}),
      igPackages: await describePackages(suites.flatMap((s) => (s.ig ? [s.ig] : []))),
      requirements: [...requirements.values()],
      suites: reported,
      totals,
      warnings: [...warnings, ...placeholderWarnings(target), ...expiredWaiverWarnings(target)],
      ...(interrupted ? { interrupted: interrupted.signal } : {}),
    };
    const run: RunResult = { ...partial, exitCode: assess(partial, totals).exitCode };
    const files = await writeResultFiles(run, options.reportsDir, {
      redact: redactor.text,
      reportedLive: true,
    });
    return {
      run,
      files,
      reportsDir: options.reportsDir,
      secrets: target.secrets,
      redact: redactor.text,
      inputGaps: gaps,
    };
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/**
 * The signal that kept scenarios from starting or finishing, and how many. A signal that came after every
 * scenario had started, and cancelled none, leaves a complete run, reported as one.
 */
function interruption(
  stop: AbortSignal | undefined,
  scenarios: readonly ScenarioResult[],
): { signal: InterruptSignal; notRun: number; notFinished: number } | undefined {
  if (!stop?.aborted) return undefined;
  const signal = stop.reason as InterruptSignal;
  const count = (phase: 'before' | 'while') =>
    scenarios.filter((s) => s.skip?.kind === 'interrupted' && s.skip.detail === phase).length;
  const [notRun, notFinished] = [count('before'), count('while')];
  return notRun + notFinished > 0 ? { signal, notRun, notFinished } : undefined;
}

function interruptedWarning(i: { signal: InterruptSignal; notRun: number; notFinished: number }): string {
  const counts = [
    ...(i.notRun ? [`${i.notRun} scenario(s) did not run`] : []),
    ...(i.notFinished ? [`${i.notFinished} were cancelled while running`] : []),
  ];
  return (
    `The run was interrupted (${i.signal}): ${counts.join(' and ')}. ` +
    'The results cover only the scenarios that finished, so this run is not a complete conformance test.'
  );
}

/** Loads the config and the suites together, so one run reports every problem in both (exit 2). */
async function loadInputs(options: RunOptions) {
  const [target, loaded] = await Promise.allSettled([
    loadTarget(options.targetSpec, { cwd: options.cwd, env: options.env }),
    loadSuites(options.suitePaths, { suitesRoot: suitesFolder(options.cwd), cwd: options.cwd }),
  ]);
  if (target.status === 'fulfilled' && loaded.status === 'fulfilled') {
    return { target: target.value, ...loaded.value };
  }
  const failures = [target, loaded].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.every((f) => f instanceof SuiteErrors)) {
    throw new SuiteErrors(failures.flatMap((f) => (f as SuiteErrors).errors));
  }
  throw failures.find((f) => !(f instanceof SuiteErrors));
}

async function startEmbedded(target: TargetConfig, faults: readonly string[]) {
  const { startReferenceServer } = await loadReferenceServer();
  return startReferenceServer({ faults, allowWrites: target.allowWrites });
}

/** The validator is only loaded when a suite uses `conformsTo` (it costs start-up time). */
async function loadValidatorIfNeeded(
  suites: readonly Suite[],
  warnings: string[],
): Promise<{ validator?: ProfileValidator }> {
  const usesConformsTo = suites.some((s) =>
    [...s.setup, ...s.scenarios.flatMap((sc) => sc.steps)].some((step) => step.expect?.conformsTo),
  );
  if (!usesConformsTo) return {};
  const packages = [...new Set(suites.flatMap((s) => (s.ig ? [s.ig] : [])))];
  try {
    const { createValidator } = await import('../validation/index.js');
    return { validator: await createValidator({ packages }) };
  } catch (err) {
    warnings.push(
      `Profile validation is unavailable, so conformsTo checks cannot run: ${(err as Error).message}`,
    );
    return {};
  }
}

/** Inputs the target supplies, or declares absent with null (those are out of scope, not gaps). */
function suppliedInputs(target: TargetConfig): Set<string> {
  return new Set(
    Object.entries(target.inputs)
      .filter(([, value]) => value === null || isSupplied(value))
      .map(([name]) => name),
  );
}

function placeholderWarnings(target: TargetConfig): string[] {
  const names = [...new Set(target.placeholders.map((p) => p.input))];
  if (names.length === 0) return [];
  return [
    `${names.length} input(s) in ${target.file ?? 'the target config'} still hold the template placeholder ${PLACEHOLDER} and count as not supplied: ${names.join(', ')}.`,
  ];
}

function expiredWaiverWarnings(target: TargetConfig): string[] {
  const today = new Date().toISOString().slice(0, 10);
  return target.waivers
    .filter((w) => w.expires !== undefined && w.expires < today)
    .map(
      (w) => `The waiver for ${w.scenario} (owner ${w.owner}) expired on ${w.expires} and no longer applies.`,
    );
}
