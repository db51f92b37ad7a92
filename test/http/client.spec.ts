// HttpClient politeness against loopback servers: network retries, Retry-After, rate limiting, auth faults.
import { expect } from 'chai';
import type { ServerResponse } from 'node:http';
import net from 'node:net';
import { ServerFault } from '../../src/common/errors.js';
import type { RateLimiter } from '../../src/http/rate-limit.js';
import { createRedactor } from '../../src/http/redact.js';
import { fakeClock, plainClient, sendJson, startLoopback, type Loopback } from './loopback.js';

describe('http/client', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A server that cuts the connection for the first `failures` requests, then answers 200. */
  async function flakyServer(failures: number) {
    let calls = 0;
    server = await startLoopback((req, res) => {
      calls++;
      if (calls <= failures) req.socket.destroy();
      else sendJson(res, 200, { resourceType: 'Patient', id: 'p1' });
    });
    return { url: server.url, calls: () => calls };
  }

  it('retries an idempotent request after a connection reset and records each retry', async () => {
    const flaky = await flakyServer(2);
    const clock = fakeClock();
    const result = await plainClient({ clock }).send({ method: 'GET', url: `${flaky.url}/Patient/p1` });
    expect(result.fault).to.equal(undefined);
    expect(result.response?.status).to.equal(200);
    expect(flaky.calls()).to.equal(3);
    expect(result.exchange.retries?.map((r) => r.reason.split(':')[0])).to.deep.equal([
      'CONNECTION_RESET',
      'CONNECTION_RESET',
    ]);
    expect(clock.sleeps).to.deep.equal([500, 1000]);
  });

  it('gives up after the configured number of network retries', async () => {
    const flaky = await flakyServer(10);
    const result = await plainClient({ retry: { networkRetries: 1 } }).send({
      method: 'GET',
      url: flaky.url,
    });
    expect(result.fault?.code).to.equal('CONNECTION_RESET');
    expect(result.exchange.error?.code).to.equal('CONNECTION_RESET');
    expect(result.exchange.retries).to.have.length(1);
    expect(flaky.calls()).to.equal(2);
  });

  it('never resends a POST after a network error', async () => {
    const flaky = await flakyServer(1);
    const result = await plainClient().send({ method: 'POST', url: flaky.url, body: '{}' });
    expect(result.fault?.code).to.equal('CONNECTION_RESET');
    expect(result.exchange.retries).to.equal(undefined);
    expect(flaky.calls()).to.equal(1);
  });

  it('retries a refused connection', async () => {
    const port = await freePort();
    const result = await plainClient().send({ method: 'GET', url: `http://127.0.0.1:${port}/metadata` });
    expect(result.fault?.code).to.equal('CONNECTION_REFUSED');
    expect(result.exchange.retries).to.have.length(2);
  });

  it('retries a timeout', async () => {
    let calls = 0;
    server = await startLoopback((_req, res) => {
      if (++calls === 1) return; // never answers the first request
      sendJson(res, 200, {});
    });
    const result = await plainClient().send({ method: 'GET', url: server.url, timeoutMs: 100 });
    expect(result.response?.status).to.equal(200);
    expect(result.exchange.retries?.[0]?.reason).to.match(/^TIMEOUT: GET .* no answer within 100 ms/);
  });

  it('asks for FHIR JSON, and labels a body it sends as FHIR JSON in UTF-8', async () => {
    const seen: { method?: string; accept?: string; contentType?: string }[] = [];
    server = await startLoopback((req, res) => {
      seen.push({
        method: req.method,
        accept: req.headers.accept,
        contentType: req.headers['content-type'],
      });
      sendJson(res, 200, {});
    });
    await plainClient().send({ method: 'GET', url: server.url });
    await plainClient().send({ method: 'POST', url: server.url, body: '{"resourceType":"Parameters"}' });
    expect(seen).to.deep.equal([
      { method: 'GET', accept: 'application/fhir+json', contentType: undefined },
      {
        method: 'POST',
        accept: 'application/fhir+json',
        contentType: 'application/fhir+json; charset=utf-8',
      },
    ]);
  });

  describe('a body that does not come whole', () => {
    const once = plainClient({ retry: { networkRetries: 0 } });
    /** Status and headers promise 5000 bytes; 20 come, then the server stalls or cuts the connection. */
    async function partialBody(then: 'stall' | 'cut') {
      server = await startLoopback((req, res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '5000' });
        res.write('{"resourceType":"Bun', () => {
          if (then === 'cut') req.socket.destroy();
        });
      });
      return once.send({ method: 'GET', url: `${server.url}/Observation`, timeoutMs: 300 });
    }

    it('is a TIMEOUT naming the status when the body stops arriving', async () => {
      const result = await partialBody('stall');
      expect(result.fault?.code).to.equal('TIMEOUT');
      expect(result.fault?.message).to.match(
        /^GET .*\/Observation: the answer began \(status 200\) but its body did not finish within 300 ms$/,
      );
    });

    it('is a CONNECTION_RESET naming the status when the server cuts the connection', async () => {
      const result = await partialBody('cut');
      expect(result.fault?.code).to.equal('CONNECTION_RESET');
      expect(result.fault?.message).to.match(
        /^GET .*\/Observation: the connection ended before the body was complete \(status 200\)$/,
      );
    });

    it('is BAD_ENCODING with the cause when the body cannot be decompressed', async () => {
      server = await startLoopback((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': 'gzip' });
        res.end('this is not gzip');
      });
      const result = await once.send({ method: 'GET', url: server.url });
      expect(result.fault?.code).to.equal('BAD_ENCODING');
      expect(result.fault?.message).to.match(
        /: the body could not be decompressed as its Content-Encoding header says \(incorrect header check\)$/,
      );
    });
  });

  it('names a redirect loop', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(302, { location: '/again' });
      res.end();
    });
    const result = await plainClient().send({ method: 'GET', url: server.url });
    expect(result.fault?.code).to.equal('NETWORK');
    expect(result.fault?.message).to.match(/: the server kept redirecting \(more than 5 redirects\)$/);
    expect(result.exchange.retries).to.equal(undefined);
  });

  describe('redirects', () => {
    let other: Loopback | undefined;
    afterEach(async () => {
      await other?.close();
      other = undefined;
    });
    const bearer = { headers: async () => ({ Authorization: 'Bearer s3cret-token' }) };

    it('records each redirect followed, so the answer is not shown as coming from the first URL', async () => {
      server = await startLoopback((req, res) => {
        if (req.url === '/Patient/old') {
          res.writeHead(301, { location: '/Patient/moved' });
          res.end();
        } else if (req.url === '/Patient/moved') {
          res.writeHead(307, { location: '/Patient/p1' });
          res.end();
        } else sendJson(res, 200, { resourceType: 'Patient', id: 'p1' });
      });
      const result = await plainClient().send({ method: 'GET', url: `${server.url}/Patient/old` });
      expect(result.response?.status).to.equal(200);
      expect(result.exchange.url).to.equal(`${server.url}/Patient/old`);
      expect(result.exchange.redirects).to.deep.equal([
        { status: 301, location: `${server.url}/Patient/moved` },
        { status: 307, location: `${server.url}/Patient/p1` },
      ]);
    });

    it('records no redirects when there were none', async () => {
      server = await startLoopback((_req, res) => sendJson(res, 200, {}));
      const result = await plainClient().send({ method: 'GET', url: server.url });
      expect(result.exchange).to.not.have.property('redirects');
    });

    it('keeps the credentials on a redirect within the same origin (scheme, host and port)', async () => {
      const seen: (string | undefined)[] = [];
      server = await startLoopback((req, res) => {
        seen.push(req.headers.authorization);
        if (req.url === '/start') {
          res.writeHead(302, { location: '/next' });
          res.end();
        } else sendJson(res, 200, {});
      });
      await plainClient({ auth: bearer }).send({ method: 'GET', url: `${server.url}/start` });
      expect(seen).to.deep.equal(['Bearer s3cret-token', 'Bearer s3cret-token']);
    });

    it('never sends the credentials to another origin a redirect points to', async () => {
      const seen: (string | undefined)[] = [];
      other = await startLoopback((req, res) => {
        seen.push(req.headers.authorization);
        sendJson(res, 200, {});
      });
      server = await startLoopback((_req, res) => {
        res.writeHead(302, { location: `${other!.url}/elsewhere` });
        res.end();
      });
      const result = await plainClient({ auth: bearer }).send({ method: 'GET', url: server.url });
      expect(result.response?.status).to.equal(200);
      expect(seen).to.deep.equal([undefined]);
      expect(result.exchange.redirects?.[0]?.location).to.equal(`${other.url}/elsewhere`);
    });

    it('redacts secrets in the recorded redirect locations', async () => {
      server = await startLoopback((req, res) => {
        if (req.url === '/start') {
          res.writeHead(302, { location: '/next?token=s3cret-token' });
          res.end();
        } else sendJson(res, 200, {});
      });
      const result = await plainClient({ redactor: createRedactor(['s3cret-token']) }).send({
        method: 'GET',
        url: `${server.url}/start`,
      });
      expect(result.exchange.redirects?.[0]?.location).to.equal(`${server.url}/next?token=***`);
    });
  });

  describe('cancelling (the run was interrupted)', () => {
    /** Resolves only when `signal` is aborted: a wait that only cancelling can end. */
    const untilAborted = (signal?: AbortSignal) =>
      new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
    const stuckClock = () => ({
      now: () => 0,
      sleep: (_ms: number, signal?: AbortSignal) => untilAborted(signal),
    });

    it('cancels a request waiting for its answer, and records it as CANCELLED', async () => {
      const cancel = new AbortController();
      server = await startLoopback(() => {
        setTimeout(() => cancel.abort('SIGTERM'), 20); // and never answer
      });
      const result = await plainClient().send({ method: 'GET', url: server.url, signal: cancel.signal });
      expect(result.fault?.code).to.equal('CANCELLED');
      expect(result.fault?.message).to.equal(`GET ${server.url}: the request was cancelled (SIGTERM)`);
      expect(result.exchange.error?.code).to.equal('CANCELLED');
      expect(result.exchange.retries).to.equal(undefined);
    });

    it('sends nothing when already cancelled', async () => {
      let calls = 0;
      server = await startLoopback((_req, res) => sendJson(res, 200, { calls: ++calls }));
      const cancel = new AbortController();
      cancel.abort('SIGINT');
      const result = await plainClient().send({ method: 'GET', url: server.url, signal: cancel.signal });
      expect(result.fault?.code).to.equal('CANCELLED');
      expect(calls).to.equal(0);
    });

    for (const [wait, answer] of [
      ['a Retry-After wait', (res: ServerResponse) => sendJson(res, 429, {}, { 'Retry-After': '30' })],
      ['the wait before a network retry', (res: ServerResponse) => res.socket?.destroy()],
    ] as const) {
      it(`stops ${wait} and sends nothing more`, async () => {
        let calls = 0;
        const cancel = new AbortController();
        server = await startLoopback((_req, res) => {
          calls++;
          answer(res);
          setTimeout(() => cancel.abort('SIGINT'), 20);
        });
        const result = await plainClient({ clock: stuckClock() }).send({
          method: 'GET',
          url: server.url,
          signal: cancel.signal,
        });
        expect(result.fault?.code).to.equal('CANCELLED');
        expect(result.exchange.retries).to.have.length(1);
        expect(calls).to.equal(1);
      });
    }

    it('stops waiting for the rate limiter', async () => {
      const cancel = new AbortController();
      const rateLimiter: RateLimiter = { take: untilAborted };
      setTimeout(() => cancel.abort('SIGINT'), 20);
      const result = await plainClient({ rateLimiter }).send({
        method: 'GET',
        url: 'http://127.0.0.1:9/never',
        signal: cancel.signal,
      });
      expect(result.fault?.code).to.equal('CANCELLED');
    });
  });

  it('does not retry a 500 answer', async () => {
    let calls = 0;
    server = await startLoopback((_req, res) => sendJson(res, 500, { calls: ++calls }));
    const result = await plainClient().send({ method: 'GET', url: server.url });
    expect(result.response?.status).to.equal(500);
    expect(calls).to.equal(1);
  });

  for (const status of [429, 503]) {
    it(`waits as long as Retry-After asks after a ${status}, then sends again`, async () => {
      let calls = 0;
      server = await startLoopback((_req, res) =>
        ++calls === 1 ? sendJson(res, status, {}, { 'Retry-After': '2' }) : sendJson(res, 200, {}),
      );
      const clock = fakeClock();
      const result = await plainClient({ clock }).send({ method: 'POST', url: server.url, body: '{}' });
      expect(result.response?.status).to.equal(200);
      expect(clock.sleeps).to.deep.equal([2000]);
      expect(result.exchange.retries).to.deep.equal([
        { reason: `${status} with Retry-After: 2`, waitMs: 2000 },
      ]);
    });
  }

  it('honours Retry-After given as an HTTP date', async () => {
    let calls = 0;
    server = await startLoopback((_req, res) => {
      const when = new Date(Date.now() + 30_000).toUTCString();
      return ++calls === 1 ? sendJson(res, 503, {}, { 'Retry-After': when }) : sendJson(res, 200, {});
    });
    const clock = fakeClock();
    const result = await plainClient({ clock }).send({ method: 'GET', url: server.url });
    expect(result.response?.status).to.equal(200);
    expect(clock.sleeps[0]).to.be.within(27_000, 30_000);
  });

  it('fails with RATE_LIMITED, naming both durations, when Retry-After is longer than the limit', async () => {
    server = await startLoopback((_req, res) => sendJson(res, 429, {}, { 'Retry-After': '120' }));
    const clock = fakeClock();
    const result = await plainClient({ clock }).send({ method: 'GET', url: `${server.url}/Observation` });
    expect(clock.sleeps).to.deep.equal([]);
    expect(result.response).to.equal(undefined);
    expect(result.fault).to.be.instanceOf(ServerFault);
    expect(result.fault?.code).to.equal('RATE_LIMITED');
    expect(result.fault?.message).to.match(
      /GET .*\/Observation: the server answered 429 .* 120 s, longer than the 60 s/,
    );
    expect(result.exchange.status).to.equal(429);
    expect(result.exchange.error?.code).to.equal('RATE_LIMITED');
  });

  it('stops waiting after the configured number of Retry-After waits', async () => {
    server = await startLoopback((_req, res) => sendJson(res, 503, {}, { 'Retry-After': '1' }));
    const clock = fakeClock();
    const result = await plainClient({ clock, retry: { maxRetryAfterWaits: 2 } }).send({
      method: 'GET',
      url: server.url,
    });
    expect(clock.sleeps).to.deep.equal([1000, 1000]);
    expect(result.fault?.message).to.match(/still answered 503 after 2 waits/);
  });

  it('takes a rate-limit token before every attempt, retries included', async () => {
    const flaky = await flakyServer(1);
    let taken = 0;
    const rateLimiter: RateLimiter = { take: async () => void taken++ };
    await plainClient({ rateLimiter }).send({ method: 'GET', url: flaky.url });
    await plainClient({ rateLimiter }).send({ method: 'GET', url: flaky.url });
    expect(taken).to.equal(3);
  });

  it('turns a failure to obtain credentials into an AUTH fault without sending the request', async () => {
    let calls = 0;
    server = await startLoopback((_req, res) => sendJson(res, 200, { calls: ++calls }));
    const auth = {
      headers: async () => {
        throw new ServerFault('AUTH', 'token request to https://auth.example/token failed: HTTP 401');
      },
    };
    const result = await plainClient({ auth }).send({ method: 'GET', url: server.url });
    expect(result.fault?.code).to.equal('AUTH');
    expect(result.exchange.error?.message).to.include('token request');
    expect(calls).to.equal(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
