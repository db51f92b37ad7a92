// Figures for the core harness: CPU overhead per request step against a plain axios + fhirpath loop,
// and wall time of 500 scenarios x 4 steps at concurrency 1, 4 and 16 against a 20 ms loopback server.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { BENCH_CHECKS, startLoopbackFhir } from './loopback-fhir.js';

const root = resolve(import.meta.dirname, '..');
const fgc = join(root, 'bin', 'fgc.js');

/** Writes a project folder with one suite of `scenarios` x `steps` search steps, 3 checks each. */
function writeBenchProject(scenarios: number, steps: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'fgc-bench-'));
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
  writeFileSync(join(dir, 'suites', 'bench.yaml'), stringify(suite));
  return dir;
}

/** Runs a shell command and returns the children's user+sys CPU seconds (bash `times`) and wall time. */
function measure(command: string, cwd: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const out = execFileSync('bash', ['-c', `${command} >/dev/null 2>&1; times`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const children = out.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { cpuSeconds: (seconds[0] ?? 0) + (seconds[1] ?? 0), wallSeconds };
}

function fgcRun(dir: string, baseUrl: string, concurrency: number) {
  const reports = join(dir, 'reports');
  return measure(
    `node ${fgc} run --target ${baseUrl} --concurrency ${concurrency} --no-report --reports ${reports}`,
    dir,
  );
}

async function overhead(): Promise<void> {
  const steps = 2000;
  const server = await startLoopbackFhir(0);
  const dir = writeBenchProject(100, 20);
  try {
    const harness = fgcRun(dir, server.baseUrl, 1);
    const expressions = JSON.stringify(BENCH_CHECKS.map((c) => c.that));
    const plain = measure(
      `node ${join(root, 'bench', 'plain-loop.mjs')} ${server.baseUrl} ${steps} '${expressions}'`,
      root,
    );
    const perStep = (s: number) => (s * 1000) / steps;
    console.log(`Overhead: ${steps} request steps, 3 FHIRPath checks each, loopback server, no delay`);
    console.log(
      `  fgc run      ${perStep(harness.cpuSeconds).toFixed(3)} ms CPU per step (${harness.cpuSeconds.toFixed(2)} s)`,
    );
    console.log(
      `  axios loop   ${perStep(plain.cpuSeconds).toFixed(3)} ms CPU per step (${plain.cpuSeconds.toFixed(2)} s)`,
    );
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
      const { wallSeconds } = fgcRun(dir, server.baseUrl, n);
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
