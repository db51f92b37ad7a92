// The loopback FHIR server the Newman comparison and the paging-memory figure run
// against: Patient reads answered after a fixed delay, and a large Observation search served in pages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  /** `http://127.0.0.1:<port>/fhir` */
  readonly baseUrl: string;
  /** Requests answered so far. */
  readonly requests: () => number;
  /** Observation search pages served so far. */
  readonly pagesServed: () => number;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** Added before every Patient read is answered (a stand-in for server and network latency). */
  readonly delayMs?: number;
  /** Resources the Observation search matches. */
  readonly searchTotal?: number;
  readonly pageSize?: number;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const delayMs = options.delayMs ?? 20;
  const total = options.searchTotal ?? 20_000;
  const pageSize = options.pageSize ?? 100;
  let requests = 0;
  let pages = 0;
  let base = '';
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': FHIR_JSON });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://bench');
    const path = url.pathname.replace(/^\/fhir\/?/, '');
    if (path === 'metadata') return send(res, 200, capabilityStatement());
    const read = /^Patient\/([A-Za-z0-9.-]+)$/.exec(path);
    if (read) {
      setTimeout(() => send(res, 200, patient(read[1]!)), delayMs);
      return;
    }
    if (path === 'Observation') {
      pages++;
      const offset = Number(url.searchParams.get('_offset') ?? 0);
      return send(res, 200, observationPage(base, offset, pageSize, total));
    }
    send(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  return {
    baseUrl: base,
    requests: () => requests,
    pagesServed: () => pages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function capabilityStatement() {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-27',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: [
          { type: 'Patient', interaction: [{ code: 'read' }] },
          {
            type: 'Observation',
            interaction: [{ code: 'search-type' }],
            searchParam: [
              { name: 'code', type: 'token' },
              { name: '_count', type: 'number' },
            ],
          },
        ],
      },
    ],
  };
}

function patient(id: string) {
  return {
    resourceType: 'Patient',
    id,
    meta: { versionId: '1', lastUpdated: '2026-11-27T00:00:00Z' },
    identifier: [{ system: 'http://fgc.example.org/bench', value: id }],
    name: [{ family: 'Bench', given: ['Patient', id] }],
    gender: 'unknown',
    birthDate: '1970-01-01',
  };
}

/** One searchset page of variant-like Observations, with a `next` link until the last page. */
function observationPage(base: string, offset: number, pageSize: number, total: number) {
  const count = Math.max(0, Math.min(pageSize, total - offset));
  const link = (relation: string, at: number) => ({
    relation,
    url: `${base}/Observation?code=69548-6&_count=${pageSize}&_offset=${at}`,
  });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [link('self', offset), ...(offset + pageSize < total ? [link('next', offset + pageSize)] : [])],
    entry: Array.from({ length: count }, (_, i) => {
      const id = `bench-obs-${offset + i}`;
      return {
        fullUrl: `${base}/Observation/${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          status: 'final',
          category: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
              ],
            },
          ],
          code: {
            coding: [{ system: 'http://loinc.org', code: '69548-6', display: 'Genetic variant assessment' }],
          },
          subject: { reference: `Patient/bench-${(offset + i) % 500}` },
          valueCodeableConcept: {
            coding: [{ system: 'http://loinc.org', code: 'LA9633-4', display: 'Present' }],
          },
          component: [
            {
              code: { coding: [{ system: 'http://loinc.org', code: '81254-5' }] },
              valueRange: { low: { value: 140753336 + i }, high: { value: 140753337 + i } },
            },
          ],
        },
        search: { mode: 'match' },
      };
    }),
  };
}
