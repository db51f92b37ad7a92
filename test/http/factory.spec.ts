// createHttpClient: a whole target config (SMART auth over HTTPS with a private CA, a proxy, a rate limit)
// turned into the run's client.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { createHttpClient } from '../../src/http/factory.js';
import { createRedactor, REDACTED } from '../../src/http/redact.js';
import type { AuthConfig, TargetConfig, TlsConfig } from '../../src/model/target.js';
import { target as testTarget } from '../engine/builders.js';
import { makeTestPki, type TestPki } from './certs.js';
import { fakeClock, startConnectProxy } from './loopback.js';
import { startHttpsSmartServer, type TokenServer } from './token-server.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

function target(baseUrl: string, auth: AuthConfig, tls?: TlsConfig): TargetConfig & { baseUrl: string } {
  return testTarget(baseUrl, {
    name: 'pilot',
    auth,
    headers: { 'X-Site': 'pilot' },
    ...(tls ? { tls } : {}),
  });
}

describe('http/factory', function () {
  this.timeout(30_000); // openssl key generation
  let pki: TestPki;
  let server: TokenServer;
  const smart: AuthConfig = {
    type: 'smart-backend',
    clientId: 'harness',
    privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: 'k1',
    alg: 'RS384',
    scope: 'system/Patient.read',
  };

  before(async () => {
    pki = makeTestPki();
    server = await startHttpsSmartServer(rsa.publicKey, pki);
  });
  after(() => server.loopback.close());

  it('sends discovery, token and FHIR requests through the same proxy and TLS settings', async () => {
    const proxy = await startConnectProxy();
    const asked: string[] = [];
    const redactor = createRedactor([]);
    try {
      const { client, warnings } = createHttpClient(target(server.fhirBase, smart, { ca: pki.ca }), {
        redactor,
        proxyForUrl: (url) => (asked.push(url), proxy.url),
      });
      const result = await client.send({ method: 'GET', url: `${server.fhirBase}/Patient/p1` });
      client.close();
      expect(result.fault?.message).to.equal(undefined);
      expect(result.response?.status).to.equal(200);
      expect(warnings).to.deep.equal([]);
      expect(asked.map((u) => new URL(u).pathname)).to.deep.equal([
        '/fhir/.well-known/smart-configuration',
        '/auth/token',
        '/fhir/Patient/p1',
      ]);
      expect(proxy.connects.length).to.be.at.least(1);
      expect(result.exchange.requestHeaders['X-Site']).to.equal('pilot');
      expect(result.exchange.responseBody).to.include(`you sent ${REDACTED}`);
    } finally {
      await proxy.close();
    }
  });

  it('prints the insecure-TLS warning and returns it for the run results', async () => {
    const printed: string[] = [];
    const { client, warnings } = createHttpClient(target(server.fhirBase, smart, { insecure: true }), {
      redactor: createRedactor([]),
      onWarning: (m) => printed.push(m),
      proxyForUrl: () => '',
    });
    const result = await client.send({ method: 'GET', url: `${server.fhirBase}/Patient/p1` });
    client.close();
    expect(result.response?.status).to.equal(200);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^INSECURE TLS/);
    expect(printed).to.deep.equal([`WARNING: ${warnings[0]}`]);
  });

  it('applies --rate-limit to every request of the client', async () => {
    const clock = fakeClock();
    const { client } = createHttpClient(target(server.fhirBase, { type: 'none' }, { ca: pki.ca }), {
      redactor: createRedactor([]),
      rateLimitPerSecond: 4,
      clock,
      proxyForUrl: () => '',
    });
    for (let i = 0; i < 3; i++) await client.send({ method: 'GET', url: `${server.fhirBase}/metadata` });
    client.close();
    expect(clock.sleeps).to.deep.equal([250, 250]);
  });
});
