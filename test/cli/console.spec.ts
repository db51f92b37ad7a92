// What `fgc run` prints, through the real CLI against a loopback test server: progress [n/N], ⚠ for
// warnings, skips grouped (each only with --verbose), one final summary whose counts are summary.json's,
// a line while the reports are built, resolved URLs, and the --reporter choices.
import { expect } from 'chai';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { TestServer } from '../helpers/test-server.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { runFgcProcess, spawnFgc, type FgcProcessResult } from '../helpers/fgc-process.js';
import { catalog, mixedSuite, startVariantServer, writeTarget } from '../helpers/mixed-suite.js';

interface Summary {
  verdict: string;
  totals: Record<string, number>;
  coverage: { text: string };
  exitCode: number;
}

describe('the console of fgc run', function () {
  this.timeout(90_000);
  let server: TestServer;
  let p: TempProject;

  before(async () => {
    server = await startVariantServer();
    p = tempProject({ 'suites/requirements.yaml': catalog, 'suites/mixed.yaml': mixedSuite });
    writeTarget(p, server.baseUrl, 'inputs:\n  patientId: p1\n');
  });
  after(async () => {
    await server.close();
    p?.remove();
  });

  const run = (...args: string[]): Promise<FgcProcessResult> =>
    runFgcProcess(['run', '--target', 'site', ...args], {
      cwd: p.dir,
      // No Java: the reports are built without the seconds Allure HTML takes.
      env: { JAVA_HOME: p.path('no-java') },
    });
  const summary = () => JSON.parse(readFileSync(p.path('reports/summary.json'), 'utf8')) as Summary;

  it('shows progress, ⚠ for a warning, the resolved URL, skips grouped, and one summary equal to summary.json', async () => {
    const out = await run();
    expect(out.code, out.stderr).to.equal(1);
    const lines = out.stdout.split('\n');
    expect(lines).to.include('    ✔ [1/4] Variants are found');
    const failed = lines.find((l) => l.startsWith('    ✖ [2/4] Wrong code expected (failed: '))!;
    expect(failed, out.stdout).to.include(`GET ${server.baseUrl}/Observation?subject=Patient/p1`);
    expect(out.stdout).not.to.include('${inputs.');
    expect(out.stdout).to.match(/ {4}⚠ \[3\/4\] A self link is sent \(warned: /);
    // The skipped scenario is not listed one by one: its cause is, once.
    expect(out.stdout).not.to.include('Needs an input the site does not supply');
    expect(out.stdout).to.include('input not supplied: 1 scenario(s): missingInput (1)');
    expect(out.stdout).to.match(
      /\nBuilding reports in reports: conformance report, TestReports, Allure HTML/,
    );
    expect(out.stdout.indexOf('Building reports')).to.be.below(
      out.stdout.indexOf('Scenarios that did not pass'),
    );

    // One summary (no mocha "N passing" beside it), and its counts are summary.json's.
    expect(out.stdout).not.to.match(/\d+ passing/);
    const s = summary();
    const verdictLines = out.stdout.split('\n').filter((l) => / requirements exercised; scenarios: /.test(l));
    expect(verdictLines).to.have.length(1);
    const counts = Object.fromEntries(
      [...verdictLines[0]!.matchAll(/(\d+) (passed|failed|warned|skipped|waived|error)\b/g)].map((m) => [
        m[2],
        Number(m[1]),
      ]),
    );
    const nonZero = Object.fromEntries(
      Object.entries(s.totals).filter(([k, n]) => n > 0 || k === 'passed' || k === 'failed'),
    );
    expect(counts).to.deep.equal(nonZero);
    expect(verdictLines[0]).to.include(s.coverage.text);
    expect(out.stdout).to.include('✖ Not conformant: 1 scenario(s) failed a SHALL requirement');
  });

  it('a reader that closes the pipe early (fgc run | head) loses the console, not the results or the exit code', async () => {
    rmSync(p.path('reports'), { recursive: true, force: true });
    const child = spawnFgc(['run', '--target', 'site', '--no-report'], p.dir);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.to.include('EPIPE');
    expect(code).to.equal(1); // the mixed suite has a SHALL failure
    expect(summary().exitCode).to.equal(1);
    expect(existsSync(p.path('reports/junit.xml'))).to.equal(true);
  });

  it('--no-allure builds every report but the Allure HTML, and does not ask for Java', async () => {
    const out = await run('--no-allure');
    expect(out.code, out.stderr).to.equal(1);
    expect(out.stdout).to.match(
      /\nBuilding reports in reports: conformance report, TestReports, and the evidence/,
    );
    expect(out.stdout + out.stderr).not.to.match(/Java/);
    expect(existsSync(p.path('reports/conformance-report.html'))).to.equal(true);
    expect(existsSync(p.path('reports/allure-report'))).to.equal(false);
  });

  it('--verbose lists each skipped scenario and each request with its status, size and time', async () => {
    const out = await run('--no-report', '--verbose');
    expect(out.stdout).to.match(
      /- \[4\/4\] Needs an input the site does not supply \(skipped: input missingInput not supplied\)/,
    );
    expect(out.stdout).to.match(
      new RegExp(
        `\\n {8}GET ${server.baseUrl.replace(/[.]/g, '\\.')}/Observation\\?subject=Patient/p1 \\[200 OK, \\d+ B, \\d+ ms\\]`,
      ),
    );
  });

  it('--reporter dot: one character per scenario and the progress', async () => {
    const out = await run('--no-report', '--reporter', 'dot');
    expect(out.stdout.split('\n')[0]).to.equal('.✖⚠- [4/4]');
    expect(out.stdout).to.include('✖ Not conformant');
  });

  it('--reporter list: one line per scenario with its suite', async () => {
    const out = await run('--no-report', '--reporter', 'list');
    expect(out.stdout).to.include('  ✔ [1/4] mixed › Variants are found');
    expect(out.stdout).not.to.include('\n  mixed: Mixed outcomes');
  });

  it('--reporter json: summary.json and the reports on stdout, the verdict on stderr', async () => {
    const out = await run('--no-report', '--reporter', 'json');
    const printed = JSON.parse(out.stdout) as Summary & { reports: string[] };
    const { reports, ...rest } = printed;
    expect(rest).to.deep.equal(summary());
    expect(reports.some((f) => f.endsWith('junit.xml'))).to.equal(true);
    expect(out.stderr).to.include('✖ Not conformant').and.include('Exit code 1');
  });

  it('--reporter quiet: only the verdict, the counts and the exit code', async () => {
    const out = await run('--no-report', '--reporter', 'quiet');
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines).to.have.length(3);
    expect(lines[0]).to.equal('✖ Not conformant: 1 scenario(s) failed a SHALL requirement');
    expect(lines[2]).to.match(/^Exit code 1: /);
  });

  it("--reporter tap: mocha's TAP on stdout (JUnit's mapping), fgc's summary on stderr", async () => {
    const out = await run('--no-report', '--reporter', 'tap');
    const tap = out.stdout.split('\n');
    expect(tap.filter(Boolean).at(-1)).to.equal('1..4');
    expect(tap).to.include('ok 1 mixed: Mixed outcomes Variants are found');
    expect(tap.some((l) => l.startsWith('not ok 2 mixed: Mixed outcomes Wrong code expected'))).to.equal(
      true,
    );
    expect(tap).to.include('ok 4 mixed: Mixed outcomes Needs an input the site does not supply # SKIP -');
    expect(out.stderr).to.include('✖ Not conformant');
  });

  it('refuses an unknown --reporter, naming the choices', async () => {
    const out = await run('--reporter', 'nyan');
    expect(out.code).to.equal(2);
    expect(out.stderr)
      .to.include("argument 'nyan' is invalid")
      .and.include('spec, list, dot, json, quiet, tap');
  });
});
