// The exit code and the closing totals line, computed from status counts only (section 8 of the contract).
import type { StatusCounts } from '../model/results.js';

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
