// The RunResult of a finished run: what ran, against what, with which options and sources, the results mocha
// reported, the run's warnings, and the verdict's exit code from the policy.
import { relative } from 'node:path';
import { PLACEHOLDER } from '../config/placeholders.js';
import { harnessVersion } from '../common/version.js';
import { isLive, todayUtc } from '../engine/index.js';
import type { RequirementsCatalog, Suite } from '../model/suite.js';
import type { TargetConfig } from '../model/target.js';
import { assess } from '../results/coverage.js';
import {
  RESULTS_SCHEMA_VERSION,
  type InterruptSignal,
  type RequirementInfo,
  type RunResult,
  type ScenarioResult,
  type SuiteResult,
} from '../results/model.js';
import { countScenarioStatuses } from '../results/totals.js';
import { describePackages } from './ig-packages.js';
import type { RunOptions } from './run-options.js';
import { formatShard } from './shard.js';

export interface RunFacts {
  readonly options: RunOptions;
  readonly startedAt: Date;
  readonly target: TargetConfig;
  readonly baseUrl: string;
  readonly suites: readonly Suite[];
  readonly catalog: RequirementsCatalog;
  readonly claimedOperations?: readonly string[];
  readonly reported: readonly SuiteResult[];
  readonly warnings: readonly string[];
}

/** The catalog's requirements as a run records them. */
export function requirementInfos(catalog: RequirementsCatalog): RequirementInfo[] {
  return [...catalog.requirements.values()].map(({ id, text, source, level, group }) => ({
    id,
    text,
    source,
    level,
    ...(group ? { group } : {}),
  }));
}

export async function buildRunResult(facts: RunFacts): Promise<RunResult> {
  const { options, target, suites } = facts;
  const scenarios = facts.reported.flatMap((s) => s.scenarios);
  const totals = countScenarioStatuses(scenarios);
  const interrupted = interruption(options.stop, scenarios);
  const partial: Omit<RunResult, 'exitCode'> = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    harness: { name: 'fgc', version: harnessVersion() },
    startedAt: facts.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    target: {
      name: target.name,
      baseUrl: facts.baseUrl,
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
      requirementsFile: relative(options.cwd, facts.catalog.file),
      ...(target.file ? { configFile: target.file } : {}),
    },
    ...(facts.claimedOperations ? { claimedOperations: [...facts.claimedOperations] } : {}),
    igPackages: await describePackages(suites.flatMap((s) => (s.ig ? [s.ig] : []))),
    requirements: requirementInfos(facts.catalog),
    suites: [...facts.reported],
    totals,
    warnings: [
      ...facts.warnings,
      ...(interrupted ? [interruptedWarning(interrupted)] : []),
      ...placeholderWarnings(target),
      ...expiredWaiverWarnings(target),
    ],
    ...(interrupted ? { interrupted: interrupted.signal } : {}),
  };
  return { ...partial, exitCode: assess(partial, totals).exitCode };
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

function placeholderWarnings(target: TargetConfig): string[] {
  const names = [...new Set(target.placeholders.map((p) => p.input))];
  if (names.length === 0) return [];
  return [
    `${names.length} input(s) in ${target.file ?? 'the target config'} still hold the template placeholder ${PLACEHOLDER} and count as not supplied: ${names.join(', ')}.`,
  ];
}

function expiredWaiverWarnings(target: TargetConfig): string[] {
  const today = todayUtc(new Date());
  return target.waivers
    .filter((w) => !isLive(w, today))
    .map(
      (w) => `The waiver for ${w.scenario} (owner ${w.owner}) expired on ${w.expires} and no longer applies.`,
    );
}
