// Status counting and the closing totals line.
import { expect } from 'chai';
import { countScenarioStatuses } from '../../src/results/totals.js';
import { formatTotals } from '../../src/results/totals.js';
import { scenarioResult } from '../helpers/results.js';

describe('results/totals', () => {
  const statuses = ['passed', 'passed', 'warned', 'skipped'] as const;
  const clean = countScenarioStatuses(statuses.map((status) => scenarioResult({ status })));

  it('counts every status', () => {
    expect(clean).to.deep.equal({ passed: 2, failed: 0, warned: 1, skipped: 1, waived: 0, error: 0 });
  });

  it('prints passed and failed always, other statuses when present', () => {
    expect(formatTotals(clean)).to.equal('2 passed, 0 failed, 1 warned, 1 skipped');
  });
});
