// The failure text shown by mocha, JUnit and the console.
import { expect } from 'chai';
import { failureMessage } from '../../../src/reporters/mocha/failure-message.js';
import { checkResult, scenarioResult, stepResult } from '../../helpers/results.js';
import type { StepResult } from '../../../src/results/model.js';

function step(checks: StepResult['checks']): StepResult {
  return stepResult({ name: 'GET Observation', checks, outcome: 'fail' });
}

describe('runner/failure-message', () => {
  const shall = checkResult({
    outcome: 'fail',
    message: 'expected "searchset", got "batch"',
    requirements: ['GR-1'],
  });
  const should = checkResult({ outcome: 'fail', severity: 'SHOULD', message: 'no self link' });

  it('lists failed SHALL checks with the step and requirement', () => {
    const text = failureMessage(scenarioResult({ status: 'failed', steps: [step([shall, should])] }), false);
    expect(text).to.equal('GET Observation: SHALL expected "searchset", got "batch" [GR-1]');
  });

  it('includes SHOULD failures when strict', () => {
    const text = failureMessage(scenarioResult({ status: 'warned', steps: [step([should])] }), true);
    expect(text).to.include('SHOULD no self link');
  });

  it('leaves out waived checks', () => {
    const waived = { ...shall, waived: true };
    const text = failureMessage(
      scenarioResult({ status: 'failed', reason: 'r', steps: [step([waived])] }),
      false,
    );
    expect(text).to.equal('r');
  });

  it('uses the error for error results', () => {
    const text = failureMessage(
      scenarioResult({
        status: 'error',
        error: { code: 'FIXTURE_MISSING', cause: 'suite', message: 'no fixture x' },
      }),
      false,
    );
    expect(text).to.equal('FIXTURE_MISSING: no fixture x');
  });
});
