// Runs every bundled suite against the embedded reference server (cohort loaded) and checks that each
// scenario passes or is skipped with a reason; then that a fault makes a SHALL scenario fail and name
// the requirement it breaks.
import { expect } from 'chai';
import type { ScenarioResult } from '../../src/results/model.js';
import { runReferenceScenarios } from '../helpers/reference-run.js';

async function runReference(faults: string[], suitePaths: string[] = []): Promise<ScenarioResult[]> {
  return runReferenceScenarios({ faults, suitePaths });
}

describe('bundled suites against the reference server', function () {
  this.timeout(240_000);

  it('pass or are skipped with a reason', async () => {
    const scenarios = await runReference([]);
    expect(scenarios.length).to.be.greaterThan(150);
    const bad = scenarios
      .filter((s) => s.status !== 'passed' && !(s.status === 'skipped' && s.reason))
      .map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`);
    expect(bad).to.deep.equal([]);
  });

  it('fail a SHALL scenario naming the broken requirement under the category-merged fault', async () => {
    const scenarios = await runReference(['category-merged'], ['suites/genomics-reporting/variant.yaml']);
    const failed = scenarios.filter((s) => s.status === 'failed' && s.severity === 'SHALL');
    expect(failed.map((s) => s.fullId)).to.include('genomics-reporting/variant/fixed-code-and-categories');
    expect(failed.flatMap((s) => s.requirements)).to.include.members(['GR-BASE-CAT-LAB', 'GR-BASE-CAT-GE']);
  });

  it('under the closed-ranges fault, warn on the variant at the range end and fail the subsumed inner range at SHALL', async () => {
    const scenarios = await runReference(
      ['closed-ranges'],
      [
        'suites/genomics-operations/find-subject-variants.yaml',
        'suites/genomics-operations/find-subject-structural-subsuming-variants.yaml',
      ],
    );
    const status = (id: string) => scenarios.find((s) => s.fullId === `genomics-operations/${id}`)?.status;
    // "Imprecise implementations are allowed, where results contain some records outside a requested range."
    expect(status('find-subject-variants/range-end-is-exclusive')).to.equal('warned');
    // A variant covering exactly [start, end) no longer subsumes the range: presence is wrong (SHALL).
    expect(status('find-subject-structural-subsuming-variants/inner-bounds-range-is-subsumed')).to.equal(
      'failed',
    );
  });
});
