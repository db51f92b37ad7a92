// `fgc report --merge`: one RunResult from the results of several shards (or reruns) of the same target.
// Suites and scenarios are united, totals and the exit code recomputed, and conflicts reported as warnings.
import { UsageError } from '../common/errors.js';
import type { RunResult, ScenarioResult, StepResult, SuiteResult } from './model.js';
import { countScenarioStatuses } from './totals.js';
import { assess } from './coverage.js';
import { worstStatus } from './policy.js';

/** Step outcomes, worst last (the same order as the scenario statuses they lead to). */
const STEP_RANK: Record<StepResult['outcome'], number> = { skipped: 0, pass: 1, warn: 2, error: 3, fail: 4 };

export function mergeRunResults(runs: readonly RunResult[]): RunResult {
  const first = runs[0];
  if (!first) throw new UsageError('nothing to merge: give at least one results directory');
  checkCompatible(runs);
  const warnings: string[] = [];
  const note = (warning: string) => warnings.includes(warning) || warnings.push(warning);
  for (const run of runs) run.warnings.forEach(note);
  checkShardsComplete(runs).forEach(note);
  const baseUrls = unique(runs.map((r) => r.target.baseUrl));
  if (baseUrls.length > 1 && !first.target.embedded) {
    note(
      `the merged runs used different base URLs for target "${first.target.name}": ${baseUrls.join(', ')}`,
    );
  }
  const versions = unique(runs.map((r) => r.harness.version));
  if (versions.length > 1) note(`the merged runs used different harness versions: ${versions.join(', ')}`);

  const suites = mergeSuites(runs, note);
  const scenarios = suites.flatMap((s) => s.scenarios);
  const totals = countScenarioStatuses(scenarios);
  const { shard: _shard, ...options } = first.options;
  const claimed = runs.flatMap((r) => r.claimedOperations ?? []);
  const interrupted = runs.find((r) => r.interrupted)?.interrupted;
  const merged: Omit<RunResult, 'exitCode'> = {
    schemaVersion: first.schemaVersion,
    harness: first.harness,
    startedAt: runs.map((r) => r.startedAt).sort()[0]!,
    finishedAt: runs
      .map((r) => r.finishedAt)
      .sort()
      .at(-1)!,
    target: first.target,
    options,
    sources: {
      suiteFiles: unique(runs.flatMap((r) => r.sources.suiteFiles)).sort(),
      ...pick(runs.find((r) => r.sources.requirementsFile)?.sources, 'requirementsFile'),
      ...pick(runs.find((r) => r.sources.configFile)?.sources, 'configFile'),
    },
    ...(runs.some((r) => r.claimedOperations) ? { claimedOperations: unique(claimed).sort() } : {}),
    igPackages: uniqueBy(
      runs.flatMap((r) => r.igPackages),
      (p) => `${p.id}#${p.version}`,
    ),
    requirements: uniqueBy(
      runs.flatMap((r) => r.requirements),
      (r) => r.id,
    ),
    suites,
    totals,
    warnings,
    ...(interrupted ? { interrupted } : {}),
  };
  // The verdict of the union, by the same policy as one run: a merge never hides a failure or a gap.
  return { ...merged, exitCode: assess(merged, totals).exitCode };
}

function checkCompatible(runs: readonly RunResult[]): void {
  const schemas = unique(runs.map((r) => String(r.schemaVersion)));
  if (schemas.length > 1) {
    throw new UsageError(
      `cannot merge results written in different formats (schemaVersion ${schemas.join(', ')})`,
    );
  }
  const targets = unique(runs.map((r) => r.target.name));
  if (targets.length > 1) {
    throw new UsageError(
      `cannot merge results from different targets (${targets.join(', ')}): merge the shards of one target at a time`,
    );
  }
}

/** Warns when the runs are shards of one split but some shard is missing. */
function checkShardsComplete(runs: readonly RunResult[]): string[] {
  const shards = runs.map((r) => r.options.shard);
  if (shards.some((s) => s === undefined)) return [];
  const totals = unique(shards.map((s) => s!.split('/')[1]!));
  if (totals.length > 1)
    return [
      `the merged runs were split in different ways (--shard ${unique(shards as string[]).join(', ')})`,
    ];
  const total = Number(totals[0]);
  const missing = Array.from({ length: total }, (_, i) => `${i + 1}/${total}`).filter(
    (s) => !shards.includes(s),
  );
  return missing.length === 0
    ? []
    : [
        `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: the merged results cover only part of the run`,
      ];
}

function mergeSuites(runs: readonly RunResult[], note: (warning: string) => void): SuiteResult[] {
  const bySuite = new Map<string, SuiteResult[]>();
  for (const run of runs)
    for (const suite of run.suites) bySuite.set(suite.id, [...(bySuite.get(suite.id) ?? []), suite]);
  const merged = [...bySuite.values()].map((copies): SuiteResult => {
    const scenarios = new Map<string, ScenarioResult>();
    for (const scenario of copies.flatMap((s) => s.scenarios)) {
      const seen = scenarios.get(scenario.fullId);
      if (!seen) {
        scenarios.set(scenario.fullId, scenario);
      } else if (seen.status !== scenario.status) {
        const kept = worstStatus([seen.status, scenario.status]) === scenario.status ? scenario : seen;
        note(
          `scenario ${scenario.fullId} has conflicting results in the merged runs (${seen.status} and ` +
            `${scenario.status}); "${kept.status}" is kept`,
        );
        scenarios.set(scenario.fullId, kept);
      }
    }
    return {
      ...copies[0]!,
      setup: worstSteps(copies.map((s) => s.setup)),
      teardown: worstSteps(copies.map((s) => s.teardown)),
      scenarios: [...scenarios.values()].sort(
        (a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col || a.fullId.localeCompare(b.fullId),
      ),
    };
  });
  return merged.sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
}

/** Every shard ran the suite's setup and teardown; show the copy that went worst. */
function worstSteps(copies: readonly (readonly StepResult[])[]): readonly StepResult[] {
  const rank = (steps: readonly StepResult[]) => Math.max(-1, ...steps.map((s) => STEP_RANK[s.outcome]));
  return copies.reduce((worst, steps) => (rank(steps) > rank(worst) ? steps : worst), copies[0] ?? []);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}

function pick<T extends object, K extends keyof T>(obj: T | undefined, key: K): Partial<Pick<T, K>> {
  return obj && obj[key] !== undefined ? ({ [key]: obj[key] } as Pick<T, K>) : {};
}
