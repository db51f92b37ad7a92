// `page: all`: merging pages, loops, the page limit, and next links to other origins.
import { expect } from 'chai';
import { answers } from '../helpers/test-server.js';
import { check, expectation, request, scenario, step } from './builders.js';
import { runOne, useTestServer } from './harness.js';

const observations = Array.from({ length: 7 }, (_, i) => ({
  resourceType: 'Observation',
  id: `o${i}`,
  status: 'final',
}));

function pagedSearch(extra: { maxPages?: number; checks?: ReturnType<typeof check>[] } = {}) {
  return scenario('paged', [
    step({
      request: request('Observation', {
        query: { code: 'x' },
        page: 'all',
        ...(extra.maxPages ? { maxPages: extra.maxPages } : {}),
      }),
      expect: expectation({ status: 200, fhirpath: extra.checks ?? [] }),
    }),
  ]);
}

describe('engine: paging', () => {
  const t = useTestServer();

  it('follows next links and merges every entry into one Bundle for the checks', async () => {
    t.server.route('GET', 'Observation', answers.searchset(observations, { pageSize: 3 }));
    const result = await runOne(
      t.server,
      pagedSearch({
        checks: [check('Bundle.entry.resource.id', 'count', 7), check('Bundle.total', 'equals', 7)],
      }),
    );
    expect(result.status, result.reason).to.equal('passed');
    const [s] = result.steps;
    expect(s!.exchanges.map((e) => new URL(e.url).search)).to.deep.equal(['?code=x', '?_page=2', '?_page=3']);
    const paging = s!.checks.find((c) => c.kind === 'paging')!;
    expect(paging.description).to.equal('followed next links: 3 page(s), 7 entries merged');
    expect(paging.outcome).to.equal('pass');
  });

  it('a next link back to a page already fetched is a failing paging check naming the loop', async () => {
    t.server.route('GET', 'Observation', answers.pagingLoop(observations.slice(0, 1)));
    const result = await runOne(
      t.server,
      scenario('loop', [step({ request: request('Observation', { query: { _page: '1' }, page: 'all' }) })]),
    );
    expect(result.status).to.equal('failed');
    const loop = result.steps[0]!.checks.find((c) => c.kind === 'paging' && c.outcome === 'fail')!;
    expect(loop.message).to.match(
      /next links do not loop: .*_page=1.*paging loop: this URL was already fetched as page 1/,
    );
    expect(t.server.requests).to.have.length(2);
  });

  it('stops at maxPages and records it as a MAY finding without failing the scenario', async () => {
    t.server.route('GET', 'Observation', answers.searchset(observations, { pageSize: 2 }));
    const result = await runOne(
      t.server,
      pagedSearch({ maxPages: 2, checks: [check('Bundle.entry', 'count', 4)] }),
    );
    expect(result.status, result.reason).to.equal('passed');
    const limit = result.steps[0]!.checks.find((c) => c.kind === 'paging' && c.outcome === 'fail')!;
    expect(limit.severity).to.equal('MAY');
    expect(limit.message).to.match(/page limit reached: the checks ran on the first 2 pages \(4 entries\)/);
    expect(t.server.requests).to.have.length(2);
  });

  it('refuses a next link to another origin so credentials do not leak', async () => {
    t.server.route(
      'GET',
      'Observation',
      answers.foreignNext('http://evil.example:8080/fhir/Observation?page=2', observations.slice(0, 2)),
    );
    const result = await runOne(t.server, pagedSearch({ checks: [check('Bundle.entry', 'count', 2)] }), {
      ctx: { target: { auth: { type: 'bearer', token: 'secret-token-123' }, secrets: ['secret-token-123'] } },
    });
    expect(result.status).to.equal('failed');
    const refused = result.steps[0]!.checks.find((c) => c.kind === 'paging' && c.outcome === 'fail')!;
    expect(refused.message).to.match(
      /stay on the target origin http:\/\/127\.0\.0\.1:\d+.*evil\.example.*not followed/,
    );
    expect(t.server.requests).to.have.length(1);
    expect(result.steps[0]!.checks.find((c) => c.kind === 'fhirpath')!.outcome).to.equal('pass');
  });

  it('resolves a relative next link against the page it came from', async () => {
    t.server.route('GET', 'Observation', ({ request: req }) =>
      req.query.get('_page') === '2'
        ? answers.json({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: observations[1] }] })
        : answers.json({
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [{ resource: observations[0] }],
            link: [{ relation: 'next', url: 'Observation?_page=2' }],
          }),
    );
    const result = await runOne(
      t.server,
      pagedSearch({ checks: [check('Bundle.entry.resource.id', 'equals', ['o0', 'o1'])] }),
    );
    expect(result.status, result.reason).to.equal('passed');
    expect(t.server.requests.map((r) => r.url)).to.deep.equal([
      '/fhir/Observation?code=x',
      '/fhir/Observation?_page=2',
    ]);
  });

  it('page: all on something that is not a Bundle fails the paging check', async () => {
    t.server.route('GET', 'Observation', answers.json({ resourceType: 'Patient', id: 'p' }));
    const result = await runOne(t.server, pagedSearch());
    expect(result.status).to.equal('failed');
    expect(result.reason).to.match(/every page is a Bundle: expected "a Bundle", got "Patient" at page 1/);
  });

  it('a next page that fails is a transport failure', async () => {
    t.server.route('GET', 'Observation', ({ request: req, baseUrl }) =>
      req.query.get('_page') === '2'
        ? answers.status(502)
        : answers.json({
            resourceType: 'Bundle',
            type: 'searchset',
            link: [{ relation: 'next', url: `${baseUrl}/Observation?_page=2` }],
          }),
    );
    const result = await runOne(t.server, pagedSearch());
    expect(result.status).to.equal('failed');
    expect(result.steps[0]!.checks.find((c) => c.kind === 'transport')!.message).to.match(
      /_page=2: the server answered 502/,
    );
  });
});
