// Derived views of a RunResult shared by every human-facing report: requirement outcomes, operation
// claims, the headline verdict, failures and waivers. Pure functions; no formatting here.
import type {
  CheckResult,
  RunResult,
  ScenarioResult,
  ScenarioStatus,
  StepResult,
  WaiverApplied,
} from '../results/model.js';
import { requirementRows, assess, type RequirementRow } from '../results/coverage.js';
import { checkEffect, coverageLine, type RequirementStatus, type RunAssessment } from '../results/policy.js';

export { requirementRows, type RequirementRow };
export type { RequirementEvidence } from '../results/coverage.js';

/** A requirement row's status for display: the policy's, or `not-in-run` when no scenario of the run names it. */
export type RequirementRowStatus = RequirementStatus | 'not-in-run';

export function rowStatus(row: RequirementRow): RequirementRowStatus {
  return row.status ?? 'not-in-run';
}

export function allScenarios(run: RunResult): ScenarioResult[] {
  return run.suites.flatMap((s) => s.scenarios);
}

export function allChecks(scenario: ScenarioResult): CheckResult[] {
  return scenario.steps.flatMap((s) => s.checks);
}

export interface RequirementGroup {
  readonly name: string;
  readonly rows: readonly RequirementRow[];
}

/** Requirements grouped by profile or operation (RequirementInfo.group), groups in first-seen order. */
export function groupRequirements(rows: readonly RequirementRow[]): RequirementGroup[] {
  const groups = new Map<string, RequirementRow[]>();
  for (const row of rows) {
    const name = row.info.group ?? 'Other requirements';
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return [...groups].map(([name, groupRows]) => ({ name, rows: groupRows }));
}

export function countRequirementStatuses(
  rows: readonly RequirementRow[],
): Record<RequirementRowStatus, number> {
  const counts = {
    failed: 0,
    error: 0,
    warned: 0,
    waived: 0,
    passed: 0,
    'not-exercised': 0,
    untested: 0,
    'out-of-scope': 0,
    'not-in-run': 0,
  };
  for (const row of rows) counts[rowStatus(row)]++;
  return counts;
}

// ---- operations ----

export type OperationClaim =
  'claimed-passing' | 'claimed-failing' | 'claimed-untested' | 'not-claimed' | 'claim-unknown';

export const CLAIM_LABELS: Record<OperationClaim, string> = {
  'claimed-passing': 'claimed & passing',
  'claimed-failing': 'claimed & failing',
  'claimed-untested': 'claimed, not tested',
  'not-claimed': 'not claimed',
  'claim-unknown': 'claim unknown (no CapabilityStatement)',
};

export interface OperationRow {
  /** Operation code without `$`. */
  readonly code: string;
  readonly claim: OperationClaim;
  readonly scenarios: readonly ScenarioResult[];
}

/** Operation codes a scenario exercises (recorded whether or not it ran). */
export function operationsOf(scenario: ScenarioResult): Set<string> {
  return new Set(scenario.operations ?? []);
}

const FAILING: ReadonlySet<ScenarioStatus> = new Set(['failed', 'error']);
const EXECUTED: ReadonlySet<ScenarioStatus> = new Set(['passed', 'failed', 'warned', 'waived', 'error']);

/** Each operation the run exercised or the server claims, with its claim verdict. */
export function operationRows(run: RunResult): OperationRow[] {
  const claimed = run.claimedOperations
    ? new Set(run.claimedOperations.map((c) => c.replace(/^\$/, '')))
    : undefined;
  const byCode = new Map<string, ScenarioResult[]>();
  for (const sc of allScenarios(run)) {
    for (const code of operationsOf(sc)) byCode.set(code, [...(byCode.get(code) ?? []), sc]);
  }
  // Claimed operations nobody tested are listed only when they look like genomics operations ($find-*);
  // a server's generic $validate or $everything is not this harness's business.
  for (const code of claimed ?? []) if (code.startsWith('find-') && !byCode.has(code)) byCode.set(code, []);
  return [...byCode.keys()].sort().map((code) => {
    const scenarios = byCode.get(code)!;
    let claim: OperationClaim;
    if (!claimed) claim = 'claim-unknown';
    else if (!claimed.has(code)) claim = 'not-claimed';
    else if (scenarios.some((s) => FAILING.has(s.status))) claim = 'claimed-failing';
    else if (scenarios.some((s) => EXECUTED.has(s.status))) claim = 'claimed-passing';
    else claim = 'claimed-untested';
    return { code, claim, scenarios };
  });
}

// ---- verdict ----

export interface ReportVerdict extends RunAssessment {
  /** Scenario counts, e.g. `12 passed, 1 failed, ...`. */
  readonly detail: string;
  /** `N of M requirements exercised`. */
  readonly coverageText: string;
}

/** The run's verdict as every report states it (src/results/policy.ts decides it). */
export function verdict(run: RunResult): ReportVerdict {
  const t = run.totals;
  const assessment = assess(run, t);
  return {
    ...assessment,
    detail: `${t.passed} passed, ${t.failed} failed, ${t.warned} warned, ${t.skipped} skipped, ${t.waived} waived, ${t.error} error`,
    coverageText: coverageLine(assessment.coverage),
  };
}

// ---- failures and waivers ----

export interface FailureItem {
  readonly scenario: ScenarioResult;
  /** Steps that hold a failing check (or every step with exchanges, for an error with none). */
  readonly steps: readonly { readonly step: StepResult; readonly checks: readonly CheckResult[] }[];
}

const REPORTED_AS_FAILURE: ReadonlySet<ScenarioStatus> = new Set(['failed', 'warned', 'error']);

/**
 * Failed, warned and errored scenarios, with the checks that failed, warned or errored and the steps
 * (exchanges) behind them. Information (failed MAY checks) is not a failure and is listed apart.
 */
export function failures(run: RunResult): FailureItem[] {
  const strict = run.options.strict;
  const counts = (c: CheckResult) => ['fail', 'warn', 'error'].includes(checkEffect(c, strict));
  return allScenarios(run)
    .filter((sc) => REPORTED_AS_FAILURE.has(sc.status))
    .map((scenario) => ({
      scenario,
      steps: scenario.steps
        .map((step) => ({ step, checks: step.checks.filter(counts) }))
        .filter((s) => s.checks.length > 0 || (s.step.outcome !== 'pass' && s.step.outcome !== 'skipped')),
    }));
}

export interface FindingSections {
  /** Failed scenarios: a SHALL check failed (with --strict, also a SHOULD one), or the server did not answer. */
  readonly failures: readonly FailureItem[];
  /** Scenarios that could not be judged (not authorised, a fault in a suite or in fgc). */
  readonly errors: readonly FailureItem[];
  /** Scenarios whose only failures are SHOULD checks. */
  readonly warnings: readonly FailureItem[];
}

/** The failures() items in the order a reviewer reads them: failures, then what could not be judged, then warnings. */
export function findingSections(run: RunResult): FindingSections {
  const items = failures(run);
  const strict = run.options.strict;
  const fails = (item: FailureItem) =>
    item.scenario.status === 'failed' ||
    item.steps.some((s) => s.checks.some((c) => checkEffect(c, strict) === 'fail'));
  return {
    failures: items.filter((i) => i.scenario.status !== 'error' && fails(i)),
    errors: items.filter((i) => i.scenario.status === 'error'),
    warnings: items.filter((i) => i.scenario.status !== 'error' && !fails(i)),
  };
}

/** Failed MAY checks: shown as information, never as failures. */
export function informationalFindings(run: RunResult): { scenario: ScenarioResult; check: CheckResult }[] {
  return allScenarios(run).flatMap((scenario) =>
    allChecks(scenario)
      .filter((check) => checkEffect(check, run.options.strict) === 'info')
      .map((check) => ({ scenario, check })),
  );
}

export interface WaiverRow {
  readonly scenario: ScenarioResult;
  readonly waiver: WaiverApplied;
  /** Days until expiry, counted from the end of the run (negative: expired). */
  readonly daysLeft?: number;
}

export function waivers(run: RunResult): WaiverRow[] {
  const end = Date.parse(run.finishedAt);
  return allScenarios(run)
    .filter((sc): sc is ScenarioResult & { waiver: WaiverApplied } => sc.waiver !== undefined)
    .map((scenario) => {
      const expiry = scenario.waiver.expires ? Date.parse(`${scenario.waiver.expires}T23:59:59Z`) : NaN;
      const daysLeft =
        Number.isNaN(expiry) || Number.isNaN(end) ? undefined : Math.floor((expiry - end) / 86_400_000);
      return { scenario, waiver: scenario.waiver, daysLeft };
    });
}

// ---- the conformance report ----

/** Everything the conformance report shows, computed once; the HTML and Markdown renderers only lay it out. */
export interface ConformanceView {
  readonly run: RunResult;
  readonly verdict: ReportVerdict;
  /** Every catalog requirement, in catalog order. */
  readonly requirements: readonly RequirementRow[];
  readonly operations: readonly OperationRow[];
  readonly findings: FindingSections;
  readonly information: readonly { scenario: ScenarioResult; check: CheckResult }[];
  readonly waivers: readonly WaiverRow[];
}

export function conformanceView(run: RunResult): ConformanceView {
  return {
    run,
    verdict: verdict(run),
    requirements: requirementRows(run),
    operations: operationRows(run),
    findings: findingSections(run),
    information: informationalFindings(run),
    waivers: waivers(run),
  };
}
