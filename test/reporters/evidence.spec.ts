// Evidence bundle: contents, secrets removed or refused, manifest and `verify` naming changed files.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { EvidenceError, verifyEvidenceBundle, writeEvidenceBundle } from '../../src/reporters/evidence.js';
import { BUNDLED_FILES } from '../../src/reporters/registry.js';
import { tarMembers } from './bundle-files.js';
import { FIXTURE_SECRETS } from './fixtures/runs.js';
import { makeProject, TOKEN_ENV, type Project } from './fixtures/project.js';

const PREFIX = 'evidence-pilot-site-a-20261127T080130Z/';

describe('evidence bundle', () => {
  let p: Project;
  beforeEach(async () => (p = await makeProject()));
  afterEach(() => rm(p.cwd, { recursive: true, force: true }));

  const write = () =>
    writeEvidenceBundle(p.run, p.reports, {
      reports: BUNDLED_FILES,
      cwd: p.cwd,
      env: p.env,
      secrets: [FIXTURE_SECRETS[1]],
    });

  it('holds the reports, raw results, sources and a manifest, named after site and run time', async () => {
    const { file, warnings } = await write();
    expect(file).to.equal(join(p.reports, 'evidence-pilot-site-a-20261127T080130Z.tar.gz'));
    expect(warnings).to.deep.equal([]);
    const members = await tarMembers(file);
    expect([...members.keys()].map((k) => k.slice(PREFIX.length))).to.include.members([
      'results.json',
      'summary.json',
      'junit.xml',
      'allure-results/x-result.json',
      'sources/suites/genomics-operations/find-subject-variants.yaml',
      'sources/suites/requirements.yaml',
      'sources/config/targets/pilot.yaml',
      'manifest.json',
      'SHA256SUMS',
    ]);
    const manifest = JSON.parse(members.get(`${PREFIX}manifest.json`)!);
    expect(manifest.site).to.equal('pilot-site-a');
    expect(manifest.files.map((f: { path: string }) => f.path)).to.include('junit.xml');
    expect(members.get(`${PREFIX}SHA256SUMS`)).to.match(/^[0-9a-f]{64} {2}junit\.xml$/m);
  });

  it('keeps ${env.X} references in the config but replaces literal secret values', async () => {
    const members = await tarMembers((await write()).file);
    const config = members.get(`${PREFIX}sources/config/targets/pilot.yaml`)!;
    expect(config).to.include(`\${env.${TOKEN_ENV}}`);
    expect(config).to.include('x-legacy-password: ***');
    for (const text of members.values()) for (const s of FIXTURE_SECRETS) expect(text).not.to.include(s);
  });

  it('refuses to write a bundle when a file still holds a secret, naming the file', async () => {
    await writeFile(join(p.reports, 'junit.xml'), `<failure>token was ${FIXTURE_SECRETS[0]}</failure>`);
    const err = await write().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(EvidenceError);
    expect((err as Error).message)
      .to.include('junit.xml')
      .and.not.include(FIXTURE_SECRETS[0]);
    expect((await readdir(p.reports)).filter((f) => f.endsWith('.tar.gz'))).to.deep.equal([]);
  });

  it('also finds a secret written base64- or URL-encoded', async () => {
    await writeFile(join(p.reports, 'summary.json'), Buffer.from(FIXTURE_SECRETS[0]).toString('base64'));
    await expectEvidenceError(write(), /secret value from the config appears in summary\.json/);
  });

  it('warns about a source file that is gone', async () => {
    await rm(join(p.cwd, 'suites/requirements.yaml'));
    const { warnings } = await write();
    expect(warnings.join('\n')).to.include('suites/requirements.yaml was not found');
  });

  it('verifies an intact bundle', async () => {
    const result = await verifyEvidenceBundle((await write()).file);
    expect(result.ok).to.equal(true);
    expect(result.problems).to.deep.equal([]);
    expect(result.manifestSha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('names every changed, missing and added file', async () => {
    const { file } = await write();
    const dir = await mkdtemp(join(tmpdir(), 'fgc-tamper-'));
    try {
      await tar.x({ file, cwd: dir });
      await writeFile(join(dir, PREFIX, 'junit.xml'), '<testsuites tests="6" failures="0"></testsuites>');
      await rm(join(dir, PREFIX, 'summary.json'));
      await writeFile(join(dir, PREFIX, 'extra.txt'), 'added later');
      const tampered = join(dir, 'tampered.tar.gz');
      await tar.c({ gzip: true, cwd: dir, file: tampered }, [PREFIX.slice(0, -1)]);
      const result = await verifyEvidenceBundle(tampered);
      expect(result.ok).to.equal(false);
      expect(result.problems).to.deep.include.members([
        { path: 'junit.xml', problem: 'changed' },
        { path: 'summary.json', problem: 'missing' },
        { path: 'extra.txt', problem: 'not in manifest' },
      ]);
      expect(result.problems).to.have.length(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the file is not a bundle at all', async () => {
    const notTar = join(p.cwd, 'x.tar.gz');
    await writeFile(notTar, 'hello');
    await expectEvidenceError(verifyEvidenceBundle(notTar), /not a readable \.tar\.gz evidence bundle/);
    await expectEvidenceError(verifyEvidenceBundle(join(p.cwd, 'none.tar.gz')), /not found/);
    const noManifest = join(p.cwd, 'plain.tar.gz');
    await tar.c({ gzip: true, cwd: p.cwd, file: noManifest }, ['suites']);
    await expectEvidenceError(verifyEvidenceBundle(noManifest), /has no manifest\.json/);
    expect(existsSync(noManifest)).to.equal(true);
  });
});

async function expectEvidenceError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected an EvidenceError').to.be.instanceOf(EvidenceError);
  expect((err as Error).message).to.match(message);
}
