// `fgc init` against the reference server, with its own ids and with server-assigned UUIDs: the config it
// writes exercises (nearly) every scenario the hand-written reference.yaml exercises, and none fails.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { RunResult } from '../../src/results/model.js';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { initInto } from '../helpers/init-run.js';
import { exercised, runSuites, scenariosOf } from '../helpers/suite-runs.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

describe('fgc init against the reference server', function () {
  this.timeout(240_000);
  let project: TempProject;
  let reference: RunResult;
  before(async () => {
    project = tempProject();
    reference = await runSuites(project, 'reference');
  });
  after(() => project.remove());

  for (const serverIds of [false, true]) {
    describe(serverIds ? 'with server-assigned UUIDs' : 'with its own ids', () => {
      let server: ReferenceServer;
      let run: RunResult;
      let written: Record<string, unknown>;
      before(async () => {
        server = await startReferenceServer({ serverIds });
        const name = serverIds ? 'uuid-site' : 'own-ids-site';
        await initInto(project, server.baseUrl, { name });
        const file = project.path(`config/targets/${name}.yaml`);
        written = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        run = await runSuites(project, file);
      });
      after(() => server.close());

      it('writes a config whose run fails nothing and errors nowhere', () => {
        const bad = scenariosOf(run)
          .filter((s) => s.status === 'failed' || s.status === 'error')
          .map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`);
        expect(bad).to.deep.equal([]);
      });

      it('exercises at least 95% of the scenarios the hand-written reference.yaml exercises', () => {
        const ours = exercised(run);
        const theirs = [...exercised(reference)];
        const covered = theirs.filter((id) => ours.has(id));
        expect(
          covered.length / theirs.length,
          theirs.filter((id) => !ours.has(id)).join('\n'),
        ).to.be.at.least(0.95);
      });

      it('fills every patient input with an id the server serves (a UUID it assigned, under serverIds)', async () => {
        const inputs = written.inputs as Record<string, string>;
        const patients = Object.keys(inputs).filter((name) => name.endsWith('PatientId'));
        expect(patients.length).to.be.greaterThan(10);
        for (const name of patients) {
          if (serverIds)
            expect(inputs[name], name).to.match(
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
            );
          expect((await fetch(`${server.baseUrl}/Patient/${inputs[name]}`)).status, name).to.equal(200);
        }
      });
    });
  }

  it('derives from the IG examples alone inputs on which every operation scenario passes (the examples answer like their data)', async () => {
    const server = await startReferenceServer({ includeCohort: false });
    try {
      await initInto(project, server.baseUrl, { name: 'ig-examples' });
      const run = await runSuites(project, project.path('config/targets/ig-examples.yaml'), [
        'suites/genomics-operations',
      ]);
      const ran = scenariosOf(run).filter((s) => s.status !== 'skipped');
      expect(ran.length).to.be.greaterThan(80);
      const bad = ran
        .filter((s) => s.status !== 'passed' && s.severity === 'SHALL')
        .map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`);
      expect(bad).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });
});
