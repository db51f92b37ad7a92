// `fgc init` on the command line: the summary, and its exit codes (2 for bad options, 3 for no server).
import { expect } from 'chai';
import { createServer } from 'node:net';
import type { ReferenceServer } from '../../src/server/index.js';
import { runCliIn, tempProject, type TempProject } from '../helpers/temp-project.js';
import { startFixtureServer } from '../server/client.js';
import * as fx from '../server/fixtures.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('fgc init (CLI)', function () {
  this.timeout(60_000);
  let project: TempProject;
  let server: ReferenceServer;
  before(async () => {
    server = await startFixtureServer([
      fx.patient('p1'),
      fx.variant({ id: 'v1', patient: 'p1', accession: 'NC_000007.14', low: 1001, ref: 'A', alt: 'G' }),
    ]);
  });
  after(() => server.close());
  beforeEach(() => (project = tempProject()));
  afterEach(() => project.remove());

  it('writes the config, prints progress on stderr and a summary with the next command', async () => {
    const out = await runCliIn(project.dir, ['init', server.baseUrl, '--name', 'pilot']);
    expect(out.code).to.equal(0);
    expect(out.stderr).to.match(/\[\s*1\/300\] GET metadata → 200/);
    expect(out.stdout).to.match(
      /^Wrote config\/targets\/pilot\.yaml \(\d+ requests\): \d+ input\(s\) derived, 0 kept as written, \d+ not derived\./,
    );
    expect(out.stdout).to.include('Next: fgc run --target pilot');
    const listed = await runCliIn(project.dir, ['list', '--target', 'pilot']);
    expect(listed.stdout).to.match(
      /^Target pilot \(config\/targets\/pilot\.yaml\): \d+ of \d+ inputs supplied/,
    );
  });

  it('exits 3 when nothing answers at the URL, writing nothing', async () => {
    const out = await runCliIn(project.dir, [
      'init',
      `http://127.0.0.1:${await closedPort()}/fhir`,
      '--name',
      'gone',
    ]);
    expect(out.code).to.equal(3);
    expect(out.stderr).to.include('The target did not answer the preflight GET');
    expect(out.stderr).to.include('Nothing was written.');
  });

  it('exits 2 on a secret given as a value, a bad budget, or a config that does not exist', async () => {
    const secret = await runCliIn(project.dir, [
      'init',
      server.baseUrl,
      '--auth',
      'bearer',
      '--token',
      'abc',
    ]);
    expect(secret.code).to.equal(2);
    expect(secret.stderr).to.include('--token is a secret');
    const budget = await runCliIn(project.dir, ['init', server.baseUrl, '--budget', '3']);
    expect(budget.code).to.equal(2);
    expect(budget.stderr).to.include('--budget must be a whole number of 10 or more, not "3"');
    const missing = await runCliIn(project.dir, ['init', 'nowhere']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include(
      "no target config config/targets/nowhere.yaml: give fgc init the server's base URL",
    );
  });
});
