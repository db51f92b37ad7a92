// fgc init on a small fixture server: what it writes (sources, gaps, no secret), what a re-run keeps
// (values written or changed by hand) and replaces (its own values, or any with --replace), and its budget.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import { type ReferenceServer } from '../../src/server/index.js';
import { initInto } from '../helpers/init-run.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { startFixtureServer } from '../server/client.js';
import * as fx from '../server/fixtures.js';

const B38 = 'NC_000007.14';
const fixtures = [
  fx.patient('p1'),
  fx.patient('p2'),
  fx.patient('p3'),
  fx.variant({ id: 'v1', patient: 'p1', accession: B38, low: 1001, ref: 'A', alt: 'G' }),
  fx.variant({ id: 'v2', patient: 'p2', accession: B38, low: 5001, ref: 'C', alt: 'T' }),
];

describe('fgc init: writing and re-running', function () {
  this.timeout(60_000);
  let server: ReferenceServer;
  let project: TempProject;
  const file = () => project.path('config/targets/site.yaml');
  const inputs = () => (parse(readFileSync(file(), 'utf8')) as { inputs: Record<string, unknown> }).inputs;
  before(async () => (server = await startFixtureServer(fixtures)));
  after(() => server.close());
  beforeEach(() => (project = tempProject()));
  afterEach(() => project.remove());

  it('comments each input with its source, lists what it could not derive with what it would unlock, and never writes a secret', async () => {
    const log: string[] = [];
    await initInto(project, server.baseUrl, {
      log,
      authFlags: { auth: 'bearer', token: '${env.SITE_TOKEN}', header: ['X-Api-Key: ${env.SITE_KEY}'] },
      env: { SITE_TOKEN: 'tok-very-secret', SITE_KEY: 'key-very-secret' },
    });
    const text = readFileSync(file(), 'utf8');
    expect(text).to.not.include('very-secret');
    expect(log.join('\n')).to.not.include('very-secret');
    expect(text).to.include(
      'auth:\n  type: bearer\n  token: ${env.SITE_TOKEN}\nheaders:\n  X-Api-Key: ${env.SITE_KEY}\n',
    );
    expect(text).to.match(
      /# fgc init [0-9a-f]{8}: Observation\/v1 \(Patient\/p1, NC_000007.14:1000-1001\)\n(.*\n)*? {2}knownVariant: NC_000007.14:1000:A:G/,
    );
    expect(text).to.match(/# Not derived by fgc init \(\d+\): add them by hand/);
    expect(text).to.match(
      /# {3}pgxPatientId: no patient read has what pgxPatientId needs\. Would unlock \d+ scenario\(s\), \d+ requirement\(s\)\./,
    );
    expect(text).to.not.include('REPLACE-ME');
    expect(inputs().emptyPatientId).to.equal('p3');
  });

  it('keeps values written or changed by hand on a re-run, derives its own again, and replaces on request', async () => {
    await initInto(project, server.baseUrl);
    const first = inputs();
    expect(first.variantPatientId).to.equal('p1');
    // The site changes one of init's values and adds one of its own, with its own comment.
    writeFileSync(
      file(),
      readFileSync(file(), 'utf8')
        .replace('  knownVariant: NC_000007.14:1000:A:G', '  knownVariant: NC_000007.14:1000:A:C')
        .replace('inputs:\n', 'inputs:\n  # the one our lab uses\n  pgxPatientId: lab-pgx-1\n'),
    );
    const again = await initInto(project, 'site');
    expect([...again.keptByHand].sort()).to.deep.equal(['knownVariant', 'pgxPatientId']);
    const text = readFileSync(file(), 'utf8');
    expect(text).to.include('# the one our lab uses\n  pgxPatientId: lab-pgx-1');
    expect(text).to.include(
      `kept as written; the server's data suggests "NC_000007.14:1000:A:G" (--replace knownVariant)`,
    );
    expect(inputs().variantPatientId).to.equal('p1');

    await initInto(project, 'site', { replace: ['knownVariant'] });
    expect(inputs().knownVariant).to.equal('NC_000007.14:1000:A:G');
    expect(inputs().pgxPatientId).to.equal('lab-pgx-1');
    // With nothing derived to replace it, a value written by hand stays even under --replace.
    await initInto(project, 'site', { replace: true });
    expect(inputs().pgxPatientId).to.equal('lab-pgx-1');
    expect(readFileSync(file(), 'utf8')).to.include('kept as written; nothing to replace it with');
  });

  it('stays within its request budget and says what it read', async () => {
    const log: string[] = [];
    const result = await initInto(project, server.baseUrl, { budget: 10, log });
    expect(result.requests).to.equal(10);
    expect(log.filter((l) => /^\[\s*\d+\/10\] GET /.test(l))).to.have.length(10);
    expect(log).to.include('Searching Variants');
  });

  it('honours --rate-limit', async () => {
    const started = Date.now();
    const result = await initInto(project, server.baseUrl, { budget: 12, rateLimitPerSecond: 20 });
    expect(result.requests).to.equal(12);
    expect(Date.now() - started).to.be.at.least(500);
  });
});
