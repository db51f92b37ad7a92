// One conformance run, start to end: config and suites → (embedded server) → preflight → concurrent
// execution inside mocha → RunResult → results files. Reports beyond JUnit/Allure/JSON come after.
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadTarget } from '../config/index.js';
import { loadSuites } from '../suite/index.js';
import { parseCapabilities, SuiteRun, type EngineContext } from '../engine/index.js';
import { createRedactor, type Redactor } from '../http/redact.js';
import { createAuthProvider } from '../http/auth.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_STORED_BODY_CHARS, HttpClient } from '../http/client.js';
import { UsageError } from '../errors.js';
import { harnessVersion } from '../cli/version.js';
import {
  RESULTS_SCHEMA_VERSION,
  type RequirementInfo,
  type RunResult,
  type ScenarioResult,
} from '../model/results.js';
import type { Suite } from '../model/suite.js';
import type { TargetConfig } from '../model/target.js';
import type { ProfileValidator } from '../model/validation.js';
import { isSelected, type Selection } from './select.js';
import { scheduleSuites } from './schedule.js';
import { runThroughMocha } from './mocha-bridge.js';
import { fetchCapabilityStatement } from './preflight.js';
import { countStatuses, exitCodeFor } from './totals.js';
import { describePackages } from './ig-packages.js';
import { writeResults } from './write-results.js';

export interface RunOptions {
  readonly cwd: string;
  /** Suite files or folders; empty = every suite under <cwd>/suites. */
  readonly suitePaths: readonly string[];
  readonly targetSpec: string;
  readonly reportsDir: string;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs?: number;
  readonly strict: boolean;
  readonly bail: boolean;
  readonly selection: Selection;
  /** Fault switches for the embedded reference server. */
  readonly faults: readonly string[];
  /** Live spec output on the console. */
  readonly console: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  readonly run: RunResult;
  readonly files: string[];
  readonly redactor: Redactor;
}

export async function executeRun(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const target = await loadTarget(options.targetSpec, { cwd: options.cwd, env: options.env });
  const suitesRoot = join(options.cwd, 'suites');
  const { suites, catalog } = await loadSuites(options.suitePaths, { suitesRoot });
  if (options.faults.length > 0 && target.embedded !== 'reference') {
    throw new UsageError(
      '--fault only applies to the embedded reference server (a target with `embedded: reference`)',
    );
  }
  const redactor = createRedactor(target.secrets);
  const server = target.embedded ? await startEmbedded(target, options.faults) : undefined;
  try {
    const baseUrl = (server?.baseUrl ?? target.baseUrl)!;
    const http = new HttpClient({
      timeoutMs: options.timeoutMs ?? target.timeoutMs,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      maxStoredBodyChars: DEFAULT_MAX_STORED_BODY_CHARS,
      defaultHeaders: target.headers,
      auth: createAuthProvider(target.auth),
      redactor,
    });
    const capabilityStatement = await fetchCapabilityStatement(http, baseUrl);
    const capabilities = parseCapabilities(capabilityStatement);
    const warnings: string[] = [];
    const context: EngineContext = {
      target: { ...target, baseUrl },
      http,
      redactor,
      capabilities,
      ...(await loadValidatorIfNeeded(suites, warnings)),
    };

    const plans = suites
      .map((suite) => {
        const run = new SuiteRun(suite, context);
        const planned = suite.scenarios
          .filter((scenario) => isSelected(suite, scenario, options.selection))
          .flatMap((scenario) => run.plan(scenario));
        return { suite, run, planned };
      })
      .filter((p) => p.planned.length > 0);

    let stop = false;
    const scheduled = scheduleSuites(plans, {
      concurrency: options.concurrency,
      retries: options.retries,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      shouldStop: () => stop,
    });
    await rm(join(options.reportsDir, 'allure-results'), { recursive: true, force: true });
    const requirements = new Map<string, RequirementInfo>(
      [...catalog.requirements.values()].map(({ id, text, source, level, group }) => [
        id,
        { id, text, source, level, ...(group ? { group } : {}) },
      ]),
    );
    const mochaOutcome = await runThroughMocha(scheduled, {
      reportsDir: options.reportsDir,
      strict: options.strict,
      bail: options.bail,
      console: options.console,
      requirements,
      onResult: (result: ScenarioResult) => {
        if (options.bail && (result.status === 'failed' || result.status === 'error')) stop = true;
      },
    });

    const allScenarios = mochaOutcome.suites.flatMap((s) => s.scenarios);
    const totals = countStatuses(allScenarios);
    const run: RunResult = {
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
        ...(options.selection.grep ? { grep: options.selection.grep.source } : {}),
        ...(options.selection.tags?.length ? { tags: options.selection.tags } : {}),
        ...(options.selection.excludeTags?.length ? { excludeTags: options.selection.excludeTags } : {}),
      },
      sources: {
        suiteFiles: suites.map((s) => s.file),
        requirementsFile: relative(options.cwd, catalog.file),
        ...(target.file ? { configFile: target.file } : {}),
      },
      claimedOperations: [...capabilities.operations].sort(),
      igPackages: await describePackages(suites.flatMap((s) => (s.ig ? [s.ig] : []))),
      requirements: [...requirements.values()],
      suites: mochaOutcome.suites,
      totals,
      warnings: [...warnings, ...expiredWaiverWarnings(target)],
      exitCode: exitCodeFor(totals, options.strict),
    };
    const files = [
      ...(await writeResults(run, options.reportsDir, redactor)),
      join(options.reportsDir, 'junit.xml'),
      join(options.reportsDir, 'allure-results'),
    ];
    return { run, files, redactor };
  } finally {
    await server?.close();
  }
}

async function startEmbedded(target: TargetConfig, faults: readonly string[]) {
  const { startReferenceServer } = await import('../server/index.js');
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

function expiredWaiverWarnings(target: TargetConfig): string[] {
  const today = new Date().toISOString().slice(0, 10);
  return target.waivers
    .filter((w) => w.expires !== undefined && w.expires < today)
    .map(
      (w) => `The waiver for ${w.scenario} (owner ${w.owner}) expired on ${w.expires} and no longer applies.`,
    );
}
