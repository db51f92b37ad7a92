// TLS (custom CA, client certificate, insecure mode) and proxies, against loopback servers.
import { expect } from 'chai';
import type { TLSSocket } from 'node:tls';
import { UsageError } from '../../src/common/errors.js';
import { createTransport } from '../../src/http/transport.js';
import type { TlsConfig } from '../../src/model/target.js';
import { makeTestPki, type TestPki } from './certs.js';
import { plainClient, sendJson, startConnectProxy, startLoopback, type Loopback } from './loopback.js';

describe('http/transport', function () {
  this.timeout(30_000); // openssl key generation
  let pki: TestPki;
  let mtls: Loopback;

  before(async () => {
    pki = makeTestPki();
    mtls = await startLoopback(
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        sendJson(res, 200, { resourceType: 'CapabilityStatement', client: peer.subject?.CN });
      },
      { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
    );
  });
  after(() => mtls.close());

  /** `proxyForUrl` 'env' reads the proxy variables; the default is no proxy whatever the environment says. */
  function clientWith(tls: TlsConfig | undefined, proxyForUrl: ((url: string) => string) | 'env' = () => '') {
    const proxy = proxyForUrl === 'env' ? {} : { proxyForUrl };
    const transport = createTransport({ ...(tls ? { tls } : {}), targetName: 'pilot', ...proxy });
    return {
      client: plainClient({ axiosInstance: transport.axios, onClose: () => transport.close() }),
      transport,
    };
  }

  it('trusts a custom CA and presents the client certificate (mTLS)', async () => {
    const { client } = clientWith({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
    const result = await client.send({ method: 'GET', url: `${mtls.url}/metadata` });
    client.close();
    expect(result.fault).to.equal(undefined);
    expect(JSON.parse(result.response!.bodyText).client).to.equal('fgc harness');
  });

  it('refuses a server certificate from an unknown CA with a TLS fault', async () => {
    const { client } = clientWith({ cert: pki.clientCert, key: pki.clientKey });
    const result = await client.send({ method: 'GET', url: `${mtls.url}/metadata` });
    client.close();
    expect(result.fault?.code).to.equal('TLS');
    expect(result.exchange.retries).to.equal(undefined);
  });

  it('cannot get in without the client certificate', async () => {
    const { client } = clientWith({ ca: pki.ca });
    const result = await client.send({ method: 'GET', url: `${mtls.url}/metadata` });
    client.close();
    expect(result.fault).to.not.equal(undefined);
    expect(result.response).to.equal(undefined);
  });

  it('skips certificate checks only with insecure: true, and says so loudly', async () => {
    const { client, transport } = clientWith({ insecure: true, cert: pki.clientCert, key: pki.clientKey });
    const result = await client.send({ method: 'GET', url: `${mtls.url}/metadata` });
    client.close();
    expect(result.response?.status).to.equal(200);
    expect(transport.warnings).to.have.length(1);
    expect(transport.warnings[0]).to.match(
      /^INSECURE TLS: certificate checking is OFF for target "pilot" \(tls.insecure: true\)/,
    );
    expect(clientWith({ ca: pki.ca }).transport.warnings).to.deep.equal([]);
  });

  it('rejects unusable TLS settings before anything is sent', () => {
    expect(() => createTransport({ tls: { cert: pki.clientCert }, targetName: 'pilot' })).to.throw(
      UsageError,
      /target "pilot": tls.cert and tls.key must be given together/,
    );
    expect(() => createTransport({ tls: { cert: 'not a pem', key: 'not a pem' } })).to.throw(
      UsageError,
      /the TLS settings could not be used/,
    );
  });

  describe('proxy', () => {
    let proxy: { url: string; connects: string[]; close(): Promise<void> };
    before(async () => (proxy = await startConnectProxy()));
    after(() => proxy.close());
    beforeEach(() => (proxy.connects.length = 0));

    it('tunnels HTTPS through the proxy, keeping the custom CA and client certificate', async () => {
      const { client } = clientWith(
        { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey },
        () => proxy.url,
      );
      const result = await client.send({ method: 'GET', url: `${mtls.url}/metadata` });
      client.close();
      expect(result.fault?.message).to.equal(undefined);
      expect(JSON.parse(result.response!.bodyText).client).to.equal('fgc harness');
      expect(proxy.connects).to.deep.equal([new URL(mtls.url).host]);
    });

    it('reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment', async () => {
      const plain = await startLoopback((_req, res) => sendJson(res, 200, {}));
      const saved = { ...process.env };
      try {
        for (const name of ['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy']) delete process.env[name];
        process.env.HTTP_PROXY = proxy.url;
        process.env.NO_PROXY = '';
        const { client } = clientWith(undefined, 'env');
        expect((await client.send({ method: 'GET', url: `${plain.url}/a` })).response?.status).to.equal(200);
        expect(proxy.connects).to.deep.equal([new URL(plain.url).host]);
        process.env.NO_PROXY = '127.0.0.1';
        expect((await client.send({ method: 'GET', url: `${plain.url}/b` })).response?.status).to.equal(200);
        expect(proxy.connects).to.have.length(1);
        client.close();
      } finally {
        for (const name of ['HTTP_PROXY', 'NO_PROXY']) delete process.env[name];
        Object.assign(process.env, saved);
        await plain.close();
      }
    });
  });
});
