// writeRunReports: every artefact from one results directory, and no secret in any file under reports/.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRunReports } from '../../src/reporters/run-reports.js';
import { allTexts } from './bundle-files.js';
import { makeProject, type Project } from './fixtures/project.js';
import { exchange, FIXTURE_SECRETS, mixedRun } from './fixtures/runs.js';

describe('writeRunReports', () => {
  let p: Project | undefined;
  afterEach(async () => {
    if (p) await rm(p.cwd, { recursive: true, force: true });
  });

  const write = (project: Project) =>
    writeRunReports(project.run, project.reports, {
      allure: false,
      cwd: project.cwd,
      env: project.env,
      secrets: [FIXTURE_SECRETS[1]],
    });

  it('writes the conformance report, TestReports and the evidence bundle', async () => {
    p = await makeProject();
    const { written, warnings } = await write(p);
    expect(warnings).to.deep.equal([]);
    const names = written.map((f) => f.slice(p!.reports.length + 1));
    expect(names).to.deep.equal([
      'conformance-report.html',
      'conformance-report.md',
      'testreports/genomics-operations.find-subject-variants.json',
      'testreports/genomics-operations.find-subject-haplotypes.json',
      'testreports/genomics-operations.find-study-metadata.json',
      'testreports/profiles.variant.json',
      'evidence-pilot-site-a-20261127T080130Z.tar.gz',
    ]);
    for (const f of written) expect(existsSync(f), f).to.equal(true);
  });

  it("keeps only this run's TestReports, so an earlier run's cannot reach the evidence bundle", async () => {
    p = await makeProject();
    await mkdir(join(p.reports, 'testreports'), { recursive: true });
    await writeFile(join(p.reports, 'testreports', 'from-an-earlier-run.json'), '{}');
    await write(p);
    expect(await readdir(join(p.reports, 'testreports')))
      .to.have.length(4)
      .and.not.include('from-an-earlier-run.json');
  });

  it('leaves no secret value in any file under reports/, bundle members included', async () => {
    p = await makeProject();
    await write(p);
    const texts = await allTexts(p.reports);
    expect([...texts.keys()].some((k) => k.includes('.tar.gz!'))).to.equal(true);
    for (const [file, text] of texts) for (const s of FIXTURE_SECRETS) expect(text, file).not.to.include(s);
  });

  it('scrubs a secret the run failed to redact from its reports, and refuses the bundle', async () => {
    const run = mixedRun();
    const leaky = exchange({ responseBody: `{"echo":"Bearer ${FIXTURE_SECRETS[0]}"}` });
    const suites = run.suites.map((s, i) =>
      i === 0
        ? {
            ...s,
            scenarios: s.scenarios.map((sc) => ({
              ...sc,
              steps: sc.steps.map((st) => ({ ...st, exchanges: [leaky] })),
            })),
          }
        : s,
    );
    p = await makeProject({ ...run, suites });
    const { written, warnings } = await write(p);
    expect(warnings.join('\n')).to.include('Evidence bundle not written').and.include('results.json');
    expect(written.some((f) => f.endsWith('.tar.gz'))).to.equal(false);
    for (const name of ['conformance-report.html', 'conformance-report.md']) {
      const text = await readFile(join(p.reports, name), 'utf8');
      expect(text).not.to.include(FIXTURE_SECRETS[0]);
      expect(text).to.include('Bearer ***');
    }
  });

  it("applies the run's own redactor too (tokens learned at run time)", async () => {
    const runtimeToken = 'RUNTIME-ACCESS-TOKEN-42';
    const run = mixedRun();
    const suites = run.suites.map((s) => ({
      ...s,
      scenarios: s.scenarios.map((sc) => ({ ...sc, reason: sc.reason && `${sc.reason} ${runtimeToken}` })),
    }));
    p = await makeProject({ ...run, suites });
    await writeRunReports(p.run, p.reports, {
      allure: false,
      bundle: false,
      cwd: p.cwd,
      redact: (text) => text.split(runtimeToken).join('***'),
    });
    for (const name of [
      'conformance-report.html',
      'conformance-report.md',
      'testreports/genomics-operations.find-subject-variants.json',
    ]) {
      expect(await readFile(join(p.reports, name), 'utf8'), name).not.to.include(runtimeToken);
    }
  });

  it('skips the bundle when asked', async () => {
    p = await makeProject();
    const { written } = await writeRunReports(p.run, p.reports, { allure: false, bundle: false, cwd: p.cwd });
    expect(written.some((f) => f.endsWith('.tar.gz'))).to.equal(false);
  });
});
