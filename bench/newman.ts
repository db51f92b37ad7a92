// Figure 3: the same 2,000-request workload (20 ms server delay) through `fgc run --concurrency 16` and
// through Newman running the equivalent collection; wall times and the ratio (target: fgc ≥ 8× faster).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBenchServer } from './newman-server.js';
import { fgcRunAvailable, runFgcCli, runNewman, writeFgcWorkload } from './newman-run.js';

const REQUESTS = 2000;
const DELAY_MS = 20;
const CONCURRENCY = 16;

export async function run(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'fgc-bench-newman-'));
  const server = await startBenchServer({ delayMs: DELAY_MS });
  try {
    console.log(
      `Figure 3: ${REQUESTS} Patient reads, ${DELAY_MS} ms server delay, loopback, 4 checks per response`,
    );
    const newman = await runNewman(server.baseUrl, REQUESTS, workDir);
    if (newman.exitCode !== 0 || newman.failures !== 0) {
      throw new Error(
        `Newman did not run cleanly (exit ${newman.exitCode}, ${newman.failures} failures):\n${newman.output.slice(-2000)}`,
      );
    }
    console.log(`  Newman 6 (serial)              ${seconds(newman.wallMs)}`);
    if (!fgcRunAvailable()) {
      console.log('  fgc run: not measured yet (the runner has not landed on this branch)');
      return;
    }
    const { suite, target } = writeFgcWorkload(server.baseUrl, REQUESTS, workDir);
    const reports = path.join(workDir, 'fgc-reports');
    const fgc = await runFgcCli([
      'run',
      suite,
      '--target',
      target,
      '--concurrency',
      String(CONCURRENCY),
      '--reports',
      reports,
    ]);
    console.log(`  fgc run --concurrency ${CONCURRENCY}       ${seconds(fgc.wallMs)}`);
    const ratio = newman.wallMs / fgc.wallMs;
    console.log(
      `  ratio: fgc is ${ratio.toFixed(1)}× faster than Newman (target ≥ 8×: ${ratio >= 8 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`.padStart(9);
}
