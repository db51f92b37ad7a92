// Derived views of a RunResult shared by every human-facing report: requirement outcomes, operation
// claims, the headline verdict, failures and waivers. Pure functions; no formatting here.
import type {
  CheckResult,
  RequirementInfo,
  RunResult,
  ScenarioResult,
  ScenarioStatus,
  StepResult,
  WaiverApplied,
} from '../model/results.js';

export type RequirementStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'waived' | 'error' | 'uncovered';

/** Worst first: the status shown for a requirement is the worst evidence found for it. */
const REQUIREMENT_ORDER: readonly RequirementStatus[] = [
  'fail',
  'error',
  'warn',
  'waived',
  'pass',
  'skip',
  'uncovered',
];

export function worstOf(statuses: readonly RequirementStatus[]): RequirementStatus {
  let best = REQUIREMENT_ORDER.length - 1;
  for (const s of statuses) best = Math.min(best, REQUIREMENT_ORDER.indexOf(s));
  return REQUIREMENT_ORDER[best]!;
}

export interface RequirementEvidence {
  readonly scenario: ScenarioResult;
  readonly status: RequirementStatus;
}

export interface RequirementRow {
  readonly info: RequirementInfo;
  readonly status: RequirementStatus;
  readonly evidence: readonly RequirementEvidence[];
}

export function allScenarios(run: RunResult): ScenarioResult[] {
  return run.suites.flatMap((s) => s.scenarios);
}

export function allChecks(scenario: ScenarioResult): CheckResult[] {
  return scenario.steps.flatMap((s) => s.checks);
}

const SCENARIO_TO_REQUIREMENT: Record<ScenarioStatus, RequirementStatus> = {
  passed: 'pass',
  failed: 'fail',
  warned: 'warn',
  skipped: 'skip',
  waived: 'waived',
  error: 'error',
};

function checkStatus(check: CheckResult): RequirementStatus {
  if (check.outcome === 'pass') return 'pass';
  if (check.outcome === 'error') return 'error';
  if (check.waived) return 'waived';
  return check.severity === 'SHALL' ? 'fail' : 'warn';
}

/**
 * What one scenario says about one requirement. Checks that name the requirement decide; without such
 * checks (or when the scenario never got to run them) the scenario's own status does.
 */
export function requirementStatusIn(
  scenario: ScenarioResult,
  requirement: string,
): RequirementStatus | undefined {
  const checks = allChecks(scenario).filter((c) => c.requirements.includes(requirement));
  if (!scenario.requirements.includes(requirement) && checks.length === 0) return undefined;
  if (scenario.status === 'skipped' || scenario.status === 'error')
    return SCENARIO_TO_REQUIREMENT[scenario.status];
  if (checks.length === 0) return SCENARIO_TO_REQUIREMENT[scenario.status];
  const status = worstOf(checks.map(checkStatus));
  return scenario.status === 'waived' && (status === 'fail' || status === 'warn') ? 'waived' : status;
}

