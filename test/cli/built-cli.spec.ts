// The built CLI (`npm run build` → dist/, run by bin/fgc.js) as users run it. Every other test runs the
// TypeScript sources; the bundle differs in ways only it can show (the order in which modules load, the
// chunks each command loads, files found relative to the code), so it gets its own end-to-end runs.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from '../../src/results/model.js';
import { PROJECT_ROOT } from '../helpers/reference-run.js';
import { igPackageDir } from '../validation/ig-examples.js';

const run = promisify(execFile);
/** fgc's cache folder for these runs (suite models, the bundle's code cache). */
const cacheDir = mkdtempSync(join(tmpdir(), 'fgc-built-cache-'));

/** `node bin/fgc.js <args>` from the project root; never throws, so failures show their output. */
async function fgc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'fgc.js'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1', FGC_CACHE_DIR: cacheDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the built CLI (bin/fgc.js)', function () {
  this.timeout(120_000);
  let reports: string;
  before(async () => {
    await run(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT });
    reports = mkdtempSync(join(tmpdir(), 'fgc-built-'));
  });
  after(() => {
    rmSync(reports, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("prints the version from package.json, and leaves the bundle's code cache for the next command", async () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (let i = 0; i < 2; i++) {
      const out = await fgc('--version');
      expect([out.code, out.stdout.trim()]).to.deep.equal([0, pkg.version]);
      expect(readdirSync(join(cacheDir, 'code'))).to.have.length(1);
    }
  });

  it('runs with --debug, which loads the bundle without the code cache (for source-mapped stack traces)', async () => {
    const out = await fgc('lint', '--debug');
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^OK: \d+ suite\(s\)/);
  });

  it('runs the bundled suites against the embedded reference server with no failure', async () => {
    const out = await fgc('run', '--target', 'reference', '--no-report', '--reports', reports);
    expect(out.code, out.stderr + out.stdout.slice(-2000)).to.equal(0);
    const result = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as RunResult;
    expect(result.totals.passed).to.be.greaterThan(100);
    expect([result.totals.failed, result.totals.error]).to.deep.equal([0, 0]);
  });

  it('lints the bundled suites and configs', async () => {
    const out = await fgc('lint');
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/^OK: \d+ suite\(s\)/);
  });

  it('loads the validator to validate an IG example', async () => {
    const example = join(await igPackageDir(), 'example', 'Bundle-bundle-CYP2C19.json');
    const out = await fgc('validate', example);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.match(/: valid \(0 error\(s\)/);
  });

  it('loads the reference server for `fgc serve`', async () => {
    const out = await fgc('serve', '--list-faults');
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.include('category-merged');
  });
});
