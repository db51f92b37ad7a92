// The suite model cache: a model comes from the cache only while everything it was built from is unchanged,
// it equals what the loader builds (every position included), and a stale entry never decides a verdict.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Suite } from '../../src/model/suite.js';
import { BUNDLED_SUITES } from '../../src/suite/discover.js';
import { loadSuites } from '../../src/suite/index.js';
import { encodeModel } from '../../src/suite/model-codec.js';
import { runFgcProcess } from '../helpers/fgc-process.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { startTestServer } from '../helpers/test-server.js';

const CATALOG = 'requirements:\n  - { id: R-1, text: One, source: "https://example.org", level: SHALL }\n';

const SUITE = `suite: demo
title: Demo
fixtures:
  - { id: body, file: fixtures/body.json }
scenarios:
  - id: read
    title: Read metadata
    requirement: R-1
    steps:
      - request: { path: metadata }
        expect:
          status: 200
          fhirpath:
            - { that: "CapabilityStatement.exists()", is: true }
  - id: create
    steps:
      - request: { method: POST, path: Observation, body: { fixture: body } }
`;

describe('suite model cache', function () {
  this.timeout(60_000);
  const saved = process.env.FGC_CACHE_DIR;
  let cache: string;
  let project: TempProject;

  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'fgc-model-cache-'));
    process.env.FGC_CACHE_DIR = cache;
    project = tempProject({
      'suites/requirements.yaml': CATALOG,
      'suites/demo.yaml': SUITE,
      'suites/fixtures/body.json': '{ "resourceType": "Observation", "status": "final" }',
    });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.FGC_CACHE_DIR;
    else process.env.FGC_CACHE_DIR = saved;
    rmSync(cache, { recursive: true, force: true });
    project.remove();
  });

  const load = async (suitesRoot = project.path('suites'), cwd = project.dir) =>
    (await loadSuites([], { suitesRoot, cwd })).suites;
  const entries = () => readdirSync(join(cache, 'suite-models'));
  /** Changes the title inside the cached model of the demo suite: seen only when the entry is used. */
  const tamperTitle = () => {
    for (const name of entries()) {
      const file = join(cache, 'suite-models', name);
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { suite?: { title: string } };
      if (!entry.suite) continue;
      entry.suite.title = 'from the cache';
      writeFileSync(file, JSON.stringify(entry));
    }
  };
  /** Rewrites a file keeping its size and modification time, as a quick edit or a checkout can. */
  const edit = (relative: string, from: string, to: string) => {
    const path = project.path(relative);
    const { atime, mtime } = statSync(path);
    const text = readFileSync(path, 'utf8');
    expect(text).to.include(from);
    expect(to).to.have.length(from.length);
    writeFileSync(path, text.replace(from, to));
    utimesSync(path, atime, mtime);
  };

  it('gives the model the loader builds, every position included, and reads it from the cache', async () => {
    const built = await load();
    expect(entries()).to.have.length(2); // the catalog and the suite
    const cached = await load();
    expect(encodeModel(cached)).to.deep.equal(encodeModel(built));
    tamperTitle();
    expect((await load())[0]!.title).to.equal('from the cache');
  });

  it('uses the new text of an edited suite, of the same size and time, and keeps one entry per file', async () => {
    await load();
    tamperTitle();
    edit('suites/demo.yaml', 'status: 200', 'status: 201');
    const [suite] = await load();
    expect(suite!.title).to.equal('Demo');
    expect(suite!.scenarios[0]!.steps[0]!.expect!.status).to.equal(201);
    expect(entries()).to.have.length(2);
  });

  it('reports a suite edited into a mistake at its line and column, on every load', async () => {
    await load();
    edit('suites/demo.yaml', 'status: 200', 'stat: 200  ');
    for (let i = 0; i < 2; i++) {
      const error = await load().then(
        () => undefined,
        (err: Error) => err,
      );
      expect(error?.message).to.match(/^suites\/demo\.yaml:12:11: unknown key "stat"/);
    }
  });

  it('builds the suite again when the requirements catalog changes', async () => {
    await load();
    tamperTitle();
    edit('suites/requirements.yaml', 'text: One', 'text: Uno');
    expect((await load())[0]!.title).to.equal('Demo');
  });

  it('reads fixtures again: an edited fixture is used, a removed one is reported', async () => {
    await load();
    edit('suites/fixtures/body.json', '"final"', '"amend"');
    const content = (await load())[0]!.fixtures.body!.content as { status: string };
    expect(content.status).to.equal('amend');
    rmSync(project.path('suites/fixtures/body.json'));
    await load().then(
      () => expect.fail('a missing fixture loaded'),
      (err: Error) => expect(err.message).to.match(/FIXTURE_MISSING/),
    );
  });

  it('depends on how the file is shown: the same suite from another folder has its own entry', async () => {
    const fromProject = await load();
    const fromElsewhere = await load(project.path('suites'), cache);
    expect(entries()).to.have.length(4);
    expect(fromProject[0]!.file).to.equal('suites/demo.yaml');
    expect(fromElsewhere[0]!.file).to.equal(project.path('suites/demo.yaml'));
    expect(fromElsewhere[0]!.scenarios[0]!.loc.file).to.equal(project.path('suites/demo.yaml'));
  });

  it('ignores a damaged entry and an unwritable cache folder', async () => {
    const built = await load();
    for (const name of entries()) writeFileSync(join(cache, 'suite-models', name), '{"suite": ');
    expect(encodeModel(await load())).to.deep.equal(encodeModel(built));
    rmSync(cache, { recursive: true, force: true });
    writeFileSync(cache, 'a file where the folder should be');
    expect(encodeModel(await load())).to.deep.equal(encodeModel(built));
  });

  it('gives the bundled suites the same model from the cache as from their YAML', async () => {
    const cwd = join(BUNDLED_SUITES, '..');
    const built: Suite[] = await load(BUNDLED_SUITES, cwd);
    expect(entries().length).to.be.greaterThan(30);
    expect(encodeModel(await load(BUNDLED_SUITES, cwd))).to.deep.equal(encodeModel(built));
  });

  it('fgc run: after a suite is edited, the verdict follows its new text', async () => {
    const server = await startTestServer();
    try {
      project.write('config/targets/site.yaml', `baseUrl: ${server.baseUrl}\nallowWrites: false\n`);
      const run = () =>
        runFgcProcess(['run', '--target', 'site', '--no-report', '--grep', 'read'], {
          cwd: project.dir,
          env: { FGC_CACHE_DIR: cache },
        });
      const first = await run();
      expect(first.code, first.stdout + first.stderr).to.equal(0);
      expect((await run()).code).to.equal(0); // from the cache
      edit('suites/demo.yaml', 'status: 200', 'status: 404');
      const edited = await run();
      expect(edited.code, edited.stdout).to.equal(1);
      expect(edited.stdout).to.include('1 failed');
    } finally {
      await server.close();
    }
  });
});
