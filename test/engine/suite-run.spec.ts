// SuiteRun end to end against the loopback server: captures, forEach, when, skip reasons, statuses,
// waivers, retries, timeout, errors, setup and teardown.
import { expect } from 'chai';
import { parseCapabilities } from '../../src/engine/index.js';
import type { Scenario } from '../../src/model/suite.js';
import { answers } from '../helpers/test-server.js';
import { check, expectation, fp, get, input, loc, request, scenario, step } from './builders.js';
import { newRun, runOne, useTestServer } from './harness.js';

const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe' }] };
const search = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    { resource: { resourceType: 'Observation', id: 'o1', status: 'final' } },
    { resource: { resourceType: 'Observation', id: 'o2', status: 'final' } },
  ],
};

describe('engine: SuiteRun', () => {
  const t = useTestServer();
  beforeEach(() => {
    t.server.route('GET', 'Patient/p1', answers.json(patient));
    t.server.route('GET', 'Observation', answers.json(search));
    t.server.route('GET', 'Observation/o1', answers.json(search.entry[0]!.resource));
  });
  const paths = () => t.server.requests.map((r) => r.url.replace(/^\/fhir\//, ''));

  describe('%response in checks', () => {
    const fhirLabelledMeansFhir = check(
      "%response.contentType != 'application/fhir+json' or resourceType.exists()",
      'is',
      true,
    );

    it('gives checks the status and media type, so a non-FHIR body labelled FHIR fails', async () => {
      t.server.route('GET', 'Plain', answers.json({ error: 'bad range' }, 400)); // labelled application/fhir+json
      const result = await runOne(
        t.server,
        scenario('s', [
          get('Plain', {
            status: 400,
            fhirpath: [fhirLabelledMeansFhir, check('%response.status', 'equals', 400)],
          }),
        ]),
      );
      expect(result.status).to.equal('failed');
      const [mime, status] = result.steps[0]!.checks.filter((c) => c.kind === 'fhirpath');
      expect(mime!.outcome).to.equal('fail');
      expect(status!.outcome).to.equal('pass');
    });

    it('passes the same check for an OperationOutcome, and for a body with another media type', async () => {
      t.server.route('GET', 'Outcome', answers.outcome(400, 'bad range'));
      t.server.route('GET', 'Text', {
        status: 400,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: { error: 'x' },
      });
      for (const path of ['Outcome', 'Text']) {
        const result = await runOne(
          t.server,
          scenario('s', [get(path, { status: 400, fhirpath: [fhirLabelledMeansFhir] })]),
        );
        expect(result.status, path).to.equal('passed');
      }
    });
  });

  describe('captures', () => {
    it('a capture is visible to later steps; captureList repeats a parameter', async () => {
      const s = scenario('cap', [
        get(
          'Observation',
          { status: 200 },
          {
            capture: { first: fp('Bundle.entry.resource.first().id') },
            captureList: { all: fp('Bundle.entry.resource.id') },
          },
        ),
        get('Observation/${first}', {
          fhirpath: [
            check('Observation.id', 'equals', '${first}'),
            check('Observation.id = %first', 'is', true),
          ],
        }),
        step({ request: request('Observation', { query: { _id: '${all}' } }) }),
      ]);
      const result = await runOne(t.server, s);
      expect(result.status, result.reason).to.equal('passed');
      expect(paths()).to.deep.equal(['Observation', 'Observation/o1', 'Observation?_id=o1&_id=o2']);
      expect(result.steps[0]!.captures).to.deep.equal({ first: 'o1', all: ['o1', 'o2'] });
    });
    it('a capture that finds nothing fails nothing: it is recorded, and what needs it has nothing to check', async () => {
      const setter = scenario(
        'cap',
        [get('Observation', {}, { capture: { missing: fp("Bundle.entry.resource.where(id = 'zz').id") } })],
        { setsCaptures: ['missing'] },
      );
      const user = scenario('use', [get('Observation/${missing}')], { usesCaptures: ['missing'] });
      const run = newRun(t.server, [setter, user]);
      const result = await run.run(run.plan(setter)[0]!, { retries: 0 });
      expect(result.status).to.equal('passed');
      expect(result.steps[0]!.checks.map((c) => c.kind)).to.not.include('capture');
      expect(result.steps[0]!.captures).to.deep.equal({ missing: null });
      const dependant = await run.run(run.plan(user)[0]!, { retries: 0 });
      expect(dependant).to.deep.include({
        status: 'skipped',
        skip: { kind: 'capture-empty', detail: 'missing' },
      });
      expect(dependant.reason).to.equal(
        'nothing to check: missing found no value in the data (scenario test-suite/cap)',
      );
    });
    it('captures carry over to later scenarios; a missing one skips naming it and its scenario', async () => {
      const setter = scenario(
        'setter',
        [get('Observation', {}, { capture: { firstObs: fp('Bundle.entry.resource.first().id') } })],
        { setsCaptures: ['firstObs'] },
      );
      const user = scenario('user', [get('Observation/${firstObs}', { status: 200 })], {
        usesCaptures: ['firstObs'],
      });
      const early = newRun(t.server, [setter, user]);
      const skipped = await early.run(early.plan(user)[0]!, { retries: 0 });
      expect(skipped.status).to.equal('skipped');
      expect(skipped.reason).to.equal('firstObs is not available: nothing set it');
      expect(skipped.skip).to.deep.equal({ kind: 'prerequisite-failed', detail: 'firstObs' });
      const run = newRun(t.server, [setter, user]);
      expect((await run.run(run.plan(setter)[0]!, { retries: 0 })).status).to.equal('passed');
      const used = await run.run(run.plan(user)[0]!, { retries: 0 });
      expect(used.status, used.reason).to.equal('passed');
      expect(paths().at(-1)).to.equal('Observation/o1');
    });
  });

  describe('forEach and when', () => {
    const each = scenario(
      'each',
      [
        step({
          request: request('Observation', { query: { range: '${range}' } }),
          expect: expectation({ fhirpath: [check('%range', 'matches', '^NC_')] }),
        }),
      ],
      { forEach: { in: 'ranges', as: 'range' }, usesInputs: ['ranges'] },
    );
    const ranges = { inputs: { ranges: input('ranges', 'list') } };
    it('plans one scenario per item, with the item in ids, titles, requests, FHIRPath and parameters', async () => {
      const run = newRun(t.server, [each], {
        suite: ranges,
        ctx: { target: { inputs: { ranges: ['NC_000007.14:1-2', 'NC_000012.12:5-6'] } } },
      });
      const planned = run.plan(each);
      expect(planned.map((p) => p.fullId)).to.deep.equal([
        'test-suite/each[NC_000007.14:1-2]',
        'test-suite/each[NC_000012.12:5-6]',
      ]);
      expect(planned[1]!.title).to.equal('Scenario each [NC_000012.12:5-6]');
      const result = await run.run(planned[1]!, { retries: 0 });
      expect(result.status, result.reason).to.equal('passed');
      expect(result.fullId).to.equal('test-suite/each[NC_000012.12:5-6]');
      expect(result.parameters).to.deep.equal({ range: 'NC_000012.12:5-6' });
      expect(paths()).to.deep.equal(['Observation?range=NC_000012.12:5-6']);
    });
    it('skips when the list input is not supplied or empty', async () => {
      const missing = newRun(t.server, [each], { suite: ranges });
      expect((await missing.run(missing.plan(each)[0]!, { retries: 0 })).reason).to.equal(
        'input ranges not supplied',
      );
      // An empty list supplies nothing: the scenario needs items.
      const empty = newRun(t.server, [each], { suite: ranges, ctx: { target: { inputs: { ranges: [] } } } });
      const result = await empty.run(empty.plan(each)[0]!, { retries: 0 });
      expect(result).to.deep.include({
        status: 'skipped',
        skip: { kind: 'input-missing', detail: 'ranges' },
      });
      expect(result.reason).to.equal('input ranges not supplied');
    });
    it('iterates over a list captured by an earlier scenario', async () => {
      const setter = scenario(
        'ids',
        [get('Observation', {}, { captureList: { obsIds: fp('Bundle.entry.resource.id') } })],
        { setsCaptures: ['obsIds'] },
      );
      const reader = scenario('read', [get('Observation/${obsId}', { status: [200, 404] })], {
        forEach: { in: 'obsIds', as: 'obsId' },
        usesCaptures: ['obsIds'],
      });
      const run = newRun(t.server, [setter, reader]);
      await run.run(run.plan(setter)[0]!, { retries: 0 });
      const planned = run.plan(reader);
      expect(planned.map((p) => p.fullId)).to.deep.equal(['test-suite/read[o1]', 'test-suite/read[o2]']);
      expect((await run.run(planned[0]!, { retries: 0 })).status).to.equal('passed');
    });
    it('a forEach over a list captured after plan() ran runs every item in one result', async () => {
      const setter = scenario(
        'ids',
        [get('Observation', {}, { captureList: { obsIds: fp('Bundle.entry.resource.id') } })],
        { setsCaptures: ['obsIds'] },
      );
      const reader = scenario(
        'read',
        [
          get('Observation/${obsId}', {
            status: 200,
            statusTrace: { requirements: ['REQ-READ'], severity: 'SHALL' },
          }),
        ],
        {
          forEach: { in: 'obsIds', as: 'obsId' },
          usesCaptures: ['obsIds'],
        },
      );
      const run = newRun(t.server, [setter, reader]);
      const [early] = run.plan(reader);
      expect(early!.fullId).to.equal('test-suite/read');
      await run.run(run.plan(setter)[0]!, { retries: 0 });
      const result = await run.run(early!, { retries: 0 });
      expect(result.status).to.equal('failed');
      expect(result.reason).to.match(
        /^test-suite\/read\[o2\]: GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Observation\/o2: status is 200: expected 200, got 404 \(1 of 2 items did not pass\)$/,
      );
      expect(result.steps.map((s) => `${s.index}:${s.name}`)).to.deep.equal([
        '0:[o1] GET Observation/${obsId}',
        '1:[o2] GET Observation/${obsId}',
      ]);
      expect(result.parameters).to.deep.equal({ obsId: 'o1, o2' });
    });
    it('when false skips with the expression; when true runs', async () => {
      const guarded = (when: string) =>
        scenario('w', [get('Patient/p1')], { when: fp(when), usesInputs: ['patientId'] });
      const how = {
        suite: { inputs: { patientId: input('patientId') } },
        ctx: { target: { inputs: { patientId: 'p1' } } },
      };
      const skipped = await runOne(t.server, guarded("%inputs.patientId = 'other'"), how);
      expect(skipped.status).to.equal('skipped');
      expect(skipped.reason).to.equal("not applicable: when is false (%inputs.patientId = 'other')");
      expect(skipped.skip?.kind).to.equal('not-applicable');
      expect(t.server.requests).to.have.length(0);
      expect((await runOne(t.server, guarded("%inputs.patientId = 'p1'"), how)).status).to.equal('passed');
    });
  });

  it('a when expression that fails to run is an error', async () => {
    const result = await runOne(
      t.server,
      scenario('w', [get('Patient/p1')], { when: fp('%undeclared.exists()') }),
    );
    expect(result.status).to.equal('error');
    expect(result.reason).to.match(/^when: .*undeclared/);
    expect(t.server.requests).to.have.length(0);
  });

  describe('skip reasons', () => {
    it('an input used by the scenario but not supplied', async () => {
      const s = scenario('in', [get('Patient/${inputs.patientId}')], { usesInputs: ['patientId'] });
      const result = await runOne(t.server, s, { suite: { inputs: { patientId: input('patientId') } } });
      expect(result.status).to.equal('skipped');
      expect(result.reason).to.equal('input patientId not supplied');
    });
    it('writes when the target does not allow them', async () => {
      const s = scenario(
        'w',
        [step({ request: request('Patient', { method: 'POST', body: { inline: patient } }) })],
        { writes: true },
      );
      const result = await runOne(t.server, s);
      expect(result.reason).to.equal(
        'writes are not allowed on this target (allowWrites: false in the target config)',
      );
      t.server.route('POST', 'Patient', answers.json(patient, 201));
      expect((await runOne(t.server, s, { ctx: { target: { allowWrites: true } } })).status).to.equal(
        'passed',
      );
      expect(JSON.parse(t.server.requests[0]!.body)).to.deep.equal(patient);
    });
    it('suite requires and operation steps not claimed; unknown capabilities skip nothing', async () => {
      const caps = parseCapabilities(
        answers.capabilityStatement({ resources: { Observation: ['code'] }, operations: ['match'] })({
          request: {} as never,
          baseUrl: '',
        }).body,
      );
      const op = scenario('op', [step({ operation: { name: 'find-subject-variants', params: {} } })]);
      t.server.route('GET', '$find-subject-variants', answers.parameters([]));
      const notClaimed = await runOne(t.server, op, { ctx: { capabilities: caps } });
      expect(notClaimed.reason).to.equal('not claimed: operation $find-subject-variants');
      const requires = {
        requires: {
          resources: ['Observation', 'MolecularSequence'],
          searchParams: { Observation: ['code', 'subject'] },
          operations: [],
        },
      };
      const suiteGate = await runOne(t.server, scenario('r', [get('Patient/p1')]), {
        suite: requires,
        ctx: { capabilities: caps },
      });
      expect(suiteGate.reason).to.equal(
        'not claimed: resource MolecularSequence, search parameter Observation?subject',
      );
      expect((await runOne(t.server, op)).status).to.equal('passed');
    });
  });

  describe('statuses', () => {
    const failing = (severity: 'SHALL' | 'SHOULD' | 'MAY', override?: 'SHALL' | 'SHOULD' | 'MAY') =>
      scenario(
        'sev',
        [
          get('Patient/p1', {
            fhirpath: [check('Patient.id', 'equals', 'zz', override ? { severity: override } : {})],
          }),
          get('Observation'),
        ],
        { severity },
      );
    it('SHALL failure → failed and the scenario stops at that step', async () => {
      const result = await runOne(t.server, failing('SHALL'));
      expect(result.status).to.equal('failed');
      expect(result.steps).to.have.length(1);
      expect(result.reason).to.equal(
        `GET ${t.server.baseUrl}/Patient/p1: Patient.id equals "zz": expected "zz", got "p1" at Patient.id`,
      );
    });
    it('SHOULD failure → warned and later steps still run; MAY failure is recorded only', async () => {
      const warned = await runOne(t.server, failing('SHOULD'));
      expect(warned.status).to.equal('warned');
      expect(warned.steps).to.have.length(2);
      const may = await runOne(t.server, failing('SHALL', 'MAY'));
      expect(may.status).to.equal('passed');
      expect(may.steps[0]!.checks.find((c) => c.kind === 'fhirpath')!.outcome).to.equal('fail');
    });
    it('all checks of the failing step are evaluated', async () => {
      const s = scenario('all', [
        get('Patient/p1', {
          status: 404,
          contentType: 'application/fhir+json',
          fhirpath: [check('Patient.id', 'equals', 'p2'), check('Patient.name.family', 'equals', 'Doe')],
        }),
      ]);
      const result = await runOne(t.server, s);
      expect(result.steps[0]!.checks.map((c) => `${c.id}:${c.outcome}`)).to.deep.equal([
        'step1.status:fail',
        'step1.contentType:pass',
        'step1.fhirpath[0]:fail',
        'step1.fhirpath[1]:pass',
      ]);
    });
    it('per-check overrides of id, message, severity and requirement', async () => {
      const s = scenario('ovr', [
        get('Patient/p1', {
          fhirpath: [
            check('Patient.id', 'equals', 'zz', {
              id: 'id-check',
              message: 'The test patient must be p1',
              severity: 'SHOULD',
              requirements: ['REQ-ID'],
            }),
          ],
        }),
      ]);
      const result = await runOne(t.server, s);
      const c = result.steps[0]!.checks.find((x) => x.kind === 'fhirpath')!;
      expect(c).to.deep.include({ id: 'id-check', severity: 'SHOULD', requirements: ['REQ-ID'] });
      expect(c.message).to.match(/^The test patient must be p1: Patient.id equals "zz"/);
      // The implicit 2xx status is the step's prerequisite: it traces to no requirement.
      expect(result.steps[0]!.checks[0]!.requirements).to.deep.equal([]);
      expect(result.status).to.equal('warned');
    });
    it('fills the result fields', async () => {
      const result = await runOne(t.server, scenario('f', [get('Patient/p1')], { tags: ['x'] }));
      expect(result).to.deep.include({
        suiteId: 'test-suite',
        scenarioId: 'f',
        fullId: 'test-suite/f',
        file: 'suites/test.yaml',
        severity: 'SHALL',
        attempts: 1,
        flaky: false,
      });
      expect(result.tags).to.deep.equal(['t', 'x']);
      const s = result.steps[0]!;
      expect(s).to.deep.include({ index: 0, name: 'GET Patient/p1', phase: 'scenario', outcome: 'pass' });
      expect(s.checks[0]!.description).to.match(/implicit/);
      expect(s.exchanges[0]!.status).to.equal(200);
    });
  });

  describe('errors', () => {
    it('a FHIRPath runtime error makes the scenario error, without a stack', async () => {
      const result = await runOne(
        t.server,
        scenario('e', [get('Patient/p1', { fhirpath: [check("'a'.substring('x')", 'exists', true)] })]),
      );
      expect(result.status).to.equal('error');
      expect(result.error?.code).to.equal('FHIRPATH_RUNTIME');
      expect(result.error?.stack).to.equal(undefined);
      expect(result.reason).to.match(/suites\/test.yaml:1:1: FHIRPath "'a'.substring\('x'\)" failed/);
    });
    it('an unknown fixture is an error naming it', async () => {
      const result = await runOne(
        t.server,
        scenario('e', [step({ request: request('Patient', { method: 'POST', body: { fixture: 'nope' } }) })]),
        { ctx: { target: { allowWrites: true } } },
      );
      expect(result.status).to.equal('error');
      expect(result.error).to.deep.include({ code: 'UNKNOWN_FIXTURE' });
      expect(t.server.requests).to.have.length(0);
    });
    it('an absolute URL outside the target is refused before sending', async () => {
      const result = await runOne(t.server, scenario('e', [get('http://elsewhere.example/fhir/Patient/p1')]));
      expect(result.status).to.equal('error');
      expect(result.error?.code).to.equal('URL_OUTSIDE_TARGET');
      expect(result.reason).to.match(
        /http:\/\/elsewhere.example\/fhir\/Patient\/p1 is not under the target's base URL/,
      );
      expect(t.server.requests).to.have.length(0);
    });
    it('conformsTo without a validator is an error', async () => {
      const s = scenario('c', [get('Patient/p1', { conformsTo: { profile: 'http://x/p', loc: loc() } })]);
      const result = await runOne(t.server, s);
      expect(result.status).to.equal('error');
      expect(result.reason).to.match(/profile validation is not available/);
    });
    it('an unexpected throw is a harness bug with its stack', async () => {
      const validator = {
        hasProfile: () => true,
        validate: () => {
          throw new RangeError('boom');
        },
      };
      const s = scenario('c', [get('Patient/p1', { conformsTo: { profile: 'http://x/p', loc: loc() } })]);
      const result = await runOne(t.server, s, { ctx: { validator } });
      expect(result.status).to.equal('error');
      expect(result.error?.code).to.equal('HARNESS_BUG');
      expect(result.error?.stack).to.match(/RangeError: boom/);
    });
  });

  describe('waivers', () => {
    const failing = scenario('known', [
      get('Patient/p1', { fhirpath: [check('Patient.id', 'equals', 'zz', { id: 'id-check' })] }),
    ]);
    const waiver = (scenarioId: string, expires?: string) => ({
      scenario: scenarioId,
      reason: 'Fixed in 2.3',
      owner: 'site@example.org',
      loc: loc(),
      ...(expires ? { expires } : {}),
    });
    const now = () => new Date('2026-11-27T12:00:00Z');
    it('a live waiver turns a failure into waived', async () => {
      const result = await runOne(t.server, failing, {
        ctx: { now, target: { waivers: [waiver('test-suite/known', '2026-11-27')] } },
      });
      expect(result.status).to.equal('waived');
      expect(result.waiver).to.deep.equal({
        reason: 'Fixed in 2.3',
        owner: 'site@example.org',
        expires: '2026-11-27',
      });
    });
    it('an expired waiver no longer applies and the reason says so', async () => {
      const result = await runOne(t.server, failing, {
        ctx: { now, target: { waivers: [waiver('test-suite/known', '2026-11-26')] } },
      });
      expect(result.status).to.equal('failed');
      expect(result.reason).to.match(
        /\[waiver expired on 2026-11-26 and no longer applies \(Fixed in 2.3; owner site@example.org\)\]$/,
      );
    });
    it('an expired waiver for one check is noted on that check', async () => {
      const result = await runOne(t.server, failing, {
        ctx: { now, target: { waivers: [waiver('test-suite/known#id-check', '2026-01-01')] } },
      });
      expect(result.status).to.equal('failed');
      expect(result.steps[0]!.checks.find((c) => c.id === 'id-check')!.message).to.match(
        /\[waiver expired on 2026-01-01/,
      );
    });
    it('a waiver for one check covers only that check', async () => {
      const result = await runOne(t.server, failing, {
        ctx: { now, target: { waivers: [waiver('test-suite/known#id-check')] } },
      });
      expect(result.status).to.equal('waived');
      expect(result.steps[0]!.checks.find((c) => c.id === 'id-check')!.waived).to.equal(true);
      const other = await runOne(t.server, failing, {
        ctx: { now, target: { waivers: [waiver('test-suite/known#step1.status')] } },
      });
      expect(other.status).to.equal('failed');
    });
  });

  describe('retries and timeout', () => {
    it('a pass after a retry is flaky, with attempts counted', async () => {
      let calls = 0;
      t.server.route('GET', 'Patient/p1', () =>
        ++calls === 1 ? answers.status(503) : answers.json(patient),
      );
      const result = await runOne(t.server, scenario('r', [get('Patient/p1')]), { options: { retries: 2 } });
      expect(result).to.deep.include({ status: 'passed', attempts: 2, flaky: true });
    });
    it('a scenario that keeps failing uses every retry (the scenario setting wins)', async () => {
      t.server.route('GET', 'Patient/p1', answers.status(503));
      const result = await runOne(t.server, scenario('r', [get('Patient/p1')], { retries: 1 }), {
        options: { retries: 5 },
      });
      expect(result).to.deep.include({ status: 'failed', attempts: 2, flaky: false });
    });
    it('timeoutMs fails the scenario naming the timeout', async () => {
      t.server.route('GET', 'Patient/p1', answers.delay(3000, answers.json(patient)));
      const result = await runOne(t.server, scenario('slow', [get('Patient/p1')], { timeoutMs: 300 }));
      expect(result.status).to.equal('failed');
      expect(result.reason).to.match(/timeoutMs \(300 ms\) ran out/);
    });
  });

  describe('setup and teardown', () => {
    const user: Scenario = scenario('u', [get('Patient/${pid}')], { usesCaptures: ['pid'] });
    it('setup runs once and its captures reach the scenarios; teardown runs every step', async () => {
      const run = newRun(t.server, [user], {
        suite: {
          setup: [get('Patient/p1', {}, { capture: { pid: fp('Patient.id') } })],
          teardown: [get('Nope'), get('Observation')],
        },
      });
      const setup = await run.setup();
      expect(setup.map((s) => `${s.phase}:${s.outcome}`)).to.deep.equal(['setup:pass']);
      expect((await run.run(run.plan(user)[0]!, { retries: 0 })).status).to.equal('passed');
      const teardown = await run.teardown();
      // A refused teardown request (404) fails nothing and does not stop the next step.
      expect(teardown.map((s) => s.outcome)).to.deep.equal(['pass', 'pass']);
      expect(teardown[0]!.checks[0]!.outcome).to.equal('inconclusive');
    });
    it('a setup that writes on a read-only target skips the scenarios and the teardown', async () => {
      const run = newRun(t.server, [user], {
        suite: {
          setup: [step({ request: request('Patient', { method: 'POST', body: { inline: patient } }) })],
          teardown: [get('Observation')],
        },
      });
      expect((await run.setup()).map((s) => s.outcome)).to.deep.equal(['skipped']);
      const result = await run.run(run.plan(user)[0]!, { retries: 0 });
      expect(result.status).to.equal('skipped');
      expect(result.reason).to.match(
        /suite setup was not run: step 1 \(POST Patient\) writes .*allowWrites: false/,
      );
      expect((await run.teardown()).map((s) => s.outcome)).to.deep.equal(['skipped']);
      expect(t.server.requests).to.have.length(0);
    });
    it('a failed setup skips every scenario with the reason (the setup tests no requirement)', async () => {
      const run = newRun(t.server, [user], {
        suite: { setup: [get('Nope', {}, { capture: { pid: fp('id') } })] },
      });
      await run.setup();
      const result = await run.run(run.plan(user)[0]!, { retries: 0 });
      expect(result).to.deep.include({ status: 'skipped', skip: { kind: 'prerequisite-failed' } });
      expect(result.reason).to.match(
        /^suite setup failed: step 1 \(GET Nope\): status is 2xx .*refused the request \(HTTP 404\)/,
      );
    });
  });

  describe('when the run is interrupted and its requests are cancelled', () => {
    const slow = () => answers.delay(10_000, answers.json(patient));
    /** Aborts `cancel` once the server has received `path`, as a second Ctrl-C would. */
    function cancelOn(path: string): AbortController {
      const cancel = new AbortController();
      t.server.route('GET', path, () => {
        setTimeout(() => cancel.abort('SIGINT'), 50);
        return slow();
      });
      return cancel;
    }

    it('the running scenario is skipped as not finished, at once and without a retry', async () => {
      const cancel = cancelOn('Patient/p1');
      const started = performance.now();
      const result = await runOne(t.server, scenario('r', [get('Patient/p1'), get('Observation')]), {
        ctx: { cancel: cancel.signal },
        options: { retries: 2 },
      });
      expect(performance.now() - started).to.be.below(5000);
      expect(result).to.deep.include({ status: 'skipped', attempts: 1 });
      expect(result.reason).to.equal(
        'not finished: the run was interrupted (SIGINT) while it ran, and its requests were cancelled',
      );
      expect(result.steps).to.have.length(1);
      expect(result.steps[0]!.exchanges[0]!.error?.code).to.equal('CANCELLED');
      expect(paths()).to.deep.equal(['Patient/p1']);
    });

    it('a cancelled setup skips the scenarios, and teardown steps no longer run', async () => {
      const cancel = cancelOn('Patient/p1');
      const user = scenario('u', [get('Observation')]);
      const run = newRun(t.server, [user], {
        suite: { setup: [get('Patient/p1')], teardown: [get('Observation')] },
        ctx: { cancel: cancel.signal },
      });
      await run.setup();
      const result = await run.run(run.plan(user)[0]!, { retries: 0 });
      expect(result.status).to.equal('skipped');
      expect(result.reason).to.match(/^not finished: the run was interrupted \(SIGINT\)/);
      expect((await run.teardown()).map((s) => s.outcome)).to.deep.equal(['skipped']);
      expect(paths()).to.deep.equal(['Patient/p1']);
    });

    it('a failure that is not a cancellation keeps its status', async () => {
      const cancel = new AbortController();
      cancel.abort('SIGINT');
      // Aborted before the step: the request is never sent, and the scenario is skipped, not failed.
      const result = await runOne(t.server, scenario('r', [get('Patient/p1')]), {
        ctx: { cancel: cancel.signal },
      });
      expect(result.status).to.equal('skipped');
      expect(paths()).to.deep.equal([]);
      const failing = await runOne(
        t.server,
        scenario('f', [
          get('Nope', { status: 200, statusTrace: { requirements: ['R'], severity: 'SHALL' } }),
        ]),
        {
          ctx: { cancel: new AbortController().signal },
        },
      );
      expect(failing.status).to.equal('failed');
    });
  });

  it('redacts secrets in parameters', async () => {
    const s = scenario('red', [get('Patient/p1')], { usesInputs: ['token'] });
    const result = await runOne(t.server, s, {
      suite: { inputs: { token: input('token') } },
      ctx: { target: { inputs: { token: 'abc-secret-value' }, secrets: ['abc-secret-value'] } },
    });
    expect(result.parameters).to.deep.equal({ token: '***' });
  });
});
