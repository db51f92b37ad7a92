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
    for (const id of [
      ...sc.requirements,
      ...sc.steps.flatMap((st) => st.checks.flatMap((c) => c.requirements)),
    ]) {
      if (!known.has(id)) {
        known.add(id);
        infos.push({ id, text: '(not in the requirements catalog)', source: '', level: sc.severity });
      }
    }
  }
  const strict = run.options.strict;
  return infos.map((info) => {
    const evidence: RequirementEvidence[] = [];
    for (const scenario of scenarios) {
      const status = requirementStatusIn(scenario, info.id, strict);
      if (status) evidence.push({ scenario, status });
    }
    const status = worstRequirementStatus(evidence.map((e) => e.status));
    return { info, ...(status ? { status } : {}), evidence };
  });
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
