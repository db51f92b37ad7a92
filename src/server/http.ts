// The HTTP front of the reference server (node:http): routes under /fhir to metadata, operations,
// search, read and (with allowWrites) writes; answers errors with OperationOutcomes; applies HTTP faults.
import './websocket-shim.js'; // before any @medplum import
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getStatus } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { capabilityStatement } from './capability.js';
import type { FaultSet } from './faults.js';
import { HttpError, type IssueCode, invalidParameter, operationOutcome } from './outcome.js';
import type { OperationContext } from './operations/context.js';
import { OperationInput } from './operations/input.js';
import { findOperation } from './operations/registry.js';
import { search } from './search.js';
import type { ReferenceStore } from './store.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface AppOptions {
  readonly store: ReferenceStore;
  readonly faults: FaultSet;
  readonly allowWrites: boolean;
  readonly version: string;
  /** Known once the server listens. */
  baseUrl: string;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) throw invalidParameter('The request needs a JSON body');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidParameter(`The request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function createHandler(app: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(app, req)
      .catch((err: unknown) => errorReply(app, err))
      .then((reply) => send(app, res, reply))
      .catch(() => res.destroy());
  };
}

function errorReply(app: AppOptions, err: unknown): Reply {
  let status = 500;
  let code: IssueCode = 'exception';
  let message = err instanceof Error ? err.message : String(err);
  if (err instanceof HttpError) {
    status = err.status === 400 ? app.faults.http.invalidParameterStatus : err.status;
    code = err.issueCode;
    message = err.message;
  }
  if (app.faults.http.plainJsonErrors)
    return { status, body: { error: status >= 500 ? 'Server Error' : 'Request Error', message, status } };
  return { status, body: operationOutcome(message, code) };
}

function send(app: AppOptions, res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': `${app.faults.http.contentType}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}

async function route(app: AppOptions, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (url.pathname !== '/fhir' && !url.pathname.startsWith('/fhir/'))
    throw new HttpError(404, `Nothing is served at ${url.pathname}; the FHIR base is ${app.baseUrl}`);
  const segments = url.pathname.slice('/fhir'.length).split('/').filter(Boolean).map(decodeURIComponent);
  const pairs = [...url.searchParams.entries()];

  if (segments.length === 1 && segments[0] === 'metadata' && method === 'GET')
    return { status: 200, body: metadata(app) };
  if (segments.length === 1 && segments[0]!.startsWith('$'))
    return operation(app, segments[0]!.slice(1), method, pairs, req);
  if (method === 'GET' && segments.length === 1)
    return { status: 200, body: await search(app.store, segments[0]!, pairs, searchOptions(app)) };
  if (method === 'POST' && segments.length === 2 && segments[1] === '_search') {
    const form = new URLSearchParams(await readBody(req));
    return {
      status: 200,
      body: await search(app.store, segments[0]!, [...pairs, ...form.entries()], searchOptions(app)),
    };
  }
  if (method === 'GET' && segments.length === 2)
    return { status: 200, body: await app.store.read(segments[0]!, segments[1]!) };
  if (['POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) return write(app, method, url, req);
  throw new HttpError(404, `No route for ${method} ${url.pathname}`);
}

function searchOptions(app: AppOptions) {
  return { baseUrl: app.baseUrl, omitNextLink: app.faults.http.omitNextLink };
}

function metadata(app: AppOptions) {
  return capabilityStatement({
    baseUrl: app.baseUrl,
    resourceTypes: app.store.resourceTypes(),
    allowWrites: app.allowWrites,
    localOperationDefinitions: app.faults.http.localOperationDefinitions,
    version: app.version,
  });
}

async function operation(
  app: AppOptions,
  name: string,
  method: string,
  pairs: [string, string][],
  req: IncomingMessage,
): Promise<Reply> {
  const spec = findOperation(name);
  if (!spec) throw new HttpError(404, `Unknown operation $${name}`, 'not-supported');
  if (method !== 'GET' && method !== 'POST') throw new HttpError(405, `$${name} accepts GET and POST`);
  const input =
    method === 'GET' ? OperationInput.fromQuery(pairs) : OperationInput.fromParameters(await readJson(req));
  input.assertOnly(spec.parameters, name);
  const index = await app.store.genomics();
  let subject: string | undefined;
  if (spec.subject) {
    const raw = input.single('subject', name);
    if (!raw) throw invalidParameter(`$${name} requires the parameter "subject"`);
    subject = raw.replace(/^(?:.*\/)?Patient\//, '');
    if (!index.hasPatient(subject))
      throw new HttpError(app.faults.http.unknownSubjectStatus, `Patient ${raw} not found`, 'not-found');
  }
  const ctx: OperationContext = {
    name,
    input,
    index,
    flags: app.faults.flags,
    ...(subject ? { subject } : {}),
  };
  return { status: 200, body: app.faults.output(name, spec.run(ctx)) };
}

async function write(app: AppOptions, method: string, url: URL, req: IncomingMessage): Promise<Reply> {
  if (!app.allowWrites)
    throw new HttpError(
      405,
      'This reference server is read-only; start it with --allow-writes to create, update or delete',
      'forbidden',
    );
  const body = method === 'DELETE' ? undefined : await readJson(req);
  const path = url.pathname.slice('/fhir/'.length) + url.search;
  const [outcome, resource] = await app.store.router.handleRequest(
    { method: method as 'POST', url: path, pathname: '', query: {}, params: {}, body, headers: req.headers },
    app.store.repo,
  );
  const status = getStatus(outcome);
  if (status >= 400) return { status, body: outcome };
  app.store.noteWrite((resource as Resource | undefined)?.resourceType ?? path.split(/[/?]/)[0]);
  if (resource?.resourceType === 'Bundle')
    for (const e of (resource as { entry?: { resource?: Resource }[] }).entry ?? [])
      app.store.noteWrite(e.resource?.resourceType);
  const headers: Record<string, string> =
    status === 201 && resource ? { Location: `${app.baseUrl}/${resource.resourceType}/${resource.id}` } : {};
  return { status, body: resource ?? outcome, headers };
}
