// FHIR TestReport output: valid against the base R4 TestReport definition, and faithful to the run.
import { expect } from 'chai';
import { suiteTestReport, testReportId, testReports } from '../../src/reporters/testreport.js';
import { validateR4 } from './fhir-r4.js';
import { HOSTILE_TEXT, mixedRun, passingRun } from './fixtures/runs.js';

describe('FHIR TestReport', () => {
  it('writes one valid R4 TestReport per suite for a run with every status', () => {
    const reports = testReports(mixedRun());
    expect(reports).to.have.length(4);
    for (const r of reports) expect(validateR4(r), r.id).to.deep.equal([]);
  });

  it('is valid for a passing run and a suite with setup and teardown steps', () => {
    const run = passingRun();
    const suite = run.suites[0]!;
    const withPhases = { ...suite, setup: suite.scenarios[0]!.steps, teardown: suite.scenarios[0]!.steps };
    const report = suiteTestReport(run, withPhases);
    expect(validateR4(report)).to.deep.equal([]);
    expect(report.result).to.equal('pass');
    expect(report.setup).to.have.nested.property('action[1].assert.result', 'pass');
    expect(report.teardown).to.have.nested.property('action[0].operation.result', 'pass');
  });

  it('the validator helper catches a bad code and a missing required element', () => {
    const bad = { ...testReports(mixedRun())[0]!, status: 'finished' } as Record<string, unknown>;
    delete bad.testScript;
    const problems = validateR4(bad as { resourceType: string });
    expect(problems.join('\n'))
      .to.match(/"finished" is not in/)
      .and.match(/testScript/);
  });

  it('maps statuses: SHALL failure fails, SHOULD failure warns, skip and error are kept', () => {
    const [fsv, fsh, fsm, variant] = testReports(mixedRun());
    expect(fsv!.result).to.equal('fail');
    const tests = fsv!.test as { action: { assert?: { result: string; message: string } }[] }[];
    const asserts = tests.flatMap((t) => t.action.flatMap((a) => (a.assert ? [a.assert] : [])));
    expect(asserts.map((a) => a.result)).to.include.members(['pass', 'fail', 'warning']);
    expect(asserts.find((a) => a.result === 'fail')!.message)
      .to.include('expected true')
      .and.include('GO-FSV-2');
    expect(fsh!.result).to.equal('pending');
    expect(fsh).to.have.nested.property('test[0].action[0].operation.result', 'skip');
    expect(fsm).to.have.nested.property('test[0].action[0].operation.result', 'error');
    expect(variant!.result).to.equal('pass');
    expect(variant).to.have.nested.property('test[0].action[1].assert.result', 'warning');
  });

  it('never carries raw markup from the server in its markdown messages', () => {
    const text = JSON.stringify(testReports(mixedRun()));
    expect(text).not.to.include('<script>');
    expect(HOSTILE_TEXT).to.include('<script>');
  });

  it('makes FHIR ids from suite ids, short and unique', () => {
    expect(testReportId('genomics-operations/find-subject-variants')).to.equal(
      'genomics-operations.find-subject-variants',
    );
    const long = testReportId(`x/${'a'.repeat(80)}`);
    expect(long).to.match(/^[A-Za-z0-9.-]{1,64}$/);
    expect(long).not.to.equal(testReportId(`y/${'a'.repeat(80)}`));
  });
});
