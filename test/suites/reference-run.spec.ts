// Runs every bundled suite against the embedded reference server (cohort loaded) and checks that each
// scenario passes or is skipped with a reason; then that a fault makes a SHALL scenario fail and name
// the requirement it breaks.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult, ScenarioResult } from '../../src/model/results.js';
import { executeRun } from '../../src/runner/run.js';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Scenarios that fail for a known harness gap, not a server fault. Remove an entry when its cause is
 * fixed (the test below fails when a listed scenario starts passing, as a reminder).
 * - follow-next-link: the engine percent-encodes a `${capture}` path, so a captured absolute next-link
 *   URL is sent as one encoded path segment (`Observation%3Fsubject…`) and the server answers 404.
 */
const KNOWN_HARNESS_GAPS = new Set(['fhir-core/paging/follow-next-link']);

async function runReference(faults: string[], suitePaths: string[] = []): Promise<ScenarioResult[]> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'fgc-content-'));
  try {
    const { run } = await executeRun({
      cwd: ROOT,
      suitePaths,
      targetSpec: 'reference',
      reportsDir,
      concurrency: 2,
      retries: 0,
      strict: false,
      bail: false,
      selection: {},
      faults,
      console: false,
      env: {},
    });
    return (run as RunResult).suites.flatMap((s) => s.scenarios);
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

describe('bundled suites against the reference server', function () {
  this.timeout(240_000);

  it('pass or are skipped with a reason, apart from the known harness gaps', async () => {
    const scenarios = await runReference([]);
    expect(scenarios.length).to.be.greaterThan(150);
    const bad = scenarios
      .filter((s) => s.status !== 'passed' && !(s.status === 'skipped' && s.reason))
      .filter((s) => !KNOWN_HARNESS_GAPS.has(s.fullId))
      .map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`);
    expect(bad).to.deep.equal([]);
    for (const gap of KNOWN_HARNESS_GAPS)
      expect(
        scenarios.find((s) => s.fullId === gap)?.status,
        `${gap} passes now: remove it from KNOWN_HARNESS_GAPS`,
      ).to.equal('failed');
  });

  it('fail a SHALL scenario naming the broken requirement under the category-merged fault', async () => {
    const scenarios = await runReference(['category-merged'], ['suites/genomics-reporting/variant.yaml']);
    const failed = scenarios.filter((s) => s.status === 'failed' && s.severity === 'SHALL');
    expect(failed.map((s) => s.fullId)).to.include('genomics-reporting/variant/fixed-code-and-categories');
    expect(failed.flatMap((s) => s.requirements)).to.include.members(['GR-BASE-CAT-LAB', 'GR-BASE-CAT-GE']);
  });

  it('fail a SHALL scenario under the closed-ranges fault (a variant at the range end is reported)', async () => {
    const scenarios = await runReference(
      ['closed-ranges'],
      ['suites/genomics-operations/find-subject-variants.yaml'],
    );
    const failed = scenarios
      .filter((s) => s.status === 'failed' && s.severity === 'SHALL')
      .map((s) => s.fullId);
    expect(failed).to.include('genomics-operations/find-subject-variants/range-end-is-exclusive');
  });
});
