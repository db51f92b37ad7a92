// Loopback FHIR test server for engine and runner tests and benchmarks (node:http, ephemeral port).
//
//   const server = await startTestServer();            // server.baseUrl = http://127.0.0.1:<port>/fhir
//   server.route('GET', 'Observation', answers.searchset(resources, { pageSize: 2 }));
//   server.route('GET', 'Patient/p1', answers.json({ resourceType: 'Patient', id: 'p1' }));
//   ... run something against server.baseUrl ...
//   server.requests[0].url                            // '/fhir/Observation?code=...' exactly as received
//   await server.close();
//
// Routes match METHOD + path under /fhir (no query; leading `/` optional). Unrouted requests get a 404
// OperationOutcome; `GET metadata` answers a CapabilityStatement unless routed. An answer is a plain
// description ({ status, headers, body, delayMs }) or a function of the request. `answers` builds the usual
// good ones (json, searchset with next links, Parameters, CapabilityStatement) and broken ones (paging loop,
// foreign next link, connection reset, delay, HTML, invalid JSON, empty body, 5xx, a huge body).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as received, e.g. `/fhir/Observation?code=http://loinc.org%7C69548-6`. */
  readonly url: string;
  /** Path under /fhir without the query, e.g. `Observation`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface AnswerSpec {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON (Content-Type application/fhir+json unless headers say otherwise). */
  readonly body?: string | object;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Destroy the socket without answering (the client sees a connection reset). */
  readonly reset?: boolean;
  /** Stream this many bytes of JSON-looking text (for body size limits). */
  readonly hugeBytes?: number;
}

export interface AnswerContext {
  readonly request: RecordedRequest;
  /** The server's FHIR base URL, for building absolute links. */
  readonly baseUrl: string;
}

export type Answer = AnswerSpec | ((ctx: AnswerContext) => AnswerSpec);

