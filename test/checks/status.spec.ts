// `status`: numbers, lists, classes, and the implicit 2xx.
import { expect } from 'chai';
import { checkStatus, statusChecks } from '../../src/checks/status.js';
import { EngineError } from '../../src/common/errors.js';
import { checkContext, expectation } from '../engine/builders.js';

describe('checks/status', () => {
  it('a number, a list and a class pass when they match', () => {
    expect(checkStatus(200, 200).outcome).to.equal('pass');
    expect(checkStatus([200, 201], 201).outcome).to.equal('pass');
    expect(checkStatus('4xx', 404).outcome).to.equal('pass');
  });
  it('a mismatch says what was expected and what came back', () => {
    expect(checkStatus(200, 404).message).to.equal('status is 200: expected 200, got 404');
    expect(checkStatus([200, 201], 500).message).to.equal(
      'status is one of 200, 201: expected 200 or 201, got 500',
    );
    expect(checkStatus('2xx', 302).message).to.match(/expected 2xx, got 302/);
  });
  it('without a status expectation the step must answer 2xx, and the check says so', () => {
    const [planned] = statusChecks(undefined);
    expect(planned!.description).to.match(/implicit/);
    expect(planned!.run(checkContext({}, { status: 204 })).outcome).to.equal('pass');
    expect(planned!.run(checkContext({}, { status: 404 })).message).to.match(
      /implicit.*expected 2xx, got 404/,
    );
  });
  it('a class that is not Nxx is a suite fault', () => {
    const [planned] = statusChecks(expectation({ status: 'ok' }));
    expect(() => planned!.run(checkContext({}))).to.throw(EngineError, /not a number, a list or a class/);
  });
});
