// Status counting and the exit code CI gates on.
import { expect } from 'chai';
import { countStatuses } from '../../src/results/totals.js';
import { exitCodeFor, formatTotals } from '../../src/runner/totals.js';
import { scenarioResult } from '../helpers/results.js';

describe('runner/totals', () => {
  const statuses = ['passed', 'passed', 'warned', 'skipped'] as const;
  const clean = countStatuses(statuses.map((status) => scenarioResult({ status })));

  it('counts every status', () => {
    expect(clean).to.deep.equal({ passed: 2, failed: 0, warned: 1, skipped: 1, waived: 0, error: 0 });
  });

  it('exits 0 without SHALL failures, even with warnings, unless --strict', () => {
    expect(exitCodeFor(clean, false)).to.equal(0);
    expect(exitCodeFor(clean, true)).to.equal(1);
  });

  it('exits 1 on a failure or an error', () => {
    expect(exitCodeFor({ ...clean, failed: 1 }, false)).to.equal(1);
    expect(exitCodeFor({ ...clean, error: 1 }, false)).to.equal(1);
  });

  it('waived scenarios do not fail the run', () => {
    expect(exitCodeFor({ ...clean, waived: 3 }, true)).to.equal(1); // strict still sees the warned one
    expect(exitCodeFor({ ...clean, warned: 0, waived: 3 }, true)).to.equal(0);
  });

  it('prints passed and failed always, other statuses when present', () => {
    expect(formatTotals(clean)).to.equal('2 passed, 0 failed, 1 warned, 1 skipped');
  });
});
