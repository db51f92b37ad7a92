// fgc vs Newman: the same 2,000-request workload (20 ms server delay) through `fgc run --concurrency 16` and
// through Newman running the equivalent collection; wall times and the ratio (target: fgc ≥ 15× faster).
// Newman runs once (its 65 s are mostly the 2,000 delays, one after another); fgc three times, the median.
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { startBenchServer } from './newman-server.js';
import { benchWorkDir, runFgcCli, runNewman, writeFgcWorkload, type Timed } from './newman-run.js';

const REQUESTS = 2000;
const DELAY_MS = 20;
const CONCURRENCY = 16;
const TARGET_RATIO = 15;
const FGC_ROUNDS = 3;

export async function run(): Promise<void> {
  const workDir = benchWorkDir('fgc-bench-newman-');
  const server = await startBenchServer({ delayMs: DELAY_MS });
  try {
    console.log(
      `${REQUESTS} Patient reads, ${DELAY_MS} ms server delay, loopback, 4 checks per response; ` +
        `machine load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    // fgc first: its few seconds are the figure a busy spell of the machine would spoil most.
    const { suite, target } = writeFgcWorkload(server.baseUrl, REQUESTS, workDir);
    const reports = path.join(workDir, 'fgc-reports');
    const runs: Timed[] = [];
    for (let round = 0; round < FGC_ROUNDS; round++) {
      runs.push(
        await runFgcCli([
          'run',
          suite,
          '--target',
          target,
          '--concurrency',
          String(CONCURRENCY),
          '--no-report',
          '--reports',
          reports,
        ]),
      );
    }
    const fgc = runs.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(FGC_ROUNDS / 2)]!;
    const walls = runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ');
    const newman = await runNewman(server.baseUrl, REQUESTS, workDir);
    if (newman.exitCode !== 0 || newman.failures !== 0) {
      throw new Error(
        `Newman did not run cleanly (exit ${newman.exitCode}, ${newman.failures} failures):\n${newman.output.slice(-2000)}`,
      );
    }
    console.log(line('Newman 6.2 (serial, JUnit report)', newman));
    console.log(
      line(`fgc run --concurrency ${CONCURRENCY} (JUnit, JSON, Allure results)`, fgc) +
        ` (median of ${walls} s)`,
    );
    const ratio = newman.wallMs / fgc.wallMs;
    console.log(
      `  ratio: fgc is ${ratio.toFixed(1)}× faster than Newman in wall time ` +
        `(target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
  } finally {
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function line(label: string, timed: Timed): string {
  const cpu = timed.cpuSeconds !== undefined ? `, CPU ${timed.cpuSeconds.toFixed(1)} s` : '';
  return `  ${label.padEnd(58)} wall ${(timed.wallMs / 1000).toFixed(2).padStart(7)} s${cpu}`;
}
