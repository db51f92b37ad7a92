// Engine overhead: CPU per request step of SuiteRun versus a plain axios + fhirpath loop doing the same work
// (GET a 20-entry searchset, parse it, evaluate three compiled FHIRPath checks). The server runs in a child
// process so only the client side is measured. Target: engine ≤ 2× the plain loop.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { SuiteRun } from '../src/engine/index.js';
import { answers, startTestServer } from '../test/helpers/test-server.js';
import { check, context, expectation, request, scenario, step, suite } from '../test/engine/builders.js';

const STEPS = Number(process.env.FGC_BENCH_STEPS ?? 1500);
const WARMUP = 200;
const EXPRESSIONS = [
  'Bundle.type',
  'Bundle.entry.resource.count()',
  "Bundle.entry.resource.all(code.coding.where(system = 'http://loinc.org' and code = '69548-6').exists())",
];

async function serve(): Promise<void> {
  const server = await startTestServer();
  const entries = Array.from({ length: 20 }, (_, i) => ({
    resource: {
      resourceType: 'Observation',
      id: `o${i}`,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '69548-6' }] },
      subject: { reference: 'Patient/p1' },
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9633-4' }] },
    },
  }));
  server.route(
    'GET',
    'Observation',
    answers.json({ resourceType: 'Bundle', type: 'searchset', total: 20, entry: entries }),
  );
  process.stdout.write(`${server.baseUrl}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function cpuPerStep(fn: () => Promise<void>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const start = process.cpuUsage();
  for (let i = 0; i < STEPS; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / STEPS;
}

export async function run(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const baseUrl = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d) => resolve(String(d).trim())),
    );
    const compiled = EXPRESSIONS.map((e) => fhirpath.compile(e, r4));
    const plain = async (): Promise<void> => {
      const res = await axios.get<string>(`${baseUrl}/Observation`, {
        params: { code: 'http://loinc.org|69548-6' },
        responseType: 'text',
        transformResponse: (d: string) => d,
        headers: { Accept: 'application/fhir+json' },
      });
      const body: unknown = JSON.parse(res.data);
      for (const fn of compiled) fn(body as object, {});
    };
    const search = scenario('search', [
      step({
        request: request('Observation', { query: { code: 'http://loinc.org|69548-6' } }),
        expect: expectation({
          status: 200,
          contentType: 'application/fhir+json',
          fhirpath: [
            check(EXPRESSIONS[0]!, 'equals', 'searchset'),
            check(EXPRESSIONS[1]!, 'equals', 20),
            check(EXPRESSIONS[2]!, 'is', true),
          ],
        }),
      }),
    ]);
    const suiteRun = new SuiteRun(suite([search]), context(baseUrl));
    const [planned] = suiteRun.plan(search);
    const engine = async (): Promise<void> => {
      const result = await suiteRun.run(planned!, { retries: 0 });
      if (result.status !== 'passed') throw new Error(`benchmark scenario did not pass: ${result.reason}`);
    };
    const plainCpu = await cpuPerStep(plain);
    const engineCpu = await cpuPerStep(engine);
    console.log(`plain axios + fhirpath: ${plainCpu.toFixed(0)} µs CPU per request step (${STEPS} steps)`);
    console.log(`engine SuiteRun:        ${engineCpu.toFixed(0)} µs CPU per request step (${STEPS} steps)`);
    console.log(`engine / plain:         ${(engineCpu / plainCpu).toFixed(2)}× (target ≤ 2×)`);
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv[2] === 'serve') await serve();
