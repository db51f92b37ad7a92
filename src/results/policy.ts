// The verdict policy: the one place that says what a check, a scenario and a run mean. The engine, the
// shard merge and every output (console, JUnit, Allure, TestReport, conformance HTML and Markdown,
// summary.json) map from these definitions; none of them decides a status on its own.
import type {
  CheckResult,
  ErrorCause,
  RunExitCode,
  ScenarioResult,
  ScenarioStatus,
  SkipKind,
} from './model.js';
import type { Severity } from '../model/suite.js';

// ---- statuses ----

/** Scenario statuses, worst first: a group of results (forEach items, shard copies) takes the worst. */
export const STATUS_PRIORITY: readonly ScenarioStatus[] = [
  'failed',
  'error',
  'warned',
  'waived',
  'passed',
  'skipped',
];

/** The first of `priority` (worst first) that `items` hold; undefined for no items. */
function worstOf<T>(priority: readonly T[], items: Iterable<T>): T | undefined {
  let worst: number | undefined;
  for (const item of items) {
    const rank = priority.indexOf(item);
    if (worst === undefined || rank < worst) worst = rank;
  }
  return worst === undefined ? undefined : priority[worst];
}

export function worstStatus(statuses: Iterable<ScenarioStatus>): ScenarioStatus | undefined {
  return worstOf(STATUS_PRIORITY, statuses);
}

/** One line per status, for docs and report legends. */
export const STATUS_MEANING: Readonly<Record<ScenarioStatus, string>> = {
  passed: 'every check held (a failed MAY check is shown as information)',
  failed: 'a SHALL check failed, or the server did not answer',
  warned: 'only SHOULD checks failed',
  skipped: 'not run, or nothing to check; the skip kind says why',
  waived: 'a failure covered by a live waiver in the target config',
  error: 'could not be judged: not authorised, or a fault in the suite or in fgc',
};

// ---- checks ----

/** What one check result means for its scenario and its requirements. */
export type CheckEffect = 'pass' | 'fail' | 'warn' | 'info' | 'waived' | 'error' | 'inconclusive';

/** The effect of a failed check by its severity: SHALL fails, SHOULD warns, MAY informs. */
export const FAILED_CHECK_EFFECT: Readonly<Record<Severity, 'fail' | 'warn' | 'info'>> = {
  SHALL: 'fail',
  SHOULD: 'warn',
  MAY: 'info',
};

export function checkEffect(
  check: Pick<CheckResult, 'outcome' | 'severity' | 'waived'>,
  strict = false,
): CheckEffect {
  switch (check.outcome) {
    case 'pass':
      return 'pass';
    case 'error':
      return 'error';
    case 'inconclusive':
      return 'inconclusive';
    case 'fail': {
      if (check.waived) return 'waived';
      const effect = FAILED_CHECK_EFFECT[check.severity];
      return strict && effect === 'warn' ? 'fail' : effect;
    }
  }
}

/**
 * The status checks give their scenario, before waivers: the worst effect decides. `undefined` when every
 * check held (the scenario passed) or nothing was decided but some checks were inconclusive.
 */
export function statusFromEffects(effects: Iterable<CheckEffect>): {
  status?: 'failed' | 'warned' | 'error';
  inconclusive: boolean;
  waived: boolean;
} {
  let status: 'failed' | 'warned' | 'error' | undefined;
  let inconclusive = false;
  let waived = false;
  const rank = { failed: 0, error: 1, warned: 2 } as const;
  const raise = (s: 'failed' | 'warned' | 'error') => {
    if (status === undefined || rank[s] < rank[status]) status = s;
  };
  for (const effect of effects) {
    if (effect === 'fail') raise('failed');
    else if (effect === 'error') raise('error');
    else if (effect === 'warn') raise('warned');
    else if (effect === 'inconclusive') inconclusive = true;
    else if (effect === 'waived') waived = true;
  }
  return { ...(status ? { status } : {}), inconclusive, waived };
}

