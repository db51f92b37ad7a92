// Seeing the reports: a loopback server for a reports folder (`fgc show-report`, `fgc report --open`):
// the conformance report at its root, the multi-file Allure report, nothing outside the folder.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveReports, type ReportServer } from '../../src/cli/report-server.js';
import { runFgcProcess } from '../helpers/fgc-process.js';
import { makeProject } from '../reporters/fixtures/project.js';

/** A raw GET (fetch would normalise `..` away before sending it). */
function get(
  url: string,
  path: string,
): Promise<{ status: number; type?: string; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          body,
          ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}),
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the reports folder', () => {
  let dir: string;
  let server: ReportServer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fgc-serve-'));
    await mkdir(join(dir, 'reports', 'allure-report'), { recursive: true });
    await writeFile(join(dir, 'reports', 'conformance-report.html'), '<h1>report</h1>');
    await writeFile(join(dir, 'reports', 'allure-report', 'index.html'), '<h1>allure</h1>');
    await writeFile(join(dir, 'reports', 'summary.json'), '{}');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    server = await serveReports(join(dir, 'reports'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback only and sends the root to the conformance report', async () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const root = await get(server.url, '/');
    expect([root.status, root.location]).to.deep.equal([302, '/conformance-report.html']);
    const page = await get(server.url, '/conformance-report.html');
    expect([page.status, page.type, page.body]).to.deep.equal([
      200,
      'text/html; charset=utf-8',
      '<h1>report</h1>',
    ]);
  });

  it('serves the multi-file Allure report from its folder, and JSON as JSON', async () => {
    expect((await get(server.url, '/allure-report')).location).to.equal('/allure-report/');
    expect((await get(server.url, '/allure-report/')).body).to.equal('<h1>allure</h1>');
    expect((await get(server.url, '/summary.json')).type).to.equal('application/json; charset=utf-8');
  });

  it('serves nothing outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/allure-report/../../secret.txt'])
      expect((await get(server.url, path)).status, path).to.equal(404);
    expect((await get(server.url, '/missing.html')).status).to.equal(404);
  });
});

describe('fgc show-report and fgc report --open', function () {
  this.timeout(60_000);

  /** Runs the CLI until it prints a URL, fetches a page from it, then stops it with Ctrl-C. */
  async function serveAndStop(args: string[], cwd: string, path: string) {
    let child: ChildProcess | undefined;
    let page: { status: number; body: string } | undefined;
    const done = runFgcProcess(args, {
      cwd,
      onSpawn: (c) => {
        child = c;
        let seen = '';
        c.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          const url = /Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen)?.[1];
          if (url && !page && seen.includes('Press Ctrl-C')) {
            page = { status: 0, body: '' };
            void get(url, path).then((r) => {
              page = r;
              child!.kill('SIGINT');
            });
          }
        });
      },
    });
    const out = await done;
    return { out, page: page! };
  }

  it('fgc show-report serves a folder, prints where each report is, and stops on Ctrl-C with 0', async () => {
    const p = await makeProject();
    try {
      await writeFile(join(p.reports, 'conformance-report.html'), '<h1>served</h1>');
      const { out, page } = await serveAndStop(['show-report', 'reports'], p.cwd, '/conformance-report.html');
      expect(out.code, out.stderr).to.equal(0);
      expect(out.stdout).to.match(/conformance report: http:\/\/127\.0\.0\.1:\d+\/conformance-report\.html/);
      expect(page).to.include({ status: 200, body: '<h1>served</h1>' });
    } finally {
      await rm(p.cwd, { recursive: true, force: true });
    }
  });

  it('fgc report --open builds the reports, then serves them, and keeps the exit code of the build', async () => {
    const p = await makeProject();
    try {
      const { out, page } = await serveAndStop(['report', '--no-allure', '--open'], p.cwd, '/');
      expect(out.code, out.stderr).to.equal(0);
      expect(out.stdout)
        .to.include('wrote reports/conformance-report.html')
        .and.include('Serving reports at');
      expect(page.status).to.equal(302);
    } finally {
      await rm(p.cwd, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is not there', async () => {
    const out = await runFgcProcess(['show-report', 'nowhere'], { cwd: tmpdir() });
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include('nowhere is not a folder of reports');
  });
});
