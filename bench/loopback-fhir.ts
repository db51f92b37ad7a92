// The loopback FHIR server for benchmarks: the tests' server (test/helpers/test-server.ts) answering any
// Observation search with two Variants, after an optional delay; /metadata answers at once.
import { answers, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { minimalVariant } from '../test/helpers/variant.js';

export async function startLoopbackFhir(delayMs: number): Promise<TestServer> {
  const server = await startTestServer();
  const variants = [1, 2].map((n) => ({
    ...minimalVariant(),
    id: `v${n}`,
    subject: { reference: 'Patient/p1' },
  }));
  server.route('GET', 'Observation', answers.searchset(variants, { delayMs }));
  return server;
}

/** The three FHIRPath checks every benchmark step makes (the same in the fgc suite and the plain loop). */
export const BENCH_CHECKS = [
  { that: 'Bundle.type', equals: 'searchset' },
  { that: 'Bundle.entry.resource.count()', greaterThan: 0 },
  { that: "Bundle.entry.resource.all(category.coding.where(code = 'GE').exists())", is: true },
] as const;
