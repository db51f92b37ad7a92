// A run's scenario counts by status: counting them (the runner and `fgc report --merge` count alike) and the
// closing totals line every output prints.
import type { ScenarioResult, StatusCounts } from './model.js';

export function countScenarioStatuses(scenarios: Iterable<ScenarioResult>): StatusCounts {
  const totals: StatusCounts = { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0 };
  for (const s of scenarios) totals[s.status] += 1;
  return totals;
}

/** e.g. `12 passed, 1 failed, 2 skipped`: passed and failed always, other statuses when present. */
export function formatTotals(totals: StatusCounts): string {
  const order: (keyof StatusCounts)[] = ['passed', 'failed', 'warned', 'skipped', 'waived', 'error'];
  return order
    .filter((k, i) => i < 2 || totals[k] > 0)
    .map((k) => `${totals[k]} ${k}`)
    .join(', ');
}
