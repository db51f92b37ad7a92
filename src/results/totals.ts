// Status counts of a set of scenario results: the one count the runner and `fgc report --merge` both use.
import type { ScenarioResult, StatusCounts } from '../model/results.js';

export function countScenarioStatuses(scenarios: Iterable<ScenarioResult>): StatusCounts {
  const totals: StatusCounts = { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0 };
  for (const s of scenarios) totals[s.status] += 1;
  return totals;
}
