// The reporter registry is the one list of outputs: `--reporter` offers its console reporters, and the files
// a run writes, the files a new run removes first and the evidence bundle's contents all come from its file
// reporters.
import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUNDLED_FILES,
  CONSOLE_REPORTERS,
  FILE_REPORTERS,
  REPORTERS,
  STALE_FILES,
} from '../../src/reporters/registry.js';
import { writeResultFiles, writeRunReports } from '../../src/reporters/run-reports.js';
import { runCliIn, tempProject, type TempProject } from '../helpers/temp-project.js';
import { quietRun } from '../helpers/quiet-run.js';
import type { TestServer } from '../helpers/test-server.js';
import { catalog, startVariantServer, writeTarget } from '../helpers/mixed-suite.js';
import { SET_ASIDE_PREFIX } from '../../src/runner/stale-reports.js';
import { tarMembers } from './bundle-files.js';
import { makeProject, type Project } from './fixtures/project.js';

describe('reporters/registry', () => {
  it('names each reporter once, and bundles only files its reporter writes', () => {
    const names = REPORTERS.map((r) => r.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const r of FILE_REPORTERS) expect(r.files, r.name).to.include.members([...r.bundled]);
  });

  it('gives `fgc run --reporter` its choices', async () => {
    const p = tempProject({});
    try {
      const out = await runCliIn(p.dir, ['run', '--help']);
      const help = out.stdout.replace(/\s+/g, ' ');
      for (const r of CONSOLE_REPORTERS) expect(help).to.include(r.description);
      const bad = await runCliIn(p.dir, ['run', '--reporter', 'nope']);
      expect(bad.stderr).to.include(
        `Allowed choices are ${CONSOLE_REPORTERS.map((r) => r.name).join(', ')}.`,
      );
    } finally {
      p.remove();
    }
  });

  describe('files', () => {
    let project: Project | undefined;
    afterEach(async () => {
      if (project) await rm(project.cwd, { recursive: true, force: true });
    });

    it('writes only files the registry lists, and bundles exactly the listed ones', async () => {
      project = await makeProject();
      await rm(project.reports, { recursive: true, force: true });
      const written = [
        ...(await writeResultFiles(project.run, project.reports)),
        ...(await writeRunReports(project.run, project.reports, { allure: false, cwd: project.cwd })).written,
      ];
      const listed = FILE_REPORTERS.flatMap((r) => r.files);
      for (const file of written) {
        const top = file.slice(project.reports.length + 1).split('/')[0]!;
        expect(listed.includes(top) || top.startsWith('evidence-'), top).to.equal(true);
      }
      const bundle = written.find((f) => f.endsWith('.tar.gz'))!;
      const tops = new Set(
        [...(await tarMembers(bundle)).keys()]
          .map((k) => k.split('/')[1]!)
          .filter((k) => k !== '' && k !== 'sources'),
      );
      const present = BUNDLED_FILES.filter((f) => existsSync(join(project!.reports, f)));
      expect([...tops].sort()).to.deep.equal([...present, 'SHA256SUMS', 'manifest.json'].sort());
    });
  });

  describe('a new run', function () {
    this.timeout(60_000);
    let server: TestServer;
    let p: TempProject;
    beforeEach(async () => {
      server = await startVariantServer();
    });
    afterEach(async () => {
      await server.close();
      p?.remove();
    });

    it('removes the files of every reporter that writes after the run, and keeps evidence bundles', async () => {
      // and what an interrupted run had set aside for deletion
      const planted = Object.fromEntries(STALE_FILES.map((f) => [`reports/${f}/from-the-last-run`, 'old']));
      p = tempProject({
        'suites/requirements.yaml': catalog,
        'suites/one.yaml': `suite: one
scenarios:
  - id: reads
    requirement: REQ-A
    steps:
      - request: { path: Observation }
        expect: { status: 200 }
`,
        'reports/evidence-site-20260101T000000Z.tar.gz': 'kept',
        [`reports/${SET_ASIDE_PREFIX}killed/allure-results/old.json`]: 'old',
        ...planted,
      });
      writeTarget(p, server.baseUrl);
      await quietRun({ cwd: p.dir, targetSpec: 'site', reportsDir: p.path('reports'), concurrency: 1 });
      for (const f of STALE_FILES)
        expect(existsSync(p.path(`reports/${f}/from-the-last-run`)), f).to.equal(false);
      expect(readdirSync(p.path('reports'))).to.include('evidence-site-20260101T000000Z.tar.gz');
      expect(readdirSync(p.path('reports')).filter((f) => f.startsWith(SET_ASIDE_PREFIX))).to.deep.equal([]);
    });
  });
});