/** The severity a check runs at: its own, else the strictest level of the requirements it names, else the scenario's. */
export function defaultCheckSeverity(
  requirementLevels: readonly Severity[],
  scenarioSeverity: Severity,
): Severity {
  return strictest(requirementLevels) ?? scenarioSeverity;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { SHALL: 0, SHOULD: 1, MAY: 2 };

export function strictest(levels: readonly Severity[]): Severity | undefined {
  let best: Severity | undefined;
  for (const level of levels)
    if (best === undefined || SEVERITY_RANK[level] < SEVERITY_RANK[best]) best = level;
  return best;
}

/** True when `severity` demands more than every one of `levels` (a SHALL check for SHOULD requirements). */
export function stricterThanAll(severity: Severity, levels: readonly Severity[]): boolean {
  return levels.length > 0 && levels.every((level) => SEVERITY_RANK[severity] < SEVERITY_RANK[level]);
}

// ---- skips and errors ----

/**
 * What a skipped scenario means for coverage:
 * - `out-of-scope`: the site does not claim or serve that feature (or the config does not allow it);
 * - `untested`: the site did not supply what the scenario needs, or the run stopped before it;
 * - `not-exercised`: it ran as far as it could, but the data held nothing to check.
 */
export type SkipCoverage = 'out-of-scope' | 'untested' | 'not-exercised';

export const SKIP_COVERAGE: Readonly<Record<SkipKind, SkipCoverage>> = {
  'not-claimed': 'out-of-scope',
  'writes-not-allowed': 'out-of-scope',
  'not-applicable': 'out-of-scope',
  'input-missing': 'untested',
  interrupted: 'untested',
  'prerequisite-failed': 'untested',
  'request-refused': 'untested',
  'no-data': 'not-exercised',
  'capture-empty': 'not-exercised',
  inconclusive: 'not-exercised',
};

/** Headings for skip kinds, for grouped console and report lines. */
export const SKIP_LABEL: Readonly<Record<SkipKind, string>> = {
  'not-claimed': 'not claimed by the server',
  'writes-not-allowed': 'writes not allowed',
  'not-applicable': 'not applicable to this site',
  'input-missing': 'input not supplied',
  interrupted: 'run interrupted',
  'prerequisite-failed': 'a prerequisite did not pass',
  'request-refused': 'the server refused a request the scenario needs',
  'no-data': 'no data',
  'capture-empty': 'nothing to check',
  inconclusive: 'inconclusive',
};

export const ERROR_CAUSE_LABEL: Readonly<Record<ErrorCause, string>> = {
  'not-authorised': 'not authorised (check the auth settings of the target config)',
  suite: 'a fault in the suite',
  harness: 'a bug in fgc',
};

// ---- requirements ----

/**
 * A requirement's status in a run, worst first. `passed`, `failed`, `warned`, `waived` are exercised;
 * `not-exercised`: its scenarios ran but the data held nothing to check; `untested`: input missing or not run;
 * `out-of-scope`: only scenarios of unclaimed or unserved features name it. A requirement no scenario of the
 * run names is outside the run and has no status.
 */
export type RequirementStatus =
  'failed' | 'error' | 'warned' | 'waived' | 'passed' | 'not-exercised' | 'untested' | 'out-of-scope';

export const REQUIREMENT_PRIORITY: readonly RequirementStatus[] = [
  'failed',
  'error',
  'warned',
  'waived',
  'passed',
  'not-exercised',
  'untested',
  'out-of-scope',
];

export const EXERCISED: ReadonlySet<RequirementStatus> = new Set(['failed', 'warned', 'waived', 'passed']);

export function worstRequirementStatus(statuses: Iterable<RequirementStatus>): RequirementStatus | undefined {
  return worstOf(REQUIREMENT_PRIORITY, statuses);
}

const EFFECT_TO_REQUIREMENT: Readonly<Record<CheckEffect, RequirementStatus>> = {
  pass: 'passed',
  // A failed MAY check is information: the requirement it names is not broken at its level.
  info: 'passed',
  fail: 'failed',
  warn: 'warned',
  waived: 'waived',
  error: 'error',
  inconclusive: 'not-exercised',
};

/** What one check says about the requirements it names. */
export function checkRequirementStatus(check: CheckResult, strict = false): RequirementStatus {
  const effect = checkEffect(check, strict);
  if (effect === 'pass' && check.exercised === false) return 'not-exercised';
  return EFFECT_TO_REQUIREMENT[effect];
}

/**
 * What one scenario says about one requirement; undefined when neither the scenario nor any of its checks
 * names it. Only the checks that name a requirement can fail it: a scenario that failed on another check
 * leaves it untested (or not exercised), never failed.
 */
export function requirementStatusIn(
  scenario: ScenarioResult,
  requirement: string,
  strict = false,
): RequirementStatus | undefined {
  const checks = scenario.steps.flatMap((s) => s.checks).filter((c) => c.requirements.includes(requirement));
  if (!scenario.requirements.includes(requirement) && checks.length === 0) return undefined;
  if (scenario.status === 'skipped') {
    const coverage = scenario.skip ? SKIP_COVERAGE[scenario.skip.kind] : 'untested';
    // A scenario skipped as inconclusive may still have checks that decided (a violation found on the pages read).
    const decided = checks.map((c) => checkRequirementStatus(c, strict));
    return worstRequirementStatus([...decided, coverage]);
  }
  if (checks.length === 0) return scenario.status === 'error' ? 'error' : 'untested';
  const statuses = checks.map((c) => checkRequirementStatus(c, strict));
  return worstRequirementStatus(statuses)!;
}

// ---- the run ----

export type RunVerdictLevel = 'conformant' | 'incomplete' | 'not-conformant';

export interface Coverage {
  /** Requirements the run's in-scope scenarios name. */
  readonly inScope: number;
  /** Of those, the ones a check really tested (passed, failed, warned or waived). */
  readonly exercised: number;
  readonly byStatus: Readonly<Record<RequirementStatus, number>>;
}

export interface RunAssessment {
  readonly verdict: RunVerdictLevel;
  /** One line: the verdict and why. */
  readonly headline: string;
  readonly coverage: Coverage;
  readonly exitCode: RunExitCode;
}

export const EXIT_CODE_MEANING: Readonly<Record<number, string>> = {
  0: 'Conformant (or Incomplete with --allow-incomplete)',
  1: 'Not conformant: a SHALL requirement failed (or a SHOULD, with --strict)',
  2: 'bad input: a problem in a suite, a config or the command line; nothing was sent',
  3: 'the target could not be reached or authenticated at the preflight GET metadata',
  4: 'Incomplete: no SHALL failure, but some in-scope requirements were not exercised (inputs or data missing)',
  5: 'Incomplete: some scenarios could not be judged (not authorised, or a fault in a suite or in fgc)',
  130: 'stopped by Ctrl-C (SIGINT); the reports cover the scenarios that finished',
  143: 'stopped by SIGTERM; the reports cover the scenarios that finished',
};

export function emptyRequirementCounts(): Record<RequirementStatus, number> {
  return Object.fromEntries(REQUIREMENT_PRIORITY.map((s) => [s, 0])) as Record<RequirementStatus, number>;
}

/** Coverage from requirement statuses (one per requirement the run's scenarios name). */
export function coverageOf(statuses: Iterable<RequirementStatus>): Coverage {
  const byStatus = emptyRequirementCounts();
  for (const status of statuses) byStatus[status]++;
  const inScope = REQUIREMENT_PRIORITY.filter((s) => s !== 'out-of-scope').reduce(
    (n, s) => n + byStatus[s],
    0,
  );
  const exercised = [...EXERCISED].reduce((n, s) => n + byStatus[s], 0);
  return { inScope, exercised, byStatus };
}

export function coverageLine(coverage: Coverage): string {
  return `${coverage.exercised} of ${coverage.inScope} requirements exercised`;
}

/**
 * The run verdict and its exit code, from the scenario statuses and the requirement coverage:
 * - Not conformant (1): a scenario failed (with --strict, also warned);
 * - Incomplete (5): no failure, but some scenarios could not be judged (error);
 * - Incomplete (4, or 0 with --allow-incomplete): no failure or error, but an in-scope requirement was not
 *   exercised, or nothing ran at all;
 * - Conformant (0): no SHALL failure and every in-scope requirement exercised.
 * An interrupted run keeps its signal's exit code.
 */
export function assessRun(input: {
  readonly statuses: Readonly<Record<ScenarioStatus, number>>;
  readonly requirementStatuses: Iterable<RequirementStatus>;
  readonly strict: boolean;
  readonly allowIncomplete: boolean;
  readonly interruptedExitCode?: 130 | 143;
}): RunAssessment {
  const t = input.statuses;
  const coverage = coverageOf(input.requirementStatuses);
  const gaps = coverage.inScope - coverage.exercised;
  const withSignal = (code: RunExitCode): RunExitCode => input.interruptedExitCode ?? code;
  if (t.failed > 0 || (input.strict && t.warned > 0)) {
    const what =
      t.failed > 0
        ? `${t.failed} scenario(s) failed a SHALL requirement`
        : `${t.warned} scenario(s) missed a SHOULD, which --strict counts as failures`;
    return {
      verdict: 'not-conformant',
      headline: `Not conformant: ${what}`,
      coverage,
      exitCode: withSignal(1),
    };
  }
  if (t.error > 0) {
    return {
      verdict: 'incomplete',
      headline: `Incomplete: ${t.error} scenario(s) could not be judged (see the errors)`,
      coverage,
      exitCode: withSignal(5),
    };
  }
  const ran = t.passed + t.warned + t.waived;
  if (ran === 0 || gaps > 0 || input.interruptedExitCode) {
    const why =
      input.interruptedExitCode !== undefined
        ? 'the run was interrupted before every scenario ran'
        : ran === 0
          ? 'no scenario ran'
          : `${gaps} in-scope requirement(s) not exercised (inputs or data missing)`;
    return {
      verdict: 'incomplete',
      headline: `Incomplete: no SHALL failure, but ${why}`,
      coverage,
      exitCode: withSignal(input.allowIncomplete ? 0 : 4),
    };
  }
  const warnings = t.warned > 0 ? `, with ${t.warned} SHOULD warning(s)` : '';
  return {
    verdict: 'conformant',
    headline: `Conformant: no SHALL failure and every in-scope requirement exercised${warnings}`,
    coverage,
    exitCode: 0,
  };
}
