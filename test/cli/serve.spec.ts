// `fgc serve`: --list-faults, bad options, and a real run that prints the base URL and stops on SIGINT.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';
import { runCli } from '../../src/cli/main.js';
import { listFaults } from '../../src/server/faults.js';
import { captureOutput } from '../helpers/capture-output.js';

describe('fgc serve', () => {
  it('--list-faults lists every fault with what it breaks, and exits 0', async () => {
    const out = await captureOutput(() => runCli(['node', 'fgc', 'serve', '--list-faults']));
    expect(out.result).to.equal(0);
    for (const f of listFaults()) {
      expect(out.stdout).to.include(f.id);
      expect(out.stdout).to.include(`breaks: ${f.breaks.join(', ')}`);
    }
  });

  it('exits 2 on a bad port or an unknown fault, naming the valid ids', async () => {
    const port = await captureOutput(() => runCli(['node', 'fgc', 'serve', '--port', 'abc']));
    expect(port.result).to.equal(2);
    expect(port.stderr).to.match(/--port must be a number/);
    const fault = await captureOutput(() => runCli(['node', 'fgc', 'serve', '--fault', 'bogus']));
    expect(fault.result).to.equal(2);
    expect(fault.stderr).to.match(/Unknown fault id bogus; valid ids: .*json-content-type/);
  });

  it('prints http://127.0.0.1:<port>/fhir, serves it, and stops on SIGINT', async function () {
    this.timeout(30_000);
    await withServe(['--fault', 'json-content-type'], async (baseUrl) => {
      expect(baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      const res = await fetch(`${baseUrl}/metadata`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^application\/json/);
    });
  });

  it('--server-ids serves the data under server-assigned UUIDs', async function () {
    this.timeout(30_000);
    await withServe(['--server-ids'], async (baseUrl) => {
      expect((await fetch(`${baseUrl}/Patient/fgc-pt-01`)).status).to.equal(404);
      const found = (await (await fetch(`${baseUrl}/Patient?identifier=FGC-PT-01`)).json()) as {
        entry: { resource: { id: string } }[];
      };
      expect(found.entry[0]!.resource.id).to.match(/^[0-9a-f-]{36}$/);
    });
  });
});

/** Runs `fgc serve <args>` in a child process, calls `use` with the printed base URL, then stops it with SIGINT. */
async function withServe(args: string[], use: (baseUrl: string) => Promise<void>): Promise<void> {
  const script =
    "const { runCli } = await import('./src/cli/main.ts');" +
    `process.exitCode = await runCli(['node', 'fgc', 'serve', ...${JSON.stringify(args)}]);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    child.stdout.setEncoding('utf8');
    while (!stdout.includes('\n')) stdout += String((await once(child.stdout, 'data'))[0]);
    await use(stdout.trim().split('\n')[0]!);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).to.equal(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
