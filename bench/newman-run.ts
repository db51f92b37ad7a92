// Runs the two sides of the Newman comparison as separate processes, the way a CI job would: Newman with a data file,
// and `fgc run` with the equivalent suite. Each returns its wall time, CPU time and peak memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterationData, patientIds, patientReadCollection } from './newman-collection.js';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Timed {
  readonly wallMs: number;
  /** User + system CPU seconds of the whole process tree (GNU time); undefined without /usr/bin/time. */
  readonly cpuSeconds?: number;
  /** Peak resident memory of the largest process in the tree, in MB (GNU time). */
  readonly peakRssMb?: number;
  readonly exitCode: number;
  readonly output: string;
}

const GNU_TIME = '/usr/bin/time';
const TIME_MARK = 'fgc-bench-time';

/**
 * A scratch folder for both tools' inputs and reports. tmpfs when there is one: the Allure writer
 * fsyncs every result file, and on a busy shared disk that, not the harness, would dominate the figure.
 */
export function benchWorkDir(prefix: string): string {
  return mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}

/**
 * fgc's cache folder for the bench's runs: its projects are temporary, so their suite models would only
 * pile up in the user's cache. The R4 core cache is not used by these runs.
 */
const benchCache = mkdtempSync(path.join(tmpdir(), 'fgc-bench-cache-'));
process.on('exit', () => rmSync(benchCache, { recursive: true, force: true }));

let build: Promise<void> | undefined;
/** Builds dist/ once per bench process, so `bin/fgc.js` runs the code of this checkout. */
export function ensureBuilt(): Promise<void> {
  return (build ??= timedRun(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs')]).then((r) => {
    if (r.exitCode !== 0) throw new Error(`npm run build failed:\n${r.output.slice(-3000)}`);
  }));
}

/**
 * Runs the compiled CLI (as users run it) and fails unless it exits 0.
 */
export async function runFgcCli(args: readonly string[], cwd = projectRoot): Promise<Timed> {
  await ensureBuilt();
  const result = await timedRun(process.execPath, [path.join(projectRoot, 'bin', 'fgc.js'), ...args], cwd, {
    FGC_CACHE_DIR: benchCache,
  });
  if (result.exitCode !== 0) {
    throw new Error(`fgc ${args[0]} did not pass (exit ${result.exitCode}):\n${result.output.slice(-3000)}`);
  }
  return result;
}

/** Runs a command to completion (under GNU time when installed); stdout and stderr are kept, not printed. */
export function timedRun(
  command: string,
  args: readonly string[],
  cwd = projectRoot,
  env: Readonly<Record<string, string>> = {},
): Promise<Timed> {
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed
    ? [GNU_TIME, ['-f', `${TIME_MARK} %U %S %M`, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const usage = new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+) (\\d+)`).exec(output);
      resolve({
        wallMs,
        exitCode: code ?? 1,
        output,
        ...(usage
          ? { cpuSeconds: Number(usage[1]) + Number(usage[2]), peakRssMb: Number(usage[3]) / 1024 }
          : {}),
      });
    });
  });
}

/** Newman 6, one request per data row, JUnit report (as a CI job would keep). */
export async function runNewman(
  baseUrl: string,
  requests: number,
  workDir: string,
): Promise<Timed & { failures: number }> {
  const collection = path.join(workDir, 'patient-reads.postman_collection.json');
  const data = path.join(workDir, 'patient-reads.data.json');
  const junit = path.join(workDir, 'newman-junit.xml');
  writeFileSync(collection, JSON.stringify(patientReadCollection(baseUrl)));
  writeFileSync(data, JSON.stringify(iterationData(requests)));
  const newman = path.join(projectRoot, 'node_modules', 'newman', 'bin', 'newman.js');
  const result = await timedRun(process.execPath, [
    newman,
    'run',
    collection,
    '-d',
    data,
    '-r',
    'junit',
    '--reporter-junit-export',
    junit,
  ]);
  const report = existsSync(junit) ? readFileSync(junit, 'utf8') : '';
  const failures = [...report.matchAll(/<testsuite [^>]*failures="(\d+)"/g)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  return { ...result, failures };
}

/** The fgc suite equivalent to the Newman collection: one scenario per Patient id, the same four checks. */
export const FGC_SUITE_YAML = `suite: bench/patient-reads
title: Bench - Patient reads
description: One read per Patient id, checked like the Newman collection of the benchmark.
inputs:
  patientIds: { description: Patient ids to read, type: list, required: true }
scenarios:
  - id: read-patient
    title: Read one Patient
    forEach: { in: patientIds, as: patientId }
    steps:
      - request: { method: GET, path: "Patient/\${patientId}" }
        expect:
          status: 200
          contentType: application/fhir+json
          fhirpath:
            - that: Patient.exists()
              is: true
            - that: Patient.id
              equals: "\${patientId}"
`;

/** Writes the suite and a target config (the ids as a site input) for `fgc run`. */
export function writeFgcWorkload(
  baseUrl: string,
  requests: number,
  workDir: string,
): { suite: string; target: string } {
  const suite = path.join(workDir, 'suites', 'bench', 'patient-reads.yaml');
  const target = path.join(workDir, 'bench-target.yaml');
  mkdirSync(path.dirname(suite), { recursive: true });
  writeFileSync(suite, FGC_SUITE_YAML);
  writeFileSync(
    target,
    [
      'name: bench',
      `baseUrl: ${baseUrl}`,
      'auth: { type: none }',
      'timeoutMs: 30000',
      `inputs: { patientIds: ${JSON.stringify(patientIds(requests))} }`,
      '',
    ].join('\n'),
  );
  return { suite, target };
}
