// Figures for the core harness: CPU overhead per request step against a plain axios + fhirpath loop,
// and wall time of 500 scenarios x 4 steps at concurrency 1, 4 and 16 against a 20 ms loopback server.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { BENCH_CHECKS, startLoopbackFhir } from './loopback-fhir.js';
import { benchWorkDir, ensureBuilt, timedRun, type Timed } from './newman-run.js';

const root = resolve(import.meta.dirname, '..');
const fgc = join(root, 'bin', 'fgc.js');

/** Writes a project folder with one suite of `scenarios` x `steps` search steps, 3 checks each. */
function writeBenchProject(scenarios: number, steps: number): string {
  const dir = benchWorkDir('fgc-bench-core-');
  mkdirSync(join(dir, 'suites'));
  writeFileSync(join(dir, 'suites', 'requirements.yaml'), 'requirements: []\n');
  const suite = {
    suite: 'bench',
    title: 'Benchmark suite',
    scenarios: Array.from({ length: scenarios }, (_, i) => ({
      id: `s${i}`,
      title: `Scenario ${i}`,
      steps: Array.from({ length: steps }, () => ({
        request: { method: 'GET', path: 'Observation', query: { subject: 'Patient/p1' } },
        expect: { status: 200, fhirpath: BENCH_CHECKS },
      })),
    })),
  };
  writeFileSync(join(dir, 'suites', 'bench.yaml'), stringify(suite, { aliasDuplicateObjects: false }));
  return dir;
}

/** Runs the compiled CLI in the bench project folder; CPU comes from GNU time (the whole process tree). */
async function fgcRun(dir: string, baseUrl: string, concurrency: number): Promise<Timed> {
  await ensureBuilt();
  const args = ['run', '--target', baseUrl, '--concurrency', String(concurrency), '--no-report'];
  const result = await timedRun(
    process.execPath,
    [...nodeFlags(), fgc, ...args, '--reports', join(dir, 'reports')],
    dir,
  );
  if (result.exitCode !== 0)
    throw new Error(`fgc run failed (exit ${result.exitCode}):\n${result.output.slice(-2000)}`);
  return result;
}

/** bin/fgc.js would otherwise start a second process on Node 20 to add this flag. */
function nodeFlags(): string[] {
  return typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [];
}

async function overhead(): Promise<void> {
  const steps = 2000;
  const server = await startLoopbackFhir(0);
  const dir = writeBenchProject(100, 20);
  try {
    const harness = await fgcRun(dir, server.baseUrl, 1);
    const plain = await timedRun(process.execPath, [
      join(root, 'bench', 'plain-loop.mjs'),
      server.baseUrl,
      String(steps),
      JSON.stringify(BENCH_CHECKS.map((c) => c.that)),
    ]);
    console.log(`Overhead: ${steps} request steps, 3 FHIRPath checks each, loopback server, no delay`);
    if (harness.cpuSeconds === undefined || plain.cpuSeconds === undefined) {
      console.log('  CPU time needs GNU time (/usr/bin/time; Debian package `time`)');
      return;
    }
    const line = (name: string, cpu: number) =>
      console.log(
        `  ${name.padEnd(12)} ${((cpu * 1000) / steps).toFixed(3)} ms CPU per step (${cpu.toFixed(2)} s)`,
      );
    line('fgc run', harness.cpuSeconds);
    line('axios loop', plain.cpuSeconds);
    console.log(`  ratio        ${(harness.cpuSeconds / plain.cpuSeconds).toFixed(2)} (target <= 2.0)`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function concurrency(): Promise<void> {
  const delayMs = 20;
  const server = await startLoopbackFhir(delayMs);
  const dir = writeBenchProject(500, 4);
  try {
    console.log(`Concurrency: 500 scenarios x 4 steps, server delay ${delayMs} ms`);
    for (const n of [1, 4, 16]) {
      const wallSeconds = (await fgcRun(dir, server.baseUrl, n)).wallMs / 1000;
      const ideal = (2000 * delayMs) / 1000 / n;
      console.log(
        `  concurrency ${String(n).padStart(2)}  ${wallSeconds.toFixed(2)} s wall, ideal ${ideal.toFixed(2)} s, ` +
          `${(wallSeconds / ideal).toFixed(2)} x ideal${n === 16 ? ' (target <= 1.5)' : ''}`,
      );
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await overhead();
  await concurrency();
}
