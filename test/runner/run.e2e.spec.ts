// Whole runs through the real CLI against the loopback test server: exit codes, the reports written,
// their agreement with each other, concurrency, capture ordering, retries, bail and redaction.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answers, startTestServer, type TestServer } from '../helpers/test-server.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { runFgcProcess } from '../helpers/fgc-process.js';
import type { ChildProcess } from 'node:child_process';
import type { RunResult } from '../../src/results/model.js';
import { catalog, mixedSuite, startVariantServer, variant, writeTarget } from '../helpers/mixed-suite.js';

function readJson(p: TempProject, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(p.path(file), 'utf8')) as Record<string, unknown>;
}

/** A scenario with one GET step, as suite YAML (a list item under `scenarios:`). */
function getScenario(id: string, path: string, extra = ''): string {
  return `  - id: ${id}\n    title: ${id}\n    steps:\n      - request: { path: ${path} }\n${extra}`;
}

/** A suite file whose scenarios are the given YAML items. */
function suiteYaml(id: string, scenarios: readonly string[]): string {
  return `suite: ${id}\ntitle: ${id}\nscenarios:\n${scenarios.join('')}`;
}

describe('fgc run (end to end)', function () {
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

  it('runs a suite, exits 1 on a SHALL failure, and every report agrees', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], { cwd: p.dir });
    expect(out.code, out.stderr + out.stdout).to.equal(1);
    expect(out.stdout).to.include('1 passed, 1 failed, 1 warned, 1 skipped');
    expect(out.stdout).to.match(/✖ failed +mixed\/fails \[REQ-A\] — /); // the console names the requirement
    expect(out.stdout).to.match(/⚠ \[3\/4\] A self link is sent \(warned: /); // a warning is never a green tick
    expect(out.stdout).to.include('input not supplied: 1 scenario(s): missingInput (1)');
    // What supplying each missing input would unlock (issue #13: input gaps at the end of every run).
    expect(out.stdout).to.include(
      'Missing inputs, and what each would unlock (fgc list --target loopback-site',
    );
    expect(out.stdout).to.include('missingInput: 1 scenario(s), 0 requirement(s) no other scenario tests');

    const summary = readJson(p, 'reports/summary.json') as {
      totals: Record<string, number>;
      scenarios: { id: string; status: string; reason?: string }[];
    };
    expect(summary.totals).to.deep.equal({
      passed: 1,
      failed: 1,
      warned: 1,
      skipped: 1,
      waived: 0,
      error: 0,
    });
    const byId = Object.fromEntries(summary.scenarios.map((s) => [s.id, s]));
    expect(byId['mixed/fails']!.status).to.equal('failed');
    expect(byId['mixed/skips']!.reason).to.match(/missingInput/);

    const results = readJson(p, 'reports/results.json') as {
      suites: {
        scenarios: { fullId: string; steps: { exchanges: { url: string; status: number }[] }[] }[];
      }[];
      requirements: unknown[];
    };
    const passes = results.suites[0]!.scenarios.find((s) => s.fullId === 'mixed/passes')!;
    expect(passes.steps[0]!.exchanges[0]!.url).to.equal(`${server.baseUrl}/Observation?subject=Patient/p1`);
    expect(passes.steps[0]!.exchanges[0]!.status).to.equal(200);
    expect(results.requirements).to.have.length(2);

    const junit = readFileSync(p.path('reports/junit.xml'), 'utf8');
    expect(junit).to.match(/<testsuites [^>]*tests="4"/);
    expect(junit).to.match(/<testsuites [^>]*failures="1"/);
    expect(junit).to.include('<skipped message="input not supplied: input missingInput not supplied"/>');
    expect(junit).to.match(
      /<testcase name="A self link is sent" classname="mixed"[^]*?<property name="fgc.status" value="warned"\/>/,
    );
    expect(junit).to.include('12345-6'); // the failure message shows expected and actual

    const allureFiles = readdirSync(p.path('reports/allure-results'));
    const testResults = allureFiles
      .filter((f) => f.endsWith('-result.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(p.path('reports/allure-results'), f), 'utf8')) as {
            name: string;
            status: string;
            labels: { name: string; value: string }[];
            steps: { name: string; steps: { name: string; attachments: unknown[] }[] }[];
            links: { url: string }[];
          },
      );
    expect(testResults).to.have.length(4);
    const failed = testResults.find((r) => r.name === 'Wrong code expected')!;
    expect(failed.status).to.equal('failed');
    expect(failed.labels).to.deep.include({ name: 'requirement', value: 'REQ-A' });
    expect(failed.labels).to.deep.include({ name: 'severity', value: 'critical' });
    expect(failed.labels.filter((l) => ['parentSuite', 'suite', 'scenario'].includes(l.name))).to.deep.equal([
      { name: 'parentSuite', value: 'mixed' },
      { name: 'suite', value: 'Mixed outcomes' },
      { name: 'scenario', value: 'mixed/fails' },
    ]);
    expect(failed.links.map((l) => l.url)).to.include('http://example.org/a');
    // allure-js records each attachment as a sub-step holding it: one per request, with its response
    const attached = failed.steps[0]!.steps.filter((st) => st.attachments.length === 1).map((st) => st.name);
    expect(attached).to.deep.equal(['HTTP exchange']);
    const [attachment] = failed.steps[0]!.steps[0]!.attachments as { source: string }[];
    const exchangeText = readFileSync(join(p.path('reports/allure-results'), attachment!.source), 'utf8');
    expect(exchangeText).to.match(
      /^--- request ---\nGET http:\/\/127\.0\.0\.1:\d+\/fhir\/Observation\?subject=Patient\/p1\n/,
    );
    expect(exchangeText).to.include('--- response ---\nHTTP 200');
    expect(exchangeText).to.include('"69548-6"');
    expect(failed.steps[0]!.steps.at(-1)!.name).to.match(/^SHALL .*12345-6/);
    const passed = testResults.find((r) => r.name === 'Variants are found')!;
    expect(passed.labels).to.deep.include({ name: 'tag', value: 'search' });
    // Allure shows a warning as broken (yellow), not as a green pass.
    expect(testResults.find((r) => r.name === 'A self link is sent')!.status).to.equal('broken');
  });

  it('blames exactly the requirement of the failing check, in every report', async () => {
    const catalog3 = `${catalog}  - { id: REQ-C, text: "A Variant SHALL be final", source: "http://example.org/c", level: SHALL }\n`;
    const suite = `suite: blame
title: Blame
inputs:
  patientId: { description: a patient, required: true }
scenarios:
  - id: three
    title: Three requirements, one broken
    requirement: [REQ-A, REQ-C]
    steps:
      - request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        capture: { missing: "entry.resource.derivedFrom.reference" }
        requireData: "entry.resource"
        expect:
          status: 200
          contentType: application/fhir+json
          fhirpath:
            - { that: "entry.resource.code.coding.code", equals: "69548-6", requirement: REQ-A }
            - { that: "entry.resource.where(status != 'amended')", empty: true, requirement: REQ-C }
`;
    p = tempProject({ 'suites/requirements.yaml': catalog3, 'suites/blame.yaml': suite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], { cwd: p.dir });
    expect(out.code, out.stdout + out.stderr).to.equal(1);
    const built = await runFgcProcess(['report', '--no-allure'], { cwd: p.dir });
    expect(built.code, built.stderr).to.equal(0);
    const md = readFileSync(p.path('reports/conformance-report.md'), 'utf8');
    expect(md).to.match(/\| REQ-A \| SHALL \| ✔ passed \|/);
    expect(md).to.match(/\| REQ-C \| SHALL \| ✖ failed \|/);
    const html = readFileSync(p.path('reports/conformance-report.html'), 'utf8');
    expect(html).to.match(/id="req-REQ-A">[\s\S]*?✔ passed/);
    expect(html).to.match(/id="req-REQ-C">[\s\S]*?✖ failed/);
    const junit = readFileSync(p.path('reports/junit.xml'), 'utf8');
    const failure = /<failure [^>]*>([^<]*)<\/failure>/.exec(junit)![1]!;
    expect(failure).to.include('[REQ-C]').and.not.include('REQ-A');
    const testReport = readFileSync(p.path('reports/testreports/blame.json'), 'utf8');
    const asserts = (
      JSON.parse(testReport) as { test: { action: { assert?: { result: string; message: string } }[] }[] }
    ).test[0]!.action.flatMap((a) => (a.assert ? [a.assert] : []));
    expect(asserts.filter((a) => a.result === 'fail').map((a) => a.message)).to.have.length(1);
    expect(asserts.find((a) => a.result === 'fail')!.message).to.include('REQ-C');
  });

  it('exits 0 when only SHOULD checks fail, and 1 with --strict', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const lenient = await runFgcProcess(['run', '--target', 'site', '--grep', 'warns', '--no-report'], {
      cwd: p.dir,
    });
    expect(lenient.code, lenient.stdout).to.equal(0);
    const strict = await runFgcProcess(
      ['run', '--target', 'site', '--grep', 'warns', '--strict', '--no-report'],
      { cwd: p.dir },
    );
    expect(strict.code, strict.stdout).to.equal(1);
  });

  it('selects by --tag and --exclude-tag', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const tagged = await runFgcProcess(['run', '--target', 'site', '--tag', 'search', '--no-report'], {
      cwd: p.dir,
    });
    expect(tagged.code).to.equal(0);
    expect((readJson(p, 'reports/summary.json').scenarios as unknown[]).length).to.equal(1);
    await runFgcProcess(['run', '--target', 'site', '--exclude-tag', 'search', '--no-report'], {
      cwd: p.dir,
    });
    const ids = (readJson(p, 'reports/summary.json').scenarios as { id: string }[]).map((s) => s.id);
    expect(ids).to.not.include('mixed/passes');
    expect(ids).to.have.length(3);
  });

  it('exits 3 when GET metadata refuses the credentials (401), naming it, and sends no suite request', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    server.route('GET', 'metadata', answers.outcome(401, 'no token'));
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site'], { cwd: p.dir });
    expect(out.code).to.equal(3);
    expect(out.stderr).to.include(`GET ${server.baseUrl}/metadata answered HTTP 401`);
    expect(out.stderr).to.include('refused the credentials');
    expect(server.requests.map((r) => r.path)).to.deep.equal(['metadata']);
  });

  it('goes on without a CapabilityStatement when GET metadata fails (502), and says so', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    server.route('GET', 'metadata', answers.html(502));
    server.route('GET', 'Observation', answers.searchset([variant('v1')]));
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site', '--grep', 'passes', '--no-report'], {
      cwd: p.dir,
    });
    expect(out.code).to.equal(0);
    expect(out.stdout).to.include(
      `GET ${server.baseUrl}/metadata answered HTTP 502, not a CapabilityStatement`,
    );
    expect(out.stdout).to.include('The run goes on with what the config declares');
    expect(server.requests.map((r) => r.path)).to.deep.equal(['metadata', 'Observation']);
  });

  it('warns, in the console and the results, when the server declares a FHIR version other than R4', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    server.route('GET', 'metadata', answers.capabilityStatement({ fhirVersion: '5.0.0' }));
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site', '--grep', 'passes', '--no-report'], {
      cwd: p.dir,
    });
    const warning =
      "The server's CapabilityStatement declares FHIR 5.0.0, but these suites test FHIR R4 (4.0.x)";
    expect(out.stdout).to.include(`Warning: ${warning}`);
    expect((readJson(p, 'reports/results.json').warnings as string[]).join('\n')).to.include(warning);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`on ${signal}, starts no new scenario, writes every report for the ones that ran, and exits ${code}`, async () => {
      const ids = ['first', 'second', 'third', 'fourth'];
      p = tempProject({
        'suites/requirements.yaml': catalog,
        'suites/slow.yaml': suiteYaml(
          'slow',
          ids.map((id) => getScenario(id, 'Observation')),
        ),
      });
      writeTarget(p, server.baseUrl);
      let child: ChildProcess | undefined;
      // The signal arrives while the first scenario waits for its answer.
      server.route('GET', 'Observation', () => {
        child?.kill(signal);
        return answers.delay(300, answers.json({ resourceType: 'Bundle', type: 'searchset' }));
      });
      const out = await runFgcProcess(['run', '--target', 'site', '--concurrency', '1', '--no-report'], {
        cwd: p.dir,
        onSpawn: (c) => (child = c),
      });
      expect(out.code).to.equal(code);
      expect(out.stderr).to.include(`${signal}: no new scenarios will start`);
      const results = readJson(p, 'reports/results.json') as unknown as RunResult;
      expect(results.interrupted).to.equal(signal);
      expect(results.exitCode).to.equal(code);
      const scenarios = results.suites[0]!.scenarios;
      expect(scenarios.map((s) => [s.scenarioId, s.status])).to.deep.equal([
        ['first', 'passed'],
        ['second', 'skipped'],
        ['third', 'skipped'],
        ['fourth', 'skipped'],
      ]);
      expect(scenarios[1]!.reason).to.equal(`not run: the run was interrupted (${signal})`);
      expect(results.warnings.join('\n')).to.include(
        `The run was interrupted (${signal}): 3 scenario(s) did not run`,
      );
      expect(readJson(p, 'reports/summary.json').exitCode).to.equal(code);
      expect(readFileSync(p.path('reports/junit.xml'), 'utf8')).to.match(
        /tests="4"[^>]*skipped="3"|skipped="3"[^>]*tests="4"/,
      );
      expect(server.requests.filter((r) => r.path === 'Observation')).to.have.length(1);
    });
  }

  it('on a second signal, cancels the running requests at once and still writes every report', async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/hung.yaml': suiteYaml('hung', [
        getScenario('hangs', 'Observation'),
        getScenario('waits', 'Observation'),
      ]),
    });
    writeTarget(p, server.baseUrl);
    let child: ChildProcess | undefined;
    // The server never answers in time; the user presses Ctrl-C twice.
    server.route('GET', 'Observation', () => {
      child?.kill('SIGINT');
      setTimeout(() => child?.kill('SIGINT'), 300);
      return answers.delay(15_000, answers.json({ resourceType: 'Bundle', type: 'searchset' }));
    });
    const started = performance.now();
    const out = await runFgcProcess(['run', '--target', 'site', '--concurrency', '1'], {
      cwd: p.dir,
      onSpawn: (c) => (child = c),
    });
    expect(performance.now() - started).to.be.below(12_000);
    expect(out.code).to.equal(130);
    expect(out.stderr).to.include('SIGINT: cancelling the running requests now');
    const results = readJson(p, 'reports/results.json') as unknown as RunResult;
    expect(results.interrupted).to.equal('SIGINT');
    const [hangs, waits] = results.suites[0]!.scenarios;
    expect([hangs!.status, hangs!.reason]).to.deep.equal([
      'skipped',
      'not finished: the run was interrupted (SIGINT) while it ran, and its requests were cancelled',
    ]);
    expect(hangs!.steps[0]!.exchanges[0]!.error?.code).to.equal('CANCELLED');
    expect(waits!.reason).to.equal('not run: the run was interrupted (SIGINT)');
    expect(results.warnings.join('\n')).to.include(
      'The run was interrupted (SIGINT): 1 scenario(s) did not run and 1 were cancelled while running',
    );
    // The conformance report is written; Allure HTML is left for `fgc report`, which takes seconds of Java.
    expect(existsSync(p.path('reports/conformance-report.html'))).to.equal(true);
    expect(existsSync(p.path('reports/allure-report'))).to.equal(false);
    expect(out.stdout).to.include('Allure HTML was not built because the run was interrupted');
  });

  it('reports a run as complete when the signal comes after every scenario has started', async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/one.yaml': suiteYaml('one', [getScenario('only', 'Observation')]),
    });
    writeTarget(p, server.baseUrl);
    let child: ChildProcess | undefined;
    server.route('GET', 'Observation', () => {
      child?.kill('SIGINT');
      return answers.delay(300, answers.json({ resourceType: 'Bundle', type: 'searchset' }));
    });
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], {
      cwd: p.dir,
      onSpawn: (c) => (child = c),
    });
    expect(out.code).to.equal(0);
    const results = readJson(p, 'reports/results.json') as unknown as RunResult;
    expect(results).to.not.have.property('interrupted');
    expect(results.suites[0]!.scenarios.map((s) => s.status)).to.deep.equal(['passed']);
  });

  it("removes the last run's reports when a new run starts, but keeps evidence bundles", async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/one.yaml': suiteYaml('one', [getScenario('reads', 'Observation')]),
      'reports/conformance-report.html': 'an earlier run',
      'reports/conformance-report.md': 'an earlier run',
      'reports/testreports/old.json': '{}',
      'reports/allure-report/index.html': 'an earlier run',
      'reports/allure-report.html': 'an earlier run',
      'reports/evidence-site-20260101T000000Z.tar.gz': 'kept',
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], { cwd: p.dir });
    expect(out.code).to.equal(0);
    expect(readdirSync(p.path('reports')).sort()).to.deep.equal([
      'allure-results',
      'evidence-site-20260101T000000Z.tar.gz',
      'junit.xml',
      'results.json',
      'summary.json',
    ]);
  });

  it("keeps the last run's reports when a suite problem stops the run before it starts", async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/bad.yaml': 'scenarios:\n  - id: x\n    stepz: []\n',
      'reports/conformance-report.html': 'an earlier run',
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site'], { cwd: p.dir });
    expect(out.code).to.equal(2);
    expect(readFileSync(p.path('reports/conformance-report.html'), 'utf8')).to.equal('an earlier run');
  });

  it('exits 2, naming it, when --reports is a file or cannot be created, before sending anything', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite, 'a-file': 'x' });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const onFile = await runFgcProcess(['run', '--target', 'site', '--reports', 'a-file'], { cwd: p.dir });
    expect(onFile.code).to.equal(2);
    expect(onFile.stderr).to.include('--reports a-file is a file, not a folder');
    const below = await runFgcProcess(['run', '--target', 'site', '--reports', 'a-file/reports'], {
      cwd: p.dir,
    });
    expect(below.code).to.equal(2);
    expect(below.stderr).to.match(/cannot create the folder a-file\/reports \(--reports\): .*ENOTDIR/);
    expect(server.requests).to.deep.equal([]);
  });

  it('exits 2 for a --reports folder where the system refuses folders (Node itself would hang there)', async function () {
    if (process.platform !== 'linux') this.skip(); // /proc is Linux's
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site', '--reports', '/proc/fgc/reports'], {
      cwd: p.dir,
    });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(/cannot create the folder \/proc\/fgc\/reports \(--reports\): ENOENT/);
  });

  it('exits 3 when nothing listens at the base URL', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    const closed = await startTestServer();
    const deadUrl = closed.baseUrl;
    await closed.close();
    writeTarget(p, deadUrl, 'inputs:\n  patientId: p1\n');
    const out = await runFgcProcess(['run', '--target', 'site'], { cwd: p.dir });
    expect(out.code).to.equal(3);
    expect(out.stderr).to.match(/connection refused/);
  });

  it('exits 2 on a bad suite before sending anything', async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/bad.yaml': 'suite: bad\nscenarios:\n  - id: x\n    title: x\n    stepz: []\n',
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site'], { cwd: p.dir });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(/bad\.yaml:5:5: .*stepz/);
    expect(out.stderr).to.not.match(/\n\s+at /); // no stack trace
    expect(server.requests).to.have.length(0);
  });

  it('reports config and suite problems together, before sending anything', async () => {
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/bad.yaml': 'suite: bad\nscenarios:\n  - id: x\n    title: x\n    stepz: []\n',
    });
    p.write('config/targets/site.yaml', `name: s\nbaseUrl: ${server.baseUrl}\ntimeoutMz: 5\n`);
    const out = await runFgcProcess(['run', '--target', 'site'], { cwd: p.dir });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(/site\.yaml:3:1: .*timeoutMz/);
    expect(out.stderr).to.match(/bad\.yaml:5:5: .*stepz/);
    expect(server.requests).to.have.length(0);
  });

  it('exits 2 on --fault against a target that is not the embedded server', async () => {
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--fault', 'x'], { cwd: p.dir });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include('--fault only applies to the embedded reference server');
  });

  it('keeps going after server faults, names each cause, and still writes every report', async () => {
    const needsBody = '        expect: { fhirpath: [{ that: "id", exists: true }] }\n';
    const faulty = suiteYaml(
      'faults',
      [
        ['reset', 'Reset'],
        ['html', 'Html'],
        ['badjson', 'BadJson'],
        ['empty', 'Empty'],
        ['error500', 'Error500'],
        ['fine', 'Fine'],
      ].map(([id, path]) => getScenario(id!, path!, needsBody)),
    );
    server.route('GET', 'Reset', answers.reset());
    server.route('GET', 'Html', answers.html());
    server.route('GET', 'BadJson', answers.invalidJson());
    server.route('GET', 'Empty', answers.empty());
    server.route('GET', 'Error500', answers.status(500));
    server.route('GET', 'Fine', answers.json({ resourceType: 'Patient', id: 'p1' }));
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/faults.yaml': faulty });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], { cwd: p.dir });
    expect(out.code).to.equal(1);
    const summary = readJson(p, 'reports/summary.json') as {
      scenarios: { id: string; status: string; reason?: string }[];
    };
    const status = Object.fromEntries(summary.scenarios.map((s) => [s.id.split('/')[1], s.status]));
    expect(status).to.deep.equal({
      reset: 'failed',
      html: 'failed',
      badjson: 'failed',
      empty: 'failed',
      error500: 'failed',
      fine: 'passed',
    });
    const junit = readFileSync(p.path('reports/junit.xml'), 'utf8');
    expect(junit).to.match(/closed the connection|reset/i);
    expect(junit).to.match(/HTML|not JSON/i);
    expect(existsSync(p.path('reports/allure-results'))).to.equal(true);
  });

  it('runs at most --concurrency scenarios at once, and waits for the scenario that sets a capture', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    server.route('GET', 'Slow', ({ request }) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => (inFlight -= 1), 150);
      order.push(request.query.get('n') ?? '');
      return {
        status: 200,
        delayMs: 150,
        body: { resourceType: 'Patient', id: `p${request.query.get('n')}` },
      };
    });
    const scenarios = Array.from(
      { length: 8 },
      (_, i) =>
        `  - id: s${i}\n    title: s${i}\n    steps:\n      - request: { path: Slow, query: { n: "${i}" } }\n`,
    ).join('');
    const dependent = `  - id: uses-capture\n    title: uses capture\n    steps:\n      - request: { path: Slow, query: { n: "\${firstId}" } }\n  - id: sets-capture\n    title: sets capture\n    steps:\n      - request: { path: Slow, query: { n: "setter" } }\n        capture: { firstId: id }\n`;
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/slow.yaml': `suite: slow\ntitle: Slow\nscenarios:\n${dependent}${scenarios}`,
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--concurrency', '3', '--no-report'], {
      cwd: p.dir,
    });
    expect(out.code, out.stdout + out.stderr).to.equal(0);
    expect(maxInFlight).to.equal(3);
    expect(order.indexOf('psetter')).to.be.greaterThan(order.indexOf('setter'));
    // mocha reports in file order even though the work overlapped
    const ids = (readJson(p, 'reports/summary.json').scenarios as { id: string }[]).map((s) => s.id);
    expect(ids.slice(0, 3)).to.deep.equal(['slow/uses-capture', 'slow/sets-capture', 'slow/s0']);
  });

  it('fails a request that outlives --timeout, naming the request and the limit', async () => {
    server.route('GET', 'Slow', answers.delay(3_000, answers.json({ resourceType: 'Patient', id: 'p1' })));
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/slow.yaml': suiteYaml('slow', [getScenario('s', 'Slow')]),
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--timeout', '300', '--no-report'], {
      cwd: p.dir,
    });
    expect(out.code).to.equal(1);
    const [scenario] = readJson(p, 'reports/summary.json').scenarios as { status: string; reason: string }[];
    expect(scenario!.status).to.equal('failed');
    expect(scenario!.reason).to.match(/GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Slow/);
    expect(scenario!.reason).to.match(/no answer within 300 ms/);
  });

  it('reports a scenario that passes on a retry as flaky', async () => {
    let calls = 0;
    server.route('GET', 'Flaky', () =>
      ++calls === 1 ? answers.status(503) : answers.json({ resourceType: 'Patient', id: 'p1' }),
    );
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/flaky.yaml': suiteYaml('flaky', [getScenario('f', 'Flaky')]),
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(['run', '--target', 'site', '--retries', '2', '--no-report'], {
      cwd: p.dir,
    });
    expect(out.code).to.equal(0);
    const [scenario] = readJson(p, 'reports/summary.json').scenarios as {
      status: string;
      flaky?: boolean;
      attempts?: number;
    }[];
    expect(scenario).to.include({ status: 'passed', flaky: true, attempts: 2 });
  });

  it('stops after the first failure with --bail', async () => {
    // The status is the requirement here, so the 404 is a failure (a plain 2xx prerequisite would skip).
    const tested = '        expect: { status: { is: 200, requirement: REQ-A } }\n';
    const many = Array.from({ length: 6 }, (_, i) => getScenario(`s${i}`, 'Missing', tested)).join('');
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/bail.yaml': `suite: bail\ntitle: Bail\nscenarios:\n${many}`,
    });
    writeTarget(p, server.baseUrl);
    const out = await runFgcProcess(
      ['run', '--target', 'site', '--bail', '--concurrency', '1', '--no-report'],
      { cwd: p.dir },
    );
    expect(out.code).to.equal(1);
    expect((readJson(p, 'reports/summary.json').scenarios as unknown[]).length).to.equal(1);
    expect(server.requests.filter((r) => r.path === 'Missing').length).to.be.lessThan(6);
  });

  it('keeps secrets from the config out of every report file', async () => {
    const token = 'sekret-token-0123456789';
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    server.route('GET', 'Observation', ({ request }) => ({
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: { ...variant('v1'), note: [{ text: `echo ${request.headers.authorization}` }] } },
        ],
      },
    }));
    writeTarget(
      p,
      server.baseUrl,
      'auth: { type: bearer, token: "${env.SITE_TOKEN}" }\ninputs:\n  patientId: p1\n',
    );
    const out = await runFgcProcess(['run', '--target', 'site', '--no-report'], {
      cwd: p.dir,
      env: { SITE_TOKEN: token },
    });
    expect(out.code).to.equal(1);
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${token}`)).to.equal(true);
    const files = readdirSync(p.path('reports'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(files.length).to.be.greaterThan(3);
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).to.not.include(token);
    }
    expect(out.stdout + out.stderr).to.not.include(token);
  });

  it('splits suites across --shard i/n without overlap, and --merge puts the shards back together', async () => {
    const files: Record<string, string> = { 'suites/requirements.yaml': catalog };
    for (let i = 0; i < 8; i++) {
      const path = i === 3 ? 'Missing' : 'Observation';
      const tested = '        expect: { status: { is: 200, requirement: REQ-A } }\n';
      files[`suites/s${i}.yaml`] = suiteYaml(`s${i}`, [getScenario('a', path, tested)]);
    }
    p = tempProject(files);
    writeTarget(p, server.baseUrl);
    const ids: string[][] = [];
    const codes: (number | null)[] = [];
    for (const shard of ['1/2', '2/2']) {
      const reports = `shard-${shard[0]}`;
      const out = await runFgcProcess(
        ['run', '--target', 'site', '--shard', shard, '--reports', reports, '--no-report'],
        {
          cwd: p.dir,
        },
      );
      codes.push(out.code);
      ids.push((readJson(p, `${reports}/summary.json`).scenarios as { id: string }[]).map((s) => s.id));
    }
    const all = Array.from({ length: 8 }, (_, i) => `s${i}/a`);
    expect([...ids[0]!, ...ids[1]!].sort()).to.deep.equal(all);
    expect(ids[0]!.filter((id) => ids[1]!.includes(id))).to.deep.equal([]);
    expect(ids[0]!.length).to.be.greaterThan(0);
    expect(ids[1]!.length).to.be.greaterThan(0);

    const merged = await runFgcProcess(
      ['report', '--merge', 'shard-1', 'shard-2', '--out', 'merged', '--no-allure'],
      {
        cwd: p.dir,
      },
    );
    expect(merged.code, merged.stderr).to.equal(1); // s3 fails in one of the shards
    expect(codes).to.include(1);
    const summary = readJson(p, 'merged/summary.json') as {
      totals: Record<string, number>;
      scenarios: unknown[];
    };
    expect(summary.scenarios).to.have.length(8);
    expect(summary.totals).to.include({ passed: 7, failed: 1 });
    expect(readFileSync(p.path('merged/junit.xml'), 'utf8')).to.match(
      /<testsuites [^>]*tests="8" failures="1"/,
    );
    expect(existsSync(p.path('merged/conformance-report.html'))).to.equal(true);
    // Allure results are replayed from the merged results.json, not copied from the shards.
    const resultFiles = (dir: string) => readdirSync(p.path(dir)).filter((f) => f.endsWith('-result.json'));
    const mergedAllure = resultFiles('merged/allure-results');
    expect(mergedAllure).to.have.length(8);
    const fromShards = new Set([
      ...resultFiles('shard-1/allure-results'),
      ...resultFiles('shard-2/allure-results'),
    ]);
    expect(mergedAllure.filter((f) => fromShards.has(f))).to.deep.equal([]);
  });
});
