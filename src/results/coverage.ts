// Requirement coverage of a run: for every requirement the run's scenarios name, its status (from the checks
// that name it, following src/results/policy.ts) and the scenarios that are its evidence; and the run's
// verdict from those statuses. Reports and the exit code use this, so they cannot disagree.
import {
  INTERRUPT_EXIT_CODES,
  type RequirementInfo,
  type RunResult,
  type ScenarioResult,
  type StatusCounts,
} from './model.js';
import {
  assessRun,
  requirementStatusIn,
  worstRequirementStatus,
  type RequirementStatus,
  type RunAssessment,
} from './policy.js';
import { countScenarioStatuses } from './totals.js';

export interface RequirementEvidence {
  readonly scenario: ScenarioResult;
  readonly status: RequirementStatus;
}

export interface RequirementRow {
  readonly info: RequirementInfo;
  /** Undefined when no scenario of this run names it (outside the run, or no suite covers it). */
  readonly status?: RequirementStatus;
  readonly evidence: readonly RequirementEvidence[];
}

/** Every catalog requirement (plus any a scenario names that the catalog lacks), in catalog order. */
export function requirementRows(
  run: Pick<RunResult, 'requirements' | 'suites' | 'options'>,
): RequirementRow[] {
  const scenarios = run.suites.flatMap((s) => s.scenarios);
  const infos = [...run.requirements];
  const known = new Set(infos.map((r) => r.id));
  for (const sc of scenarios) {
    for (const id of namedRequirements(sc)) {
      if (!known.has(id)) {
        known.add(id);
        infos.push({ id, text: '(not in the requirements catalog)', source: '', level: sc.severity });
      }
    }
  }
  // One pass over the scenarios, each asked only about the requirements it names: a run of thousands of
  // forEach items against a catalog of hundreds of requirements stays linear.
  const strict = run.options.strict;
  const evidenceOf = new Map<string, RequirementEvidence[]>();
  for (const scenario of scenarios) {
    for (const id of namedRequirements(scenario)) {
      const status = requirementStatusIn(scenario, id, strict);
      if (!status) continue;
      const list = evidenceOf.get(id);
      if (list) list.push({ scenario, status });
      else evidenceOf.set(id, [{ scenario, status }]);
    }
  }
  return infos.map((info) => {
    const evidence = evidenceOf.get(info.id) ?? [];
    const status = worstRequirementStatus(evidence.map((e) => e.status));
    return { info, ...(status ? { status } : {}), evidence };
  });
}

/** The requirement ids a scenario or any of its checks names, each once. */
function namedRequirements(scenario: ScenarioResult): Set<string> {
  const ids = new Set(scenario.requirements);
  for (const step of scenario.steps)
    for (const check of step.checks) for (const id of check.requirements) ids.add(id);
  return ids;
}

/** The run's verdict, coverage and exit code (interruption keeps the signal's exit code). */
export function assess(
  run: Pick<RunResult, 'requirements' | 'suites' | 'options' | 'interrupted'>,
  totals: StatusCounts = countScenarioStatuses(run.suites.flatMap((s) => s.scenarios)),
): RunAssessment {
  const rows = requirementRows(run);
  return assessRun({
    statuses: totals,
    requirementStatuses: rows.flatMap((r) => (r.status ? [r.status] : [])),
    strict: run.options.strict,
    allowIncomplete: run.options.allowIncomplete ?? false,
    ...(run.interrupted ? { interruptedExitCode: INTERRUPT_EXIT_CODES[run.interrupted] } : {}),
  });
}