export interface TestServer {
  /** `http://127.0.0.1:<port>/fhir` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  route(method: string, path: string, answer: Answer): void;
  /** Forget routes and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const FHIR_JSON = 'application/fhir+json';

function normalise(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '');
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Answer>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://localhost');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: normalise(parsed.pathname.replace(/^\/fhir/, '')),
        query: parsed.searchParams,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = routes.get(`${recorded.method} ${recorded.path}`) ?? defaultAnswer(recorded);
      const spec = typeof answer === 'function' ? answer({ request: recorded, baseUrl }) : answer;
      const send = (): void => writeAnswer(req, res, spec);
      if (spec.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, spec.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  baseUrl = `${origin}/fhir`;

  return {
    baseUrl,
    origin,
    requests,
    route(method, path, answer) {
      routes.set(`${method.toUpperCase()} ${normalise(path)}`, answer);
    },
    reset() {
      routes.clear();
      requests.length = 0;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function defaultAnswer(req: RecordedRequest): AnswerSpec {
  if (req.method === 'GET' && req.path === 'metadata')
    return answers.capabilityStatement()({ request: req, baseUrl: '' });
  return answers.outcome(404, `no route for ${req.method} ${req.path}`);
}

function writeAnswer(req: http.IncomingMessage, res: http.ServerResponse, spec: AnswerSpec): void {
  if (spec.reset) {
    req.socket.destroy();
    return;
  }
  if (spec.hugeBytes !== undefined) {
    res.writeHead(spec.status ?? 200, { 'content-type': FHIR_JSON, ...spec.headers });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    res.write('{"resourceType":"Binary","data":"');
    let left = spec.hugeBytes;
    const pump = (): void => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end('"}');
    };
    res.on('error', () => undefined);
    pump();
    return;
  }
  const isObject = spec.body !== undefined && typeof spec.body === 'object';
  const text = spec.body === undefined ? '' : isObject ? JSON.stringify(spec.body) : (spec.body as string);
  const headers: Record<string, string> = {
    ...(isObject ? { 'content-type': FHIR_JSON } : {}),
    ...spec.headers,
  };
  res.writeHead(spec.status ?? 200, headers);
  res.end(text);
}

function bundle(type: string, resources: readonly object[], extra: object = {}): object {
  return { resourceType: 'Bundle', type, ...extra, entry: resources.map((resource) => ({ resource })) };
}

/** Builders for answers. */
export const answers = {
  json(body: object, status = 200, headers: Record<string, string> = {}): AnswerSpec {
    return { status, body, headers };
  },
  outcome(status: number, diagnostics: string): AnswerSpec {
    return {
      status,
      body: {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'processing', diagnostics }],
      },
    };
  },
  /** A searchset Bundle; with pageSize, pages chained by absolute `next` links (`_page=n`); with delayMs, late. */
  searchset(resources: readonly object[], options: { pageSize?: number; delayMs?: number } = {}): Answer {
    return ({ request, baseUrl }) => {
      const size = options.pageSize ?? Math.max(resources.length, 1);
      const page = Number(request.query.get('_page') ?? '1');
      const slice = resources.slice((page - 1) * size, page * size);
      const link = [{ relation: 'self', url: `${baseUrl}/${request.path}?_page=${page}` }];
      if (page * size < resources.length)
        link.push({ relation: 'next', url: `${baseUrl}/${request.path}?_page=${page + 1}` });
      return {
        body: bundle('searchset', slice, { total: resources.length, link }),
        delayMs: options.delayMs,
      };
    };
  },
  /** A searchset whose page 2 links back to page 1: a paging loop. */
  pagingLoop(resources: readonly object[] = []): Answer {
    return ({ request, baseUrl }) => {
      const page = Number(request.query.get('_page') ?? '1');
      const next = page === 1 ? `${baseUrl}/${request.path}?_page=2` : `${baseUrl}/${request.path}?_page=1`;
      return { body: bundle('searchset', resources, { link: [{ relation: 'next', url: next }] }) };
    };
  },
  /** A searchset whose next link points at another origin. */
  foreignNext(url: string, resources: readonly object[] = []): AnswerSpec {
    return { body: bundle('searchset', resources, { link: [{ relation: 'next', url }] }) };
  },
  parameters(parameter: readonly object[]): AnswerSpec {
    return { body: { resourceType: 'Parameters', parameter } };
  },
  capabilityStatement(
    options: {
      resources?: Record<string, readonly string[]>;
      operations?: readonly string[];
      fhirVersion?: string;
    } = {},
  ): (ctx: AnswerContext) => AnswerSpec {
    const resources = options.resources ?? { Patient: ['_id'], Observation: ['subject', 'code', 'patient'] };
    return () => ({
      body: {
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: options.fhirVersion ?? '4.0.1',
        format: ['json'],
        rest: [
          {
            mode: 'server',
            resource: Object.entries(resources).map(([type, params]) => ({
              type,
              searchParam: params.map((name) => ({ name, type: 'token' })),
            })),
            operation: (options.operations ?? []).map((name) => ({
              name,
              definition: `http://hl7.org/fhir/uv/genomics-reporting/OperationDefinition/${name}`,
            })),
          },
        ],
      },
    });
  },
  html(status = 200): AnswerSpec {
    return {
      status,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><body>Login</body></html>',
    };
  },
  invalidJson(): AnswerSpec {
    return { headers: { 'content-type': FHIR_JSON }, body: '{"resourceType": "Bundle", "entry": [' };
  },
  empty(status = 200): AnswerSpec {
    return { status, headers: { 'content-type': FHIR_JSON }, body: '' };
  },
  status(status: number, diagnostics = `status ${status}`): AnswerSpec {
    return answers.outcome(status, diagnostics);
  },
  reset(): AnswerSpec {
    return { reset: true };
  },
  delay(delayMs: number, answer: AnswerSpec): AnswerSpec {
    return { ...answer, delayMs };
  },
  huge(bytes = 20 * 1024 * 1024): AnswerSpec {
    return { hugeBytes: bytes };
  },
};
