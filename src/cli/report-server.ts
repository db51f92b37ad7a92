// Serves a reports folder on loopback for `fgc show-report` and `fgc report --open`: the multi-file Allure
// report refuses to load from file://, and one URL is easier to hand on than a folder. Read-only, GET and
// HEAD only, nothing outside the folder.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFORMANCE_HTML } from '../results/report-files.js';
import { UsageError } from '../common/errors.js';
import { escapeHtml } from '../reporters/html-template.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.properties': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.gz': 'application/gzip',
};

export interface ReportServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveReports(folder: string, options: { port?: number } = {}): Promise<ReportServer> {
  const root = resolve(folder);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${folder} is not a folder of reports`);
  const server = createServer((req, res) => {
    answer(root, req, res).catch(() => send(res, 500, 'text/plain; charset=utf-8', 'internal error'));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function answer(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'bad path');
  }
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  const info = await stat(file).catch(() => undefined);
  if (!info) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  if (info.isDirectory()) {
    if (!path.endsWith('/')) return redirect(res, `${path}/`);
    const index = join(file, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return sendFile(res, req, index);
    // The folder itself: the conformance report when it is there, else a list of what is.
    if (inside === '' && (await stat(join(file, CONFORMANCE_HTML)).catch(() => undefined)))
      return redirect(res, `/${CONFORMANCE_HTML}`);
    return send(res, 200, 'text/html; charset=utf-8', await listing(file, path));
  }
  return sendFile(res, req, file);
}

function sendFile(res: ServerResponse, req: IncomingMessage, file: string): void {
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location: encodeURI(location) });
  res.end();
}

async function listing(folder: string, path: string): Promise<string> {
  const entries = await readdir(folder, { withFileTypes: true });
  const items = entries
    .map((e) => `${e.name}${e.isDirectory() ? '/' : ''}`)
    .sort()
    .map((name) => `<li><a href="${escapeHtml(encodeURI(name))}">${escapeHtml(name)}</a></li>`);
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(path)}</title><ul>${items.join('')}</ul>`;
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
export function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535; got "${text}"`);
  return port;
}

/** Serves a folder until Ctrl-C, saying where each report is. */
export async function showReports(
  folder: string,
  port: number,
  show: (file: string) => string,
): Promise<void> {
  const server = await serveReports(folder, { port });
  const entries = await readdir(folder).catch(() => [] as string[]);
  console.log(`Serving ${show(folder)} at ${server.url} (only this machine can open it)`);
  if (entries.includes(CONFORMANCE_HTML))
    console.log(`  conformance report: ${server.url}${CONFORMANCE_HTML}`);
  if (entries.includes('allure-report')) console.log(`  Allure report:      ${server.url}allure-report/`);
  console.log('Press Ctrl-C to stop.');
  await untilInterrupted();
  await server.close();
}
