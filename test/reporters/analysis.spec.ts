// Requirement outcomes, operation claims and the headline verdict derived from a run.
import { expect } from 'chai';
import { operationRows, requirementRows, verdict, waivers } from '../../src/reporters/analysis.js';
import { mixedRun, passingRun } from './fixtures/runs.js';

describe('run analysis', () => {
  it('gives each requirement the worst outcome of the checks and scenarios behind it', () => {
    const rows = Object.fromEntries(requirementRows(mixedRun()).map((r) => [r.info.id, r.status]));
    expect(rows).to.deep.equal({
      'GO-FSV-1': 'passed',
      'GO-FSV-2': 'failed',
      'GO-ERR-1': 'waived',
      'GO-FSH-1': 'out-of-scope',
      'GO-FSM-1': 'error',
      'GR-VAR-2': 'warned',
      'GR-VAR-9': undefined,
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

  it('finds the operations a scenario calls even when it was skipped', () => {
    const run = passingRun();
    const sc = run.suites[3]!.scenarios[0]!;
    const renamed = { ...sc, status: 'skipped' as const, operations: ['find-subject-tx-implications'] };
    const rows = operationRows({ ...run, suites: [{ ...run.suites[3]!, scenarios: [renamed] }] });
    expect(rows.map((r) => r.code)).to.include('find-subject-tx-implications');
  });

  it('states the verdict, its coverage and the exit code by the verdict policy', () => {
    const failed = verdict(mixedRun());
    expect(failed.verdict).to.equal('not-conformant');
    expect(failed.headline).to.include('1 scenario(s) failed a SHALL requirement');
    expect(failed.exitCode).to.equal(1);
    const passing = verdict(passingRun());
    expect(passing.verdict).to.equal('conformant');
    expect(passing.coverageText).to.equal('6 of 6 requirements exercised');
    const gap = passingRun();
    const untested = {
      ...gap,
      suites: gap.suites.map((s, i) =>
        i === 0
          ? s
          : {
              ...s,
              scenarios: s.scenarios.map((sc) => ({
                ...sc,
                status: 'skipped' as const,
                steps: [],
                skip: { kind: 'input-missing' as const },
              })),
            },
      ),
    };
    const incomplete = verdict(untested);
    expect(incomplete.verdict).to.equal('incomplete');
    expect(incomplete.exitCode).to.equal(4);
    expect(incomplete.coverageText).to.equal('3 of 6 requirements exercised');
    expect(
      verdict({ ...untested, options: { ...untested.options, allowIncomplete: true } }).exitCode,
    ).to.equal(0);
    // A SHALL failure found before an interruption still decides the verdict; the signal keeps its code.
    const interrupted = verdict({ ...mixedRun(), interrupted: 'SIGINT' });
    expect(interrupted.verdict).to.equal('not-conformant');
    expect(interrupted.exitCode).to.equal(130);
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
