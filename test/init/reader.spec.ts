// The reader fgc init sends everything through: GET searches that follow next links under the base URL only,
// operations by the configured method, a hard request budget, and a progress line per request.
import { expect } from 'chai';
import { targetDefaults } from '../../src/config/index.js';
import { createHttpClient } from '../../src/http/factory.js';
import { createRedactor } from '../../src/http/redact.js';
import { SiteReader } from '../../src/init/reader.js';
import { answers, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('fgc init: the site reader', () => {
  let server: TestServer;
  let log: string[];
  const reader = (budget = 20) => {
    const { client } = createHttpClient(
      { ...targetDefaults('t'), baseUrl: server.baseUrl },
      { redactor: createRedactor([]) },
    );
    return new SiteReader(client, server.baseUrl, budget, (l) => log.push(l));
  };
  const patients = Array.from({ length: 5 }, (_, i) => ({ resourceType: 'Patient', id: `p${i}` }));
  before(async () => (server = await startTestServer()));
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    log = [];
  });

  it('follows next links page by page, and says when it stopped before the last', async () => {
    server.route('GET', 'Patient', answers.searchset(patients, { pageSize: 2 }));
    const all = await reader().search('Patient', { _count: '2' }, 10);
    expect(all).to.deep.include({ complete: true, status: 200 });
    expect(all.resources.map((r) => r.id)).to.deep.equal(['p0', 'p1', 'p2', 'p3', 'p4']);
    const two = await reader().search('Patient', { _count: '2' }, 2);
    expect(two.complete).to.equal(false);
    expect(two.resources).to.have.length(4);
    expect(log[0]).to.equal('[ 1/20] GET Patient?_count=2 → 200');
  });

  it('does not follow a next link outside the base URL', async () => {
    server.route(
      'GET',
      'Patient',
      answers.foreignNext('http://elsewhere.example.org/fhir/Patient?page=2', patients),
    );
    const result = await reader().search('Patient', {}, 10);
    expect(result.complete).to.equal(false);
    expect(server.requests).to.have.length(1);
    expect(log.join('\n')).to.include('not following a next link outside');
  });

  it('never sends more than its budget', async () => {
    server.route('GET', 'Patient', answers.searchset(patients, { pageSize: 1 }));
    const r = reader(3);
    const result = await r.search('Patient', {}, 10);
    expect(result.resources).to.have.length(3);
    expect(await r.get('Patient/p1')).to.equal(undefined);
    expect(server.requests).to.have.length(3);
    expect(r.exhausted).to.equal(true);
  });

  it('calls an operation by GET with query parameters, or by POST with a Parameters body', async () => {
    server.route('POST', 'ops/$find-subject-variants', answers.parameters([]));
    server.route('GET', 'ops/$find-subject-variants', answers.parameters([]));
    const r = reader();
    await r.operation('ops/$find-subject-variants', 'GET', { subject: 'p1', ranges: 'NC_000007.14:1-2' });
    await r.operation('ops/$find-subject-variants', 'POST', { subject: 'p1', ranges: 'NC_000007.14:1-2' });
    expect(server.requests.map((q) => `${q.method} ${q.url}`)).to.deep.equal([
      'GET /fhir/ops/$find-subject-variants?subject=p1&ranges=NC_000007.14:1-2',
      'POST /fhir/ops/$find-subject-variants',
    ]);
    expect(JSON.parse(server.requests[1]!.body)).to.deep.equal({
      resourceType: 'Parameters',
      parameter: [
        { name: 'subject', valueString: 'p1' },
        { name: 'ranges', valueString: 'NC_000007.14:1-2' },
      ],
    });
  });
});
