// Requirement outcomes, operation claims and the headline verdict derived from a run.
import { expect } from 'chai';
import { operationRows, requirementRows, verdict, waivers } from '../../src/reporters/analysis.js';
import { mixedRun, passingRun } from './fixtures/runs.js';

describe('run analysis', () => {
  it('gives each requirement the worst outcome of the checks and scenarios behind it', () => {
    const rows = Object.fromEntries(requirementRows(mixedRun()).map((r) => [r.info.id, r.status]));
    expect(rows).to.deep.equal({
      'GO-FSV-1': 'pass',
      'GO-FSV-2': 'fail',
      'GO-ERR-1': 'waived',
      'GO-FSH-1': 'skip',
      'GO-FSM-1': 'error',
      'GR-VAR-2': 'warn',
      'GR-VAR-9': 'uncovered',
    });
  });

  it('lists a requirement a scenario names that the catalog lacks', () => {
    const run = mixedRun();
    const rows = requirementRows({
      ...run,
      requirements: run.requirements.filter((r) => r.id !== 'GO-FSV-2'),
    });
    expect(rows.find((r) => r.info.id === 'GO-FSV-2')?.info.text).to.include(
      'not in the requirements catalog',
    );
  });

  it('marks operations claimed & passing, claimed & failing or not claimed', () => {
    const claims = (run = mixedRun()) => Object.fromEntries(operationRows(run).map((o) => [o.code, o.claim]));
    expect(claims()).to.deep.equal({
      'find-study-metadata': 'claimed-failing',
      'find-subject-haplotypes': 'not-claimed',
      'find-subject-variants': 'claimed-failing',
    });
    expect(claims(passingRun())).to.deep.equal({
      'find-study-metadata': 'claimed-passing',
      'find-subject-haplotypes': 'claimed-passing',
      'find-subject-variants': 'claimed-passing',
    });
    const untested = passingRun({
      claimedOperations: ['find-subject-variants', '$find-population-specific-variants', 'validate'],
    });
    expect(claims(untested)).to.include({
      'find-population-specific-variants': 'claimed-untested',
      'find-subject-haplotypes': 'not-claimed',
    });
    expect(claims(untested)).not.to.have.property('validate');
    expect(claims(passingRun({ claimedOperations: undefined }))['find-subject-variants']).to.equal(
      'claim-unknown',
    );
  });

  it('finds operations from step names too', () => {
    const run = passingRun();
    const sc = run.suites[3]!.scenarios[0]!;
    const renamed = { ...sc, steps: [{ ...sc.steps[0]!, name: '$find-subject-tx-implications (POST)' }] };
    const rows = operationRows({ ...run, suites: [{ ...run.suites[3]!, scenarios: [renamed] }] });
    expect(rows.map((r) => r.code)).to.include('find-subject-tx-implications');
  });

  it('writes a headline verdict from the exit code and totals', () => {
    expect(verdict(mixedRun()).level).to.equal('fail');
    expect(verdict(mixedRun()).headline).to.include('1 scenario(s) failed a SHALL requirement');
    expect(verdict(passingRun()).level).to.equal('pass');
    const warned = passingRun({
      totals: { passed: 5, failed: 0, warned: 1, skipped: 0, waived: 0, error: 0 },
    });
    expect(verdict(warned).level).to.equal('warn');
    const errored = passingRun({
      totals: { passed: 5, failed: 0, warned: 0, skipped: 0, waived: 0, error: 1 },
    });
    expect(verdict(errored).level).to.equal('incomplete');
    expect(verdict({ ...errored, exitCode: 1 }).headline).to.equal(
      'Incomplete: 1 scenario(s) could not be evaluated',
    );
    const strict = passingRun({
      exitCode: 1,
      totals: { passed: 5, failed: 0, warned: 1, skipped: 0, waived: 0, error: 0 },
    });
    expect(verdict(strict).headline).to.include('--strict');
    expect(verdict(passingRun({ exitCode: 3 })).headline).to.include('did not answer');
    const interrupted = passingRun({ interrupted: 'SIGTERM', exitCode: 143 });
    expect(verdict(interrupted)).to.deep.include({
      level: 'incomplete',
      headline: 'Incomplete: the run was interrupted (SIGTERM) before every scenario ran',
    });
    // A SHALL failure found before the interruption still decides the verdict.
    expect(verdict({ ...mixedRun(), interrupted: 'SIGINT', exitCode: 130 }).level).to.equal('fail');
  });

  it('reports waivers with owner, expiry and days left', () => {
    const [w] = waivers(mixedRun());
    expect(w).to.deep.include({
      waiver: {
        reason: 'Returns 400 until release 2.3',
        owner: 'site-team@example.org',
        expires: '2027-03-01',
      },
    });
    expect(w!.daysLeft).to.equal(94);
  });
});