/** Every catalog requirement (plus any a scenario names that the catalog lacks), in catalog order. */
export function requirementRows(run: RunResult): RequirementRow[] {
  const scenarios = allScenarios(run);
  const infos = [...run.requirements];
  const known = new Set(infos.map((r) => r.id));
  for (const sc of scenarios) {
    for (const id of [...sc.requirements, ...allChecks(sc).flatMap((c) => c.requirements)]) {
      if (!known.has(id)) {
        known.add(id);
        infos.push({ id, text: '(not in the requirements catalog)', source: '', level: sc.severity });
      }
    }
  }
  return infos.map((info) => {
    const evidence: RequirementEvidence[] = [];
    for (const scenario of scenarios) {
      const status = requirementStatusIn(scenario, info.id);
      if (status) evidence.push({ scenario, status });
    }
    const status = evidence.length ? worstOf(evidence.map((e) => e.status)) : 'uncovered';
    return { info, status, evidence };
  });
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

export function countStatuses(rows: readonly RequirementRow[]): Record<RequirementStatus, number> {
  const counts: Record<RequirementStatus, number> = {
    pass: 0,
    fail: 0,
    warn: 0,
    skip: 0,
    waived: 0,
    error: 0,
    uncovered: 0,
  };
  for (const row of rows) counts[row.status]++;
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

const OPERATION_SUITE_PREFIX = 'genomics-operations/';

function operationsOfStep(step: StepResult): string[] {
  return [...step.name.matchAll(/\$([A-Za-z][\w-]*)/g)].map((m) => m[1]!);
}

/** Operation codes a scenario exercises: its suite id under genomics-operations/, and `$op` in step names. */
export function operationsOf(scenario: ScenarioResult): Set<string> {
  const codes = new Set<string>();
  if (scenario.suiteId.startsWith(OPERATION_SUITE_PREFIX)) {
    codes.add(scenario.suiteId.slice(OPERATION_SUITE_PREFIX.length).split('/')[0]!);
  }
  for (const step of scenario.steps) for (const code of operationsOfStep(step)) codes.add(code);
  return codes;
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

export type VerdictLevel = 'pass' | 'warn' | 'fail' | 'incomplete' | 'not-run';

export interface Verdict {
  readonly level: VerdictLevel;
  readonly headline: string;
  readonly detail: string;
}

export function verdict(run: RunResult): Verdict {
  const t = run.totals;
  const ran = t.passed + t.failed + t.warned + t.waived + t.error;
  const counts = `${t.passed} passed, ${t.failed} failed, ${t.warned} warned, ${t.skipped} skipped, ${t.waived} waived, ${t.error} error`;
  if (run.exitCode === 3) {
    return {
      level: 'not-run',
      headline: 'Not run: the server did not answer',
      detail: `GET ${run.target.baseUrl}/metadata failed; no scenario ran.`,
    };
  }
  if (run.exitCode === 2) {
    return {
      level: 'not-run',
      headline: 'Not run: bad suite or configuration',
      detail: 'Nothing was sent to the server.',
    };
  }
  if (t.failed > 0) {
    return {
      level: 'fail',
      headline: `Not conformant: ${t.failed} scenario(s) failed a SHALL requirement`,
      detail: counts,
    };
  }
  if (run.interrupted) {
    return {
      level: 'incomplete',
      headline: `Incomplete: the run was interrupted (${run.interrupted}) before every scenario ran`,
      detail: counts,
    };
  }
  // Errors are faults in a suite or the harness: the run cannot say yes or no (it still exits 1).
  if (t.error > 0) {
    return {
      level: 'incomplete',
      headline: `Incomplete: ${t.error} scenario(s) could not be evaluated`,
      detail: counts,
    };
  }
  if (run.exitCode === 1) {
    return {
      level: 'fail',
      headline: 'Not conformant: SHOULD failures count as failures (--strict)',
      detail: counts,
    };
  }
  if (ran === 0) return { level: 'incomplete', headline: 'Incomplete: no scenario ran', detail: counts };
  if (t.warned > 0) {
    return {
      level: 'warn',
      headline: `Conformant with warnings: ${t.warned} scenario(s) missed a SHOULD`,
      detail: counts,
    };
  }
  return { level: 'pass', headline: 'Conformant: every SHALL check that ran passed', detail: counts };
}

// ---- failures and waivers ----

export interface FailureItem {
  readonly scenario: ScenarioResult;
  /** Steps that hold a failing check (or every step with exchanges, for an error with none). */
  readonly steps: readonly { readonly step: StepResult; readonly checks: readonly CheckResult[] }[];
}

const REPORTED_AS_FAILURE: ReadonlySet<ScenarioStatus> = new Set(['failed', 'warned', 'error']);

/** Failed, warned and errored scenarios, with their failing checks and the steps (exchanges) behind them. */
export function failures(run: RunResult): FailureItem[] {
  return allScenarios(run)
    .filter((sc) => REPORTED_AS_FAILURE.has(sc.status))
    .map((scenario) => ({
      scenario,
      steps: scenario.steps
        .map((step) => ({ step, checks: step.checks.filter((c) => c.outcome !== 'pass' && !c.waived) }))
        .filter((s) => s.checks.length > 0 || (s.step.outcome !== 'pass' && s.step.outcome !== 'skipped')),
    }));
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
