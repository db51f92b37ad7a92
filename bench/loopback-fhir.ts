// A minimal loopback FHIR server for benchmarks: answers /metadata and any search with a small fixed
// searchset Bundle, after an optional delay. Nothing here is used by tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly baseUrl: string;
  readonly requests: () => number;
  close(): Promise<void>;
}

const bundle = JSON.stringify({
  resourceType: 'Bundle',
  type: 'searchset',
  total: 2,
  link: [{ relation: 'self', url: 'http://127.0.0.1/fhir/Observation' }],
  entry: [1, 2].map((n) => ({
    fullUrl: `http://127.0.0.1/fhir/Observation/v${n}`,
    resource: {
      resourceType: 'Observation',
      id: `v${n}`,
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
          ],
        },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE' }] },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '69548-6' }] },
      subject: { reference: 'Patient/p1' },
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9633-4' }] },
    },
    search: { mode: 'match' },
  })),
});

const metadata = JSON.stringify({
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [
    {
      mode: 'server',
      resource: [{ type: 'Observation', searchParam: [{ name: 'subject', type: 'reference' }] }],
    },
  ],
});

export async function startLoopbackFhir(delayMs: number): Promise<LoopbackServer> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const body = req.url?.endsWith('/metadata') ? metadata : bundle;
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(body);
    };
    if (delayMs > 0 && !req.url?.endsWith('/metadata')) setTimeout(answer, delayMs);
    else answer();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/fhir`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The three FHIRPath checks every benchmark step makes (the same in the fgc suite and the plain loop). */
export const BENCH_CHECKS = [
  { that: 'Bundle.type', equals: 'searchset' },
  { that: 'Bundle.entry.resource.count()', greaterThan: 0 },
  { that: "Bundle.entry.resource.all(category.coding.where(code = 'GE').exists())", is: true },
] as const;
