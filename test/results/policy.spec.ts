// The verdict policy: check effects by severity, status priority, requirement statuses, and the run verdict
// with its exit code. Every output maps from these (see outputs-agree.spec.ts).
import { expect } from 'chai';
import {
  assessRun,
  checkEffect,
  coverageOf,
  defaultCheckSeverity,
  requirementStatusIn,
  stricterThanAll,
  worstRequirementStatus,
  worstStatus,
} from '../../src/results/policy.js';
import type { StatusCounts } from '../../src/results/model.js';
import { checkResult, scenarioResult, stepResult } from '../helpers/results.js';

const none: StatusCounts = { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0 };

describe('results/policy', () => {
  describe('a failed check', () => {
    it('fails at SHALL, warns at SHOULD, informs at MAY', () => {
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'SHALL' }))).to.equal('fail');
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'SHOULD' }))).to.equal('warn');
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'MAY' }))).to.equal('info');
    });
    it('is waived when a live waiver covers it, at any severity', () => {
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'SHALL', waived: true }))).to.equal(
        'waived',
      );
    });
    it('fails at SHOULD under --strict, but a MAY still only informs', () => {
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'SHOULD' }), true)).to.equal('fail');
      expect(checkEffect(checkResult({ outcome: 'fail', severity: 'MAY' }), true)).to.equal('info');
    });
  });

  it('ranks failed worst, then error, warned, waived, passed, skipped', () => {
    expect(worstStatus(['passed', 'error', 'failed'])).to.equal('failed');
    expect(worstStatus(['skipped', 'passed'])).to.equal('passed');
    expect(worstStatus(['waived', 'warned'])).to.equal('warned');
    expect(worstStatus([])).to.equal(undefined);
  });

  describe('severity', () => {
    it('defaults to the strictest level of the requirements, else the scenario', () => {
      expect(defaultCheckSeverity(['SHOULD', 'SHALL'], 'SHOULD')).to.equal('SHALL');
      expect(defaultCheckSeverity(['SHOULD'], 'SHALL')).to.equal('SHOULD');
      expect(defaultCheckSeverity([], 'MAY')).to.equal('MAY');
    });
    it('knows a severity stricter than every requirement it names', () => {
      expect(stricterThanAll('SHALL', ['SHOULD', 'MAY'])).to.equal(true);
      expect(stricterThanAll('SHALL', ['SHOULD', 'SHALL'])).to.equal(false);
      expect(stricterThanAll('SHOULD', [])).to.equal(false);
    });
  });

  describe('a requirement in a scenario', () => {
    const failing = checkResult({ outcome: 'fail', requirements: ['R-FAIL'] });
    const passing = checkResult({ outcome: 'pass', requirements: ['R-PASS'] });
    const scenario = scenarioResult({
      status: 'failed',
      requirements: ['R-FAIL', 'R-PASS', 'R-NONE'],
      steps: [stepResult({ checks: [failing, passing] })],
    });
    it('fails only by a check that names it', () => {
      expect(requirementStatusIn(scenario, 'R-FAIL')).to.equal('failed');
      expect(requirementStatusIn(scenario, 'R-PASS')).to.equal('passed');
    });
    it('is untested, not failed, when no check of a failed scenario names it', () => {
      expect(requirementStatusIn(scenario, 'R-NONE')).to.equal('untested');
    });
    it('is not exercised by a check that had nothing to judge', () => {
      const vacuous = scenarioResult({
        requirements: ['R'],
        steps: [stepResult({ checks: [checkResult({ requirements: ['R'], exercised: false })] })],
      });
      expect(requirementStatusIn(vacuous, 'R')).to.equal('not-exercised');
    });
    it('follows the skip kind of a skipped scenario', () => {
      const skipped = (kind: 'not-claimed' | 'input-missing' | 'no-data') =>
        scenarioResult({ status: 'skipped', skip: { kind }, requirements: ['R'] });
      expect(requirementStatusIn(skipped('not-claimed'), 'R')).to.equal('out-of-scope');
      expect(requirementStatusIn(skipped('input-missing'), 'R')).to.equal('untested');
      expect(requirementStatusIn(skipped('no-data'), 'R')).to.equal('not-exercised');
    });
    it('is passed when one scenario passed it and another left it untested', () => {
      expect(worstRequirementStatus(['untested', 'passed'])).to.equal('passed');
      expect(worstRequirementStatus(['passed', 'failed'])).to.equal('failed');
    });
  });

  describe('the run verdict', () => {
    const run = (
      statuses: Partial<StatusCounts>,
      requirements: Parameters<typeof coverageOf>[0],
      options: { strict?: boolean; allowIncomplete?: boolean; interruptedExitCode?: 130 | 143 } = {},
    ) =>
      assessRun({
        statuses: { ...none, ...statuses },
        requirementStatuses: requirements,
        strict: options.strict ?? false,
        allowIncomplete: options.allowIncomplete ?? false,
        ...(options.interruptedExitCode ? { interruptedExitCode: options.interruptedExitCode } : {}),
      });

    it('is Conformant (exit 0) when every in-scope requirement was exercised and no SHALL failed', () => {
      const v = run({ passed: 3, warned: 1, skipped: 2 }, ['passed', 'warned', 'out-of-scope']);
      expect(v.verdict).to.equal('conformant');
      expect(v.exitCode).to.equal(0);
      expect(v.coverage).to.include({ inScope: 2, exercised: 2 });
      expect(v.headline).to.match(/1 SHOULD warning/);
    });
    it('is Not conformant (exit 1) on a SHALL failure, and on a warning under --strict', () => {
      expect(run({ failed: 1, passed: 1 }, ['failed', 'passed']).exitCode).to.equal(1);
      const strict = run({ warned: 1 }, ['warned'], { strict: true });
      expect(strict.verdict).to.equal('not-conformant');
      expect(strict.exitCode).to.equal(1);
    });
    it('is Incomplete (exit 4) when an in-scope requirement was not exercised, 0 with --allow-incomplete', () => {
      const gap = run({ passed: 1, skipped: 1 }, ['passed', 'untested']);
      expect(gap.verdict).to.equal('incomplete');
      expect(gap.exitCode).to.equal(4);
      expect(gap.headline).to.match(/1 in-scope requirement\(s\) not exercised/);
      expect(run({ passed: 1 }, ['passed', 'not-exercised'], { allowIncomplete: true }).exitCode).to.equal(0);
    });
    it('is Incomplete (exit 4) when nothing ran, whatever was skipped', () => {
      const v = run({ skipped: 152 }, ['out-of-scope']);
      expect(v.verdict).to.equal('incomplete');
      expect(v.exitCode).to.equal(4);
    });
    it('is Incomplete with exit 5 when scenarios could not be judged, even with --allow-incomplete', () => {
      const v = run({ passed: 1, error: 1 }, ['passed', 'error'], { allowIncomplete: true });
      expect(v.verdict).to.equal('incomplete');
      expect(v.exitCode).to.equal(5);
    });
    it('keeps the signal exit code of an interrupted run', () => {
      expect(run({ passed: 2 }, ['passed'], { interruptedExitCode: 130 }).exitCode).to.equal(130);
      expect(run({ failed: 1 }, ['failed'], { interruptedExitCode: 143 }).exitCode).to.equal(143);
    });
    it('counts exercised requirements against the in-scope ones', () => {
      const c = coverageOf([
        'passed',
        'failed',
        'warned',
        'waived',
        'not-exercised',
        'untested',
        'out-of-scope',
        'error',
      ]);
      expect(c).to.include({ inScope: 7, exercised: 4 });
    });
  });
});
