// Status counts and the exit code, computed from results only (section 8 of the contract).
import type { ScenarioResult, StatusCounts } from '../model/results.js';

export function countStatuses(scenarios: Iterable<ScenarioResult>): StatusCounts {
  const totals: StatusCounts = { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0 };
  for (const s of scenarios) totals[s.status] += 1;
  return totals;
}

/**
 * 1 when a SHALL requirement failed, or a scenario could not be evaluated (`error`): CI must not go green
 * on a result nobody can trust. With --strict, SHOULD failures (`warned`) count too.
 */
export function exitCodeFor(totals: StatusCounts, strict: boolean): 0 | 1 {
  if (totals.failed > 0 || totals.error > 0) return 1;
  if (strict && totals.warned > 0) return 1;
  return 0;
}

/** The closing console line, e.g. `12 passed, 1 failed, 2 skipped`. */
export function formatTotals(totals: StatusCounts): string {
  const order: (keyof StatusCounts)[] = ['passed', 'failed', 'warned', 'skipped', 'waived', 'error'];
  return order
    .filter((k, i) => i < 2 || totals[k] > 0)
    .map((k) => `${totals[k]} ${k}`)
    .join(', ');
}
