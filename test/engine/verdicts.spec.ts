// How the engine keeps verdicts earned (the verdict policy, src/results/policy.ts): no data is skipped, not
// passed; a rule with nothing to judge is not exercised; a refused prerequisite or a 401 is not a conformance
// failure; a count that needs every page is inconclusive at the page limit; requirements are blamed only by
// their own checks.
import { expect } from 'chai';
import { parseCapabilities } from '../../src/engine/index.js';
import { answers } from '../helpers/test-server.js';
import { check, fp, get, input, request, scenario, step } from './builders.js';
import { runOne, useTestServer } from './harness.js';

const observation = (id: string, extra: object = {}) => ({ resourceType: 'Observation', id, ...extra });
const bundle = (...resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ resource })),
});

describe('engine: earned verdicts', () => {
  const t = useTestServer();

  describe('requireData', () => {
    const about = fp("entry.resource.where(resourceType = 'Observation')");
    const search = (extra = {}) =>
      scenario('s', [
        get(
          'Observation',
          { fhirpath: [check('entry.resource.code.exists()', 'is', true, { requirements: ['REQ-1'] })] },
          { requireData: about, ...extra },
        ),
      ]);

    it('skips the scenario as "no data", naming the request, when the search finds nothing', async () => {
      t.server.route('GET', 'Observation', answers.json(bundle()));
      const result = await runOne(t.server, search());
      expect(result.status).to.equal('skipped');
      expect(result.skip).to.deep.equal({
        kind: 'no-data',
        detail: `GET ${t.server.baseUrl}/Observation found no entry.resource.where(resourceType = 'Observation')`,
      });
      expect(result.reason).to.match(/^no data: GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Observation found no /);
      // The checks that would have passed or failed on nothing are not recorded.
      expect(result.steps[0]!.checks.map((c) => c.kind)).to.deep.equal(['status']);
    });

    it('runs the checks when there is data', async () => {
      t.server.route('GET', 'Observation', answers.json(bundle(observation('o1'))));
      const result = await runOne(t.server, search());
      expect(result.status).to.equal('failed');
      expect(result.reason).to.match(/entry.resource.code.exists\(\) is true/);
    });

    it('does not hide a server error behind "no data"', async () => {
      t.server.route('GET', 'Observation', answers.outcome(500, 'boom'));
      const result = await runOne(t.server, search());
      expect(result.status).to.equal('failed');
    });
  });

  describe('a rule with nothing to judge', () => {
    const rule = (over: string) =>
      check(`${over}.where(value.exists().not())`, 'empty', true, {
        over: fp(over),
        requirements: ['REQ-C'],
      });

    it('passes but is marked not exercised when its items are absent', async () => {
      t.server.route('GET', 'Observation', answers.json(bundle(observation('o1'))));
      const result = await runOne(
        t.server,
        scenario('s', [get('Observation', { fhirpath: [rule('entry.resource.component')] })]),
      );
      expect(result.status).to.equal('passed');
      const ruleCheck = result.steps[0]!.checks.find((c) => c.kind === 'fhirpath')!;
      expect(ruleCheck).to.deep.include({ outcome: 'pass', exercised: false });
    });

    it('is exercised when it has items to judge, and fails on a bad one', async () => {
      const withComponents = observation('o1', { component: [{ code: { text: 'x' } }] });
      t.server.route('GET', 'Observation', answers.json(bundle(withComponents)));
      const result = await runOne(
        t.server,
        scenario('s', [get('Observation', { fhirpath: [rule('entry.resource.component')] })]),
      );
      expect(result.status).to.equal('failed');
      expect(result.steps[0]!.checks.find((c) => c.kind === 'fhirpath')).to.not.have.property('exercised');
    });
  });

  describe('status: prerequisite or requirement', () => {
    it('a refused prerequisite (4xx) skips the scenario; nothing else of the answer is judged', async () => {
      t.server.route('GET', 'Observation', answers.outcome(400, 'unsupported parameter _include'));
      const s = scenario('s', [
        get('Observation', {
          status: 200,
          contentType: 'application/fhir+json',
          fhirpath: [check('type', 'equals', 'searchset')],
        }),
      ]);
      const result = await runOne(t.server, s);
      expect(result).to.deep.include({ status: 'skipped' });
      expect(result.skip?.kind).to.equal('request-refused');
      expect(result.reason).to.match(/answered 400: unsupported parameter _include$/);
      expect(result.steps[0]!.checks.map((c) => `${c.kind}:${c.outcome}`)).to.deep.equal([
        'status:inconclusive',
      ]);
    });

    it('a 5xx on a prerequisite fails the scenario without blaming a requirement', async () => {
      t.server.route('GET', 'Observation', answers.outcome(503, 'down'));
      const result = await runOne(t.server, scenario('s', [get('Observation', { status: 200 })]));
      expect(result.status).to.equal('failed');
      expect(result.steps[0]!.checks.every((c) => c.requirements.length === 0)).to.equal(true);
    });

    it('a status named as a requirement fails that requirement on a 4xx', async () => {
      const s = scenario('s', [
        get('Observation/gone', {
          status: 200,
          statusTrace: { requirements: ['REQ-RESOLVES'], severity: 'SHALL' },
        }),
      ]);
      const result = await runOne(t.server, s);
      expect(result.status).to.equal('failed');
      expect(result.steps[0]!.checks[0]).to.deep.include({ outcome: 'fail', requirements: ['REQ-RESOLVES'] });
    });

    it('a status traced to a SHOULD requirement warns, whatever the level of its scenario', async () => {
      const s = scenario('s', [
        get('Observation/gone', {
          status: 200,
          statusTrace: { requirements: ['REQ-SHOULD'], severity: 'SHOULD' },
        }),
      ]);
      const result = await runOne(t.server, s);
      expect(result.status).to.equal('warned');
      expect(result.steps[0]!.checks[0]).to.deep.include({
        outcome: 'fail',
        severity: 'SHOULD',
        requirements: ['REQ-SHOULD'],
      });
    });

    it('a status that admits an error code tests the scenario requirements', async () => {
      const result = await runOne(t.server, scenario('s', [get('Observation/gone', { status: 404 })]));
      expect(result.status).to.equal('passed');
      expect(result.steps[0]!.checks[0]!.requirements).to.deep.equal(['REQ-1']);
    });

    it('a content type without a requirement is a prerequisite; with one, it names it', async () => {
      t.server.route('GET', 'Patient/p1', {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { resourceType: 'Patient', id: 'p1' },
      });
      const plain = await runOne(
        t.server,
        scenario('s', [get('Patient/p1', { contentType: 'application/fhir+json' })]),
      );
      expect(plain.steps[0]!.checks[1]).to.deep.include({
        kind: 'contentType',
        outcome: 'fail',
        requirements: [],
      });
      const traced = await runOne(
        t.server,
        scenario('s', [
          get('Patient/p1', {
            contentType: 'application/fhir+json',
            contentTypeTrace: { requirements: ['REQ-MIME'], severity: 'SHALL' },
          }),
        ]),
      );
      expect(traced.steps[0]!.checks[1]).to.deep.include({ outcome: 'fail', requirements: ['REQ-MIME'] });
    });
  });

  describe('401 and 403', () => {
    it('an unexpected 401 is an error (not authorised) naming the config, never a failure', async () => {
      t.server.route('GET', 'Observation', answers.outcome(401, 'no token'));
      const result = await runOne(t.server, scenario('s', [get('Observation', { status: 200 })]), {
        ctx: { target: { file: 'config/targets/site.yaml' } },
      });
      expect(result.status).to.equal('error');
      expect(result.error).to.deep.include({ code: 'NOT_AUTHORISED', cause: 'not-authorised' });
      expect(result.reason).to.match(
        /^not authorised: GET .*\/Observation answered 401; check `auth` in config\/targets\/site\.yaml/,
      );
    });

    it('a 403 the step asks for is judged like any status', async () => {
      t.server.route('GET', 'Secret', answers.outcome(403, 'forbidden'));
      const result = await runOne(t.server, scenario('s', [get('Secret', { status: 403 })]));
      expect(result.status).to.equal('passed');
    });
  });

  describe('page: all', () => {
    const paged = (extra = {}) => step({ request: request('Observation', { page: 'all', ...extra }) });

    it('does not page an error answer the step allows (no "every page is a Bundle" failure)', async () => {
      t.server.route('GET', 'Observation', answers.outcome(404, 'no such type'));
      const s = scenario('s', [
        {
          ...paged(),
          expect: { headers: {}, headerExists: [], fhirpath: [], status: [200, 404], loc: paged().loc },
        },
      ]);
      const result = await runOne(t.server, s);
      expect(result.status).to.equal('passed');
      expect(result.steps[0]!.checks.map((c) => c.kind)).to.deep.equal(['status']);
    });

    it('at the page limit, a count that needs every page is inconclusive; a bad item found is still a failure', async () => {
      const page = (n: number) => ({
        ...bundle(observation(`o${n}`, n === 1 ? { status: 'bogus' } : {})),
        total: 5,
        link: [{ relation: 'next', url: `${t.server.baseUrl}/Observation?page=${n + 1}` }],
      });
      t.server.route('GET', 'Observation', ({ request: r }) =>
        answers.json(page(Number(new URL(r.url, 'http://x').searchParams.get('page') ?? 1))),
      );
      const count = check('entry.count()', 'equals', 5, { requirements: ['REQ-TOTAL'] });
      const counted = await runOne(
        t.server,
        scenario('c', [
          {
            ...paged({ maxPages: 2 }),
            expect: { headers: {}, headerExists: [], fhirpath: [count], loc: paged().loc },
          },
        ]),
      );
      expect(counted.status).to.equal('skipped');
      expect(counted.skip?.kind).to.equal('inconclusive');
      expect(counted.reason).to.match(/needs every page, but the page limit \(maxPages 2\) was reached/);
      const perItem = check("entry.resource.where(status = 'bogus')", 'empty', true, {
        over: fp('entry.resource'),
      });
      const judged = await runOne(
        t.server,
        scenario('p', [
          {
            ...paged({ maxPages: 2 }),
            expect: { headers: {}, headerExists: [], fhirpath: [perItem], loc: paged().loc },
          },
        ]),
      );
      expect(judged.status).to.equal('failed');
    });
  });

  describe('inputs and conditions', () => {
    const needs = scenario('s', [get('Patient/${inputs.patientId}')], { usesInputs: ['patientId'] });
    const suiteInputs = { inputs: { patientId: input('patientId') } };

    it('an input set to null is the site saying it has no such data: not applicable, out of scope', async () => {
      const result = await runOne(t.server, needs, {
        suite: suiteInputs,
        ctx: { target: { inputs: { patientId: null } } },
      });
      expect(result.skip).to.deep.equal({ kind: 'not-applicable', detail: 'patientId' });
      expect(result.reason).to.match(/the site declares it has no patientId/);
    });

    it('an input left out is untested', async () => {
      const result = await runOne(t.server, needs, { suite: suiteInputs });
      expect(result.skip).to.deep.equal({ kind: 'input-missing', detail: 'patientId' });
    });

    it('when can read the CapabilityStatement as %capabilityStatement', async () => {
      const cs = {
        resourceType: 'CapabilityStatement',
        rest: [{ mode: 'server', operation: [{ name: 'find-subject-variants' }] }],
      };
      const guarded = (op: string) =>
        scenario('w', [get('Patient/p1')], {
          when: fp(`%capabilityStatement.rest.operation.where(name = '${op}').exists()`),
        });
      t.server.route('GET', 'Patient/p1', answers.json({ resourceType: 'Patient', id: 'p1' }));
      const how = { ctx: { capabilityStatement: cs, capabilities: parseCapabilities(cs) } };
      expect((await runOne(t.server, guarded('find-subject-variants'), how)).status).to.equal('passed');
      const skipped = await runOne(t.server, guarded('find-study-metadata'), how);
      expect(skipped.skip?.kind).to.equal('not-applicable');
    });
  });

  it('a failed MAY check is information: the scenario passes', async () => {
    t.server.route('GET', 'Patient/p1', answers.json({ resourceType: 'Patient', id: 'p1' }));
    const s = scenario('s', [
      get('Patient/p1', { fhirpath: [check('gender.exists()', 'is', true, { severity: 'MAY' })] }),
    ]);
    const result = await runOne(t.server, s);
    expect(result.status).to.equal('passed');
    expect(result.steps[0]!.checks[1]).to.deep.include({ outcome: 'fail', severity: 'MAY' });
  });
});
