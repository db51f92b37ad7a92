// `fgc report`: building reports from a results directory, --verify, --matrix and --diff, exit codes.
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture-output.js';
import { allTexts } from '../reporters/bundle-files.js';
import { makeProject, TOKEN_ENV, type Project } from '../reporters/fixtures/project.js';
import { FIXTURE_SECRETS, passingRun } from '../reporters/fixtures/runs.js';

const fgc = (...args: string[]) => captureOutput(() => runCli(['node', 'fgc', ...args]));

describe('fgc report', () => {
  let p: Project;
  const cwd = process.cwd();
  beforeEach(async () => {
    p = await makeProject();
    // As `fgc report` runs after the fact, its config holds only ${env.X} references.
    await writeFile(
      join(p.cwd, 'config/targets/pilot.yaml'),
      `name: pilot-site-a\nauth: { type: bearer, token: "\${env.${TOKEN_ENV}}" }\n`,
    );
    process.env[TOKEN_ENV] = FIXTURE_SECRETS[0];
    process.chdir(p.cwd);
  });
  afterEach(async () => {
    process.chdir(cwd);
    delete process.env[TOKEN_ENV];
    await rm(p.cwd, { recursive: true, force: true });
  });

  const bundleIn = async (dir: string) =>
    join(
      dir,
      (await readdir(dir)).find((f) => f.endsWith('.tar.gz'))!,
    );

  it('writes the reports from reports/ and exits 0', async () => {
    const out = await fgc('report', '--no-allure');
    expect(out.stderr).to.equal('');
    expect(out.result).to.equal(0);
    expect(out.stdout)
      .to.include('wrote reports/conformance-report.html')
      .and.include('wrote reports/evidence-pilot-site-a-');
    const texts = await allTexts(p.reports);
    for (const [file, text] of texts) expect(text, file).not.to.include(FIXTURE_SECRETS[0]);
    const config = [...texts].find(([k]) => k.endsWith('sources/config/targets/pilot.yaml'))![1];
    expect(config).to.include(`\${env.${TOKEN_ENV}}`);
  });

  it('writes to --out and reads --results', async () => {
    const out = await fgc('report', '--results', 'reports', '--out', 'elsewhere', '--no-allure');
    expect(out.result).to.equal(0);
    expect(await readdir(join(p.cwd, 'elsewhere'))).to.include('conformance-report.md');
    // The bundle still holds what the run wrote into the results directory.
    const members = [...(await allTexts(join(p.cwd, 'elsewhere'))).keys()].map((k) =>
      k.replace(/^.*\.tar\.gz!evidence-[^/]+\//, ''),
    );
    expect(members).to.include.members(['results.json', 'junit.xml', 'allure-results/executor.json']);
    expect(members.filter((m) => /^allure-results\/.+-result\.json$/.test(m))).to.have.length(6);
  });

  it('rebuilds junit.xml and allure-results/ from results.json, replayed as the run wrote them', async () => {
    const out = await fgc('report', '--no-allure');
    expect(out.result, out.stderr).to.equal(0);
    expect(out.stdout).to.include('wrote reports/junit.xml').and.include('wrote reports/allure-results');
    const junit = await readFile(join(p.reports, 'junit.xml'), 'utf8');
    expect(junit).to.match(/<testsuites [^>]*tests="6" failures="1" errors="1" skipped="1"/);
    expect(junit).to.include('classname="genomics-operations/find-subject-variants"');
    const folder = join(p.reports, 'allure-results');
    const files = await readdir(folder);
    // The run's own files are replaced, not added to: the fixture's x-result.json is gone.
    expect(files).not.to.include('x-result.json');
    const results = await Promise.all(
      files
        .filter((f) => f.endsWith('-result.json'))
        .map(
          async (f) =>
            JSON.parse(await readFile(join(folder, f), 'utf8')) as {
              name: string;
              status: string;
              start: number;
              labels: { name: string; value: string }[];
              statusDetails: { message?: string };
            },
        ),
    );
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(Object.keys(byName)).to.have.length(6);
    expect(byName['variant has interpretation']!.status).to.equal('broken');
    expect(byName['study metadata by test']!.status).to.equal('unknown');
    expect(byName['unknown subject 404']!.status).to.equal('skipped');
    expect(byName['unknown subject 404']!.statusDetails.message).to.match(/^waived: /);
    expect(byName['haplotypes by gene']!.statusDetails.message).to.match(/^not claimed by the server: /);
    // The scenario's own start time, and no internal label left behind.
    expect(byName['range output shape']!.start).to.equal(Date.parse('2026-11-27T08:00:00.000Z'));
    expect(results.flatMap((r) => r.labels.map((l) => l.name))).not.to.include.members([
      'fgcStart',
      'fgcReason',
    ]);
    const executor = JSON.parse(await readFile(join(folder, 'executor.json'), 'utf8')) as { name: string };
    expect(executor.name).to.equal('fgc 0.1.0');
    expect(await readFile(join(folder, 'environment.properties'), 'utf8')).to.include(
      'Verdict=Not conformant\\: 1 scenario(s) failed a SHALL requirement',
    );
  });

  it('exits 2, naming it, when --out is a file or cannot be made, before writing anything', async () => {
    await writeFile(join(p.cwd, 'a-file'), 'x');
    const onFile = await fgc('report', '--out', 'a-file', '--no-allure');
    expect([onFile.result, onFile.stderr]).to.deep.equal([2, 'fgc: --out a-file is a file, not a folder\n']);
    const below = await fgc('report', '--out', 'a-file/out', '--no-allure');
    expect(below.result).to.equal(2);
    expect(below.stderr).to.match(/cannot create the folder a-file\/out \(--out\): ENOTDIR/);
  });

  it('exits 2 with a clear message when there is no results.json', async () => {
    const out = await fgc('report', '--results', 'nowhere', '--no-allure');
    expect(out.result).to.equal(2);
    expect(out.stderr).to.include('nowhere/results.json not found');
  });

  it('--verify exits 0 for an intact bundle and 1 naming a changed file', async () => {
    await fgc('report', '--no-allure');
    const bundle = await bundleIn(p.reports);
    const ok = await fgc('report', '--verify', bundle);
    expect(ok.result).to.equal(0);
    expect(ok.stdout).to.match(/OK: all \d+ files match the manifest/);

    const dir = await mkdtemp(join(tmpdir(), 'fgc-verify-'));
    await tar.x({ file: bundle, cwd: dir });
    const [root] = await readdir(dir);
    await writeFile(join(dir, root!, 'conformance-report.md'), '# all green, honest');
    const tampered = join(dir, 'tampered.tar.gz');
    await tar.c({ gzip: true, cwd: dir, file: tampered }, [root!]);
    const bad = await fgc('report', '--verify', tampered);
    expect(bad.result).to.equal(1);
    expect(bad.stdout).to.include('CHANGED: conformance-report.md');
    // Several bundles at once: each is reported, and one changed bundle is enough for exit 1.
    const both = await fgc('report', '--verify', bundle, tampered);
    expect(both.result).to.equal(1);
    expect(both.stdout).to.match(/OK: all \d+ files match the manifest[\s\S]*CHANGED: conformance-report.md/);
    await rm(dir, { recursive: true, force: true });

    const notBundle = await fgc('report', '--verify', join(p.reports, 'junit.xml'));
    expect(notBundle.result).to.equal(2);
  });

  it('--matrix writes one page for several results directories', async () => {
    const other = await makeProject(
      passingRun({ target: { name: 'pilot-site-b', baseUrl: 'https://b.example.org' } }),
    );
    const out = await fgc('report', '--matrix', p.reports, other.reports, '--out', 'cmp');
    expect(out.result).to.equal(0);
    const page = await readFile(join(p.cwd, 'cmp', 'matrix.html'), 'utf8');
    expect(page).to.include('pilot-site-a').and.include('pilot-site-b');
    await rm(other.cwd, { recursive: true, force: true });
  });

  it('--diff prints new failures and exits 1 when there are any, 0 when there are none', async () => {
    const older = await makeProject(passingRun());
    const worse = await fgc('report', '--diff', older.reports, p.reports);
    expect(worse.result).to.equal(1);
    expect(worse.stdout).to.include('## New failures (3)');
    const better = await fgc('report', '--diff', p.reports, older.reports);
    expect(better.result).to.equal(0);
    expect(better.stdout).to.include('## Fixed (3)');
    await rm(older.cwd, { recursive: true, force: true });
  });

  it('rejects --diff with one directory and two modes at once', async () => {
    const one = await fgc('report', '--diff', p.reports);
    expect(one.result).to.equal(2);
    expect(one.stderr).to.include('--diff takes two results directories');
    const both = await fgc('report', '--verify', 'x.tar.gz', '--matrix', p.reports);
    expect(both.result).to.equal(2);
    expect(both.stderr).to.include('use only one of');
  });
});
