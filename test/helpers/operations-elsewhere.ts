// A loopback genomics server shaped like the official Genomics Operations reference implementation
// (FHIR/genomics-operations): no CapabilityStatement at GET metadata (or, optionally, one that forgets every
// operation), the 17 operations under /subject-operations/... and /population-operations/... paths, one HTTP
// method only. It forwards each call to an embedded reference server, so the answers are right and only the
// shape differs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioResult } from '../../src/results/model.js';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';

/** Where the reference implementation serves each operation, relative to its base URL. */
export const OPERATION_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    [
      'subject-operations/genotype-operations',
      [
        'find-subject-variants',
        'find-subject-specific-variants',
        'find-subject-structural-intersecting-variants',
        'find-subject-structural-subsuming-variants',
        'find-subject-haplotypes',
        'find-subject-specific-haplotypes',
      ],
    ],
    [
      'subject-operations/phenotype-operations',
      ['find-subject-tx-implications', 'find-subject-dx-implications', 'find-subject-molecular-consequences'],
    ],
    ['subject-operations/metadata-operations', ['find-study-metadata']],
    [
      'population-operations/genotype-operations',
      [
        'find-population-specific-variants',
        'find-population-structural-intersecting-variants',
        'find-population-structural-subsuming-variants',
        'find-population-specific-haplotypes',
      ],
    ],
    [
      'population-operations/phenotype-operations',
      [
        'find-population-tx-implications',
        'find-population-dx-implications',
        'find-population-molecular-consequences',
      ],
    ],
  ].flatMap(([folder, codes]) => (codes as string[]).map((code) => [code, `${folder as string}/$${code}`])),
);

export interface OperationsElsewhere {
  /** `http://127.0.0.1:<port>` (the reference implementation serves from its root). */
  readonly baseUrl: string;
  /** `METHOD path?query` of every request received. */
  readonly requests: string[];
  /** The `operations:` map of a target config for this server. */
  operationsYaml(): string;
  close(): Promise<void>;
}

export interface OperationsElsewhereOptions {
  /** The one method the operations accept (the other gets 405). */
  readonly method: 'GET' | 'POST';
  /** `none` (default): GET metadata is a 404 problem document; `without-operations`: the reference server's
   * CapabilityStatement with every operation left out. */
  readonly metadata?: 'none' | 'without-operations';
  /** Also serve FHIR REST reads and searches (GET) at the root, as a FHIR server next to the operations would. */
  readonly rest?: boolean;
}

export async function startOperationsElsewhere(
  options: OperationsElsewhereOptions,
): Promise<OperationsElsewhere> {
  const { method } = options;
  const reference: ReferenceServer = await startReferenceServer({ includeExamples: false });
  const byPath = new Map(Object.entries(OPERATION_PATHS).map(([code, path]) => [`/${path}`, code]));
  const requests: string[] = [];
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${req.method} ${decodeURIComponent(url.pathname)}${url.search}`);
      const code = byPath.get(decodeURIComponent(url.pathname));
      const problem = (status: number, title: string) => {
        res.writeHead(status, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title, status }));
      };
      if (url.pathname === '/metadata' && options.metadata === 'without-operations') {
        return void forward(`${reference.baseUrl}/metadata`, 'GET', undefined, withoutOperations);
      }
      if (!code && options.rest && req.method === 'GET' && /^\/[A-Z]/.test(url.pathname))
        return void forward(`${reference.baseUrl}${url.pathname}${url.search}`, 'GET', undefined, (text) =>
          text.replaceAll(reference.baseUrl, baseUrl),
        );
      if (!code) return problem(404, 'Not Found');
      if (req.method !== method) return problem(405, 'Method Not Allowed');
      forward(
        `${reference.baseUrl}/$${code}${url.search}`,
        method,
        method === 'POST' ? Buffer.concat(chunks).toString('utf8') : undefined,
      );
    });

    function forward(target: string, how: string, body?: string, change = (text: string) => text): void {
      fetch(target, {
        method: how,
        headers: { 'content-type': 'application/fhir+json' },
        ...(body ? { body } : {}),
      })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
          res.end(change(await answer.text()));
        })
        .catch(() => res.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    requests,
    operationsYaml: () =>
      'operations:\n' +
      Object.entries(OPERATION_PATHS)
        .map(([code, path]) => `  ${code}: { path: "${path}", method: ${method} }\n`)
        .join(''),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await reference.close();
    },
  };
}

/** A CapabilityStatement (as JSON text) with every operation declaration removed. */
function withoutOperations(text: string): string {
  const cs = JSON.parse(text) as { rest?: { operation?: unknown; resource?: { operation?: unknown }[] }[] };
  for (const rest of cs.rest ?? []) {
    delete rest.operation;
    for (const resource of rest.resource ?? []) delete resource.operation;
  }
  return JSON.stringify(cs);
}

/**
 * `fullId: status` an operation scenario earns from a server answering by one method only (the other gets 405).
 * The `post-gives-same-answer` scenarios ask both: a refused POST fails their SHOULD status check
 * (OP-GET-AND-POST), so a GET-only server is warned; a refused GET is the prerequisite their POST is compared
 * with, so on a POST-only server they are skipped (request refused). Every other scenario passes, unless the
 * answer holds none of the resources it is about (skipped, no data, whichever the method).
 */
export function earnedByOneMethod(scenario: ScenarioResult, method: 'GET' | 'POST'): string {
  const both = scenario.scenarioId === 'post-gives-same-answer';
  const other = scenario.skip?.kind === 'no-data' ? 'skipped' : 'passed';
  return `${scenario.fullId}: ${!both ? other : method === 'GET' ? 'warned' : 'skipped'}`;
}

/** The checks a `post-gives-same-answer` scenario failed, as `kind severity requirements actual`. */
export function failedChecks(scenario: ScenarioResult): string[] {
  return scenario.steps
    .flatMap((step) => step.checks)
    .filter((c) => c.outcome === 'fail')
    .map((c) => `${c.kind} ${c.severity} ${c.requirements.join(',')} ${JSON.stringify(c.actual)}`);
}
