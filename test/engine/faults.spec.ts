// Server faults: each ends the step with a failing `transport` check naming the request and the cause;
// the scenario is `failed` (never `error`, never a thrown exception).
import { expect } from 'chai';
import { SuiteRun } from '../../src/engine/index.js';
import { answers, startTestServer } from '../helpers/test-server.js';
import { check, context, get, scenario, suite } from './builders.js';
import { runOne, useTestServer } from './harness.js';

describe('engine: server faults', () => {
  const t = useTestServer();
  const readPatient = scenario('read', [
    get('Patient/p1', { status: 200, fhirpath: [check('Patient.id', 'equals', 'p1')] }),
  ]);

  async function transportMessage(answer: Parameters<typeof t.server.route>[2], how = {}) {
    t.server.route('GET', 'Patient/p1', answer);
    const result = await runOne(t.server, readPatient, how);
    expect(result.status).to.equal('failed');
    const transport = result.steps[0]!.checks.find((c) => c.kind === 'transport');
    expect(transport, JSON.stringify(result.steps[0]!.checks)).to.not.equal(undefined);
    expect(transport!.outcome).to.equal('fail');
    expect(transport!.message).to.include(`GET ${t.server.baseUrl}/Patient/p1`);
    // The reason is the first failing check: the status one when a response came back with the wrong status.
    expect(result.reason).to.match(/the server answered usably|status is 200/);
    return transport!.message!;
  }

  it('connection reset', async () => {
    expect(await transportMessage(answers.reset())).to.match(/closed the connection.*\[CONNECTION_RESET\]/);
  });
  it('connection refused', async () => {
    const closed = await startTestServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const run = new SuiteRun(suite([readPatient]), context(baseUrl));
    const result = await run.run(run.plan(readPatient)[0]!, { retries: 0 });
    expect(result.status).to.equal('failed');
    expect(result.steps[0]!.checks[0]!.message).to.match(/connection refused \[CONNECTION_REFUSED\]/);
    expect(result.steps[0]!.exchanges[0]!.error?.code).to.equal('CONNECTION_REFUSED');
  });
  it('timeout', async () => {
    const message = await transportMessage(
      answers.delay(2000, answers.json({ resourceType: 'Patient', id: 'p1' })),
      {
        ctx: { target: { timeoutMs: 200 } },
      },
    );
    expect(message).to.match(/no answer within 200 ms \[TIMEOUT\]/);
  });
  it('an HTML body where JSON was expected', async () => {
    expect(await transportMessage(answers.html())).to.match(
      /not JSON \(text\/html, starts with "<!DOCTYPE html>.*\[NOT_JSON\]/,
    );
  });
  it('invalid JSON', async () => {
    expect(await transportMessage(answers.invalidJson())).to.match(/invalid JSON .*\[INVALID_JSON\]/);
  });
  it('an empty body', async () => {
    expect(await transportMessage(answers.empty())).to.match(/body is empty \(status 200\).*\[EMPTY_BODY\]/);
  });
  it('500 and 503, with the server diagnostics', async () => {
    expect(await transportMessage(answers.status(500, 'database down'))).to.match(
      /answered 500: database down \[SERVER_ERROR\]/,
    );
    expect(await transportMessage(answers.status(503))).to.match(/answered 503/);
  });
  it('a body over the size limit', async () => {
    expect(await transportMessage(answers.huge())).to.match(/larger than 16777216 bytes \[BODY_TOO_LARGE\]/);
  });
  it('the other checks of the step are still evaluated when the body is unusable', async () => {
    t.server.route('GET', 'Patient/p1', answers.html());
    const result = await runOne(t.server, readPatient);
    expect(result.steps[0]!.checks.map((c) => `${c.kind}:${c.outcome}`)).to.deep.equal([
      'status:pass',
      'transport:fail',
    ]);
    expect(result.reason).to.match(
      /^GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Patient\/p1: the server answered usably: .*\[NOT_JSON\]$/,
    );
  });
  it('a step expecting 400 that gets 500 reports the status first, and the fault too', async () => {
    t.server.route('GET', 'Patient/p1', answers.status(500));
    const result = await runOne(t.server, scenario('s', [get('Patient/p1', { status: 400 })]));
    expect(result.status).to.equal('failed');
    // The reason names the request as sent, templates resolved.
    expect(result.reason).to.match(
      /^GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Patient\/p1: status is 400: expected 400, got 500$/,
    );
    expect(result.steps[0]!.checks.map((c) => `${c.kind}:${c.outcome}`)).to.deep.equal([
      'status:fail',
      'transport:fail',
    ]);
  });
  it('a 5xx the step asks for is not a fault', async () => {
    t.server.route('GET', 'Patient/p1', answers.status(503));
    const result = await runOne(t.server, scenario('s', [get('Patient/p1', { status: 503 })]));
    expect(result.status).to.equal('passed');
  });
  it('an HTML 404 is fine when only the status is checked', async () => {
    t.server.route('GET', 'Patient/zz', answers.html(404));
    const result = await runOne(t.server, scenario('s', [get('Patient/zz', { status: 404 })]));
    expect(result.status).to.equal('passed');
  });
});
