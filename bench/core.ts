// Figures for the core harness: CPU overhead per request step against a plain axios + fhirpath loop,
// and wall time of 500 scenarios x 4 steps at concurrency 1, 4 and 16 against a 20 ms loopback server.
// Timings on a shared machine wander by 10-20% from run to run, so the figures that have a target are
// the median of several runs, with the range beside them.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BENCH_CHECKS, startLoopbackFhir } from './loopback-fhir.js';
import { benchWorkDir, projectRoot, runFgcCli, timedRun, type Timed } from './newman-run.js';

const ROUNDS = 3;

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

/** `fgc run` as users run it, in the bench project folder; CPU comes from GNU time. */
function fgcRun(dir: string, baseUrl: string, concurrency: number): Promise<Timed> {
  const reports = join(dir, 'reports');
  const args = ['run', '--target', baseUrl, '--concurrency', String(concurrency), '--no-report'];
  return runFgcCli([...args, '--reports', reports], dir);
}

function plainLoop(baseUrl: string, steps: number, concurrency = 1): Promise<Timed> {
  return timedRun(process.execPath, [
    join(projectRoot, 'bench', 'plain-loop.mjs'),
    baseUrl,
    String(steps),
    JSON.stringify(BENCH_CHECKS.map((c) => c.that)),
    String(concurrency),
  ]);
}

/**
 * How long the scenarios themselves took: from the first scenario's start to the last one's end, as
 * results.json records them. Start-up and reading the suites come before this and do not depend on the
 * concurrency, so the concurrency figure is judged on this span.
 */
function scenarioSpanSeconds(dir: string): number {
  const run = JSON.parse(readFileSync(join(dir, 'reports', 'results.json'), 'utf8')) as {
    suites: { scenarios: { startedAt: string; durationMs: number }[] }[];
  };
  const scenarios = run.suites.flatMap((s) => s.scenarios);
  const starts = scenarios.map((s) => Date.parse(s.startedAt));
  const ends = scenarios.map((s) => Date.parse(s.startedAt) + s.durationMs);
  return (Math.max(...ends) - Math.min(...starts)) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function range(values: readonly number[], digits = 2): string {
  return `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
}

async function overhead(): Promise<void> {
  const steps = 2000;
  const server = await startLoopbackFhir(0);
  const dir = writeBenchProject(100, 20);
  try {
    // Four series: fgc and the loop whole, and each one's start-up. `fgc lint` starts and reads the suite
    // exactly as `fgc run` does, then stops; the loop with 0 steps loads axios and fhirpath, then stops.
    const series = {
      fgc: [] as number[],
      plain: [] as number[],
      fgcStart: [] as number[],
      plainStart: [] as number[],
    };
    // The first load of a new or edited suite reads its YAML and caches the model; later runs use the cache.
    const firstLoad = (await runFgcCli(['lint'], dir)).cpuSeconds;
    // Alternate the runs so that a slow spell of the machine weighs on all alike.
    for (let round = 0; round < ROUNDS; round++) {
      const cpu = [
        (await fgcRun(dir, server.baseUrl, 1)).cpuSeconds,
        (await plainLoop(server.baseUrl, steps)).cpuSeconds,
        (await runFgcCli(['lint'], dir)).cpuSeconds,
        (await plainLoop(server.baseUrl, 0)).cpuSeconds,
      ];
      if (cpu.includes(undefined)) {
        console.log('Overhead: CPU time needs GNU time (/usr/bin/time; Debian package `time`)');
        return;
      }
      [series.fgc, series.plain, series.fgcStart, series.plainStart].forEach((s, i) => s.push(cpu[i]!));
    }
    console.log(
      `Overhead: ${steps} request steps, 3 FHIRPath checks each, loopback server, no delay; ` +
        `CPU of the whole process, median of ${ROUNDS} runs`,
    );
    const line = (name: string, cpu: readonly number[]) =>
      console.log(
        `  ${name.padEnd(12)} ${((median(cpu) * 1000) / steps).toFixed(3)} ms CPU per step ` +
          `(${median(cpu).toFixed(2)} s; runs ${range(cpu)} s)`,
      );
    line('fgc run', series.fgc);
    line('axios loop', series.plain);
    console.log(`  ratio        ${(median(series.fgc) / median(series.plain)).toFixed(2)} (target <= 2.0)`);
    const fgcAfter = median(series.fgc) - median(series.fgcStart);
    const plainAfter = median(series.plain) - median(series.plainStart);
    console.log(
      `  after start-up: fgc ${fgcAfter.toFixed(2)} s, axios loop ${plainAfter.toFixed(2)} s, ` +
        `ratio ${(fgcAfter / plainAfter).toFixed(2)}`,
    );
    console.log(
      `  start-up:     fgc ${median(series.fgcStart).toFixed(2)} s including loading the ${suiteSizeKb(dir)} kB ` +
        `suite (its model from the cache; ${firstLoad!.toFixed(2)} s the first time, from the YAML), ` +
        `axios loop ${median(series.plainStart).toFixed(2)} s`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function concurrency(): Promise<void> {
  const delayMs = 20;
  const steps = 2000;
  const server = await startLoopbackFhir(delayMs);
  const dir = writeBenchProject(500, 4);
  try {
    console.log(
      `Concurrency: 500 scenarios x 4 steps, server delay ${delayMs} ms; ideal = total delay / concurrency. ` +
        `"ran in" is the first scenario's start to the last one's end; "process" is the whole \`fgc run\`, ` +
        `with start-up and loading the suite (${suiteSizeKb(dir)} kB of YAML, its model from the cache).`,
    );
    await runFgcCli(['lint'], dir); // caches the suite's model, as any earlier run would have
    for (const n of [1, 4, 16]) {
      const rounds = n === 16 ? ROUNDS : 1;
      const spans: number[] = [];
      const walls: number[] = [];
      for (let round = 0; round < rounds; round++) {
        walls.push((await fgcRun(dir, server.baseUrl, n)).wallMs / 1000);
        spans.push(scenarioSpanSeconds(dir));
      }
      const ideal = (steps * delayMs) / 1000 / n;
      const span = median(spans);
      const wall = median(walls);
      const of = rounds > 1 ? `, median of ${rounds}` : '';
      console.log(
        `  concurrency ${String(n).padStart(2)}  ran in ${span.toFixed(2)} s = ${(span / ideal).toFixed(2)} x ideal ` +
          `${ideal.toFixed(2)} s; process ${wall.toFixed(2)} s = ${(wall / ideal).toFixed(2)} x ideal` +
          `${n === 16 ? ' (target <= 1.5)' : ''}${of}`,
      );
    }
    const floor = (await plainLoop(server.baseUrl, steps, 16)).wallMs / 1000;
    console.log(
      `  for scale: the axios loop with 16 workers takes ${floor.toFixed(2)} s ` +
        `(${(floor / ((steps * delayMs) / 1000 / 16)).toFixed(2)} x ideal) against the same server`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function suiteSizeKb(dir: string): number {
  return Math.round(readFileSync(join(dir, 'suites', 'bench.yaml')).length / 1024);
}

export async function run(): Promise<void> {
  await overhead();
  await concurrency();
}
