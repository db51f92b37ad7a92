// Loopback HTTP(S) servers for the connectivity tests: ephemeral ports, closed with their connections.
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { Clock } from '../../src/http/rate-limit.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';
import { createRedactor } from '../../src/http/redact.js';

export interface Loopback {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export async function startLoopback(handler: Handler, tlsOptions?: https.ServerOptions): Promise<Loopback> {
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  };
  const server = tlsOptions ? https.createServer(tlsOptions, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tlsOptions ? 'https' : 'http'}://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A clock that never waits: it records each requested sleep and moves its time forward instead. */
export function fakeClock(): Clock & { sleeps: number[] } {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** A client with no auth and the given overrides. */
export function plainClient(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    timeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    maxStoredBodyChars: 10_000,
    defaultHeaders: {},
    auth: { headers: async () => ({}) },
    redactor: createRedactor([]),
    clock: fakeClock(),
    ...overrides,
  });
}

/** A minimal CONNECT proxy that records which host:port each tunnel went to. */
export async function startConnectProxy(): Promise<{
  url: string;
  connects: string[];
  close(): Promise<void>;
}> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
