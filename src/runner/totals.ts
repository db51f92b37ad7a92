// The closing totals line of a run (scenario counts by status).
import type { StatusCounts } from '../model/results.js';

/** e.g. `12 passed, 1 failed, 2 skipped`. */
export function formatTotals(totals: StatusCounts): string {
  const order: (keyof StatusCounts)[] = ['passed', 'failed', 'warned', 'skipped', 'waived', 'error'];
  return order
    .filter((k, i) => i < 2 || totals[k] > 0)
    .map((k) => `${totals[k]} ${k}`)
    .join(', ');
}
