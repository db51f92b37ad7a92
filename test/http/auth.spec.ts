// SMART Backend Services and client-credentials auth against a loopback token server that verifies
// the signed client assertion with the client's public key.
import { expect } from 'chai';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createAuthProvider } from '../../src/http/auth.js';
import type { HttpClient } from '../../src/http/client.js';
import { createRedactor, REDACTED } from '../../src/http/redact.js';
import { UsageError } from '../../src/common/errors.js';
import type { AuthConfig } from '../../src/model/target.js';
import { plainClient } from './loopback.js';
import { startTokenServer, type TokenServer, type TokenServerOptions } from './token-server.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

function smart(overrides: Partial<Extract<AuthConfig, { type: 'smart-backend' }>> = {}): AuthConfig {
  return {
    type: 'smart-backend',
    clientId: 'harness',
    privateKey: pem(rsa.privateKey),
    keyId: 'harness-key-1',
    alg: 'RS384',
    scope: 'system/Observation.read system/Patient.read',
    ...overrides,
  };
}

describe('http/auth', () => {
  let server: TokenServer | undefined;
  afterEach(async () => {
    await server?.loopback.close();
    server = undefined;
  });

  /** A token server that knows the harness's RSA public key. */
  const startSmartServer = (overrides: Partial<TokenServerOptions> = {}) =>
    startTokenServer({
      clientId: 'harness',
      publicKey: rsa.publicKey,
      alg: 'RS384',
      kid: 'harness-key-1',
      ...overrides,
    });
  const readPatient = (client: HttpClient) =>
    client.send({ method: 'GET', url: `${server!.fhirBase}/Patient/p1` });

  function clientFor(auth: AuthConfig, now: () => number = Date.now) {
    const redactor = createRedactor([]);
    const provider = createAuthProvider(auth, { baseUrl: server!.fhirBase, redactor, now });
    return { client: plainClient({ auth: provider, redactor }), redactor };
  }

  describe('smart-backend', () => {
    it('discovers the token endpoint, signs an RS384 assertion the server verifies, and sends the token', async () => {
      server = await startSmartServer();
      const { client } = clientFor(smart());
      const result = await readPatient(client);
      expect(server.tokenRequests[0]?.error).to.equal(undefined);
      expect(result.response?.status).to.equal(200);
      const { form } = server.tokenRequests[0]!;
      expect(form.scope).to.equal('system/Observation.read system/Patient.read');
      const header = decodeProtectedHeader(form.client_assertion!);
      const claims = decodeJwt(form.client_assertion!);
      expect(header).to.include({ alg: 'RS384', kid: 'harness-key-1', typ: 'JWT' });
      expect(claims).to.include({ iss: 'harness', sub: 'harness', aud: server.tokenUrl });
      expect(claims.exp! - claims.iat!).to.be.at.most(300);
    });

    it('signs ES384 with a JWK set key and uses the configured token URL without discovery', async () => {
      server = await startTokenServer({
        clientId: 'harness',
        publicKey: ec.publicKey,
        alg: 'ES384',
        kid: 'ec-1',
      });
      const jwks = JSON.stringify({ keys: [{ ...ec.privateKey.export({ format: 'jwk' }), kid: 'ec-1' }] });
      const { client } = clientFor(
        smart({ alg: 'ES384', keyId: 'ec-1', privateKey: jwks, tokenUrl: server.tokenUrl }),
      );
      const result = await readPatient(client);
      expect(server.tokenRequests.map((r) => r.error)).to.deep.equal([undefined]);
      expect(result.response?.status).to.equal(200);
    });

    it('reuses the cached token, then renews it shortly before it expires with a fresh jti', async () => {
      server = await startSmartServer({ expiresIn: 300 });
      let offset = 0;
      const { client } = clientFor(smart(), () => Date.now() + offset);
      const get = () => readPatient(client);
      await Promise.all([get(), get(), get()]);
      await get();
      expect(server.tokenRequests).to.have.length(1);
      offset = 275_000; // inside the last tenth of the 300 s lifetime
      const later = await get();
      expect(later.response?.status).to.equal(200);
      expect(server.tokenRequests).to.have.length(2);
      expect(server.tokenRequests.map((r) => r.error)).to.deep.equal([undefined, undefined]);
      const jtis = server.tokenRequests.map((r) => decodeJwt(r.form.client_assertion!).jti);
      expect(new Set(jtis).size).to.equal(2);
    });

    it('obtains a new token once when the server answers 401, and retries the request', async () => {
      server = await startSmartServer();
      const { client } = clientFor(smart());
      await readPatient(client);
      server.revokeAll();
      const result = await readPatient(client);
      expect(result.response?.status).to.equal(200);
      expect(server.tokenRequests).to.have.length(2);
      expect(result.exchange.retries).to.deep.equal([
        { reason: '401: a new access token was obtained', waitMs: 0 },
      ]);
    });

    it('refreshes only once when the server keeps answering 401', async () => {
      server = await startSmartServer();
      server.rejectAll = true;
      const { client } = clientFor(smart());
      const result = await readPatient(client);
      expect(result.response?.status).to.equal(401);
      expect(server.tokenRequests).to.have.length(2);
      expect(server.fhirAuthorizations).to.have.length(2);
    });

    it('keeps tokens out of stored exchanges', async () => {
      server = await startSmartServer();
      const { client } = clientFor(smart());
      const result = await readPatient(client);
      expect(result.response?.bodyText).to.match(/you sent tok-1-/);
      expect(result.exchange.responseBody).to.include(`you sent ${REDACTED}`);
      expect(JSON.stringify(result.exchange)).not.to.match(/tok-1-/);
      expect(result.exchange.requestHeaders.Authorization).to.equal(`Bearer ${REDACTED}`);
    });

    it('reports a rejected assertion as an AUTH fault with the server error, without the assertion', async () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
      server = await startSmartServer({ publicKey: other.publicKey });
      const { client } = clientFor(smart());
      const result = await readPatient(client);
      expect(result.fault?.code).to.equal('AUTH');
      expect(result.fault?.message).to.match(
        /token request to .*\/auth\/token failed: HTTP 401 invalid_client: signature verification failed/,
      );
      expect(result.fault?.message).not.to.include(server.tokenRequests[0]!.form.client_assertion!);
    });

    it('says how to skip discovery when .well-known/smart-configuration is missing', async () => {
      server = await startSmartServer();
      const redactor = createRedactor([]);
      const provider = createAuthProvider(smart(), { baseUrl: `${server.loopback.url}/other`, redactor });
      const result = await plainClient({ auth: provider, redactor }).send({
        method: 'GET',
        url: server.fhirBase,
      });
      expect(result.fault?.code).to.equal('AUTH');
      expect(result.fault?.message).to.match(
        /SMART discovery failed: GET .*\/other\/.well-known\/smart-configuration answered HTTP 404\. Set auth.tokenUrl/,
      );
    });

    it('rejects unusable keys before anything is sent, without quoting the key', () => {
      const redactor = createRedactor([]);
      const make = (overrides: Parameters<typeof smart>[0]) => () =>
        createAuthProvider(smart(overrides), { redactor });
      expect(make({ privateKey: 'keys/missing.pem' })).to.throw(
        UsageError,
        /neither a PEM block nor JWK JSON/,
      );
      expect(make({ privateKey: '{"kty": "RSA", oops' })).to.throw(
        UsageError,
        /looks like JSON but is not valid JSON\./,
      );
      expect(make({ privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' })).to.throw(
        UsageError,
        /could not be read/,
      );
      expect(make({ alg: 'ES384' })).to.throw(UsageError, /ES384 needs an EC P-384 key, this is a rsa key/);
      expect(make({ privateKey: pem(ec.privateKey) })).to.throw(
        UsageError,
        /RS384 needs an RSA key, this is a ec key/,
      );
      const publicJwk = JSON.stringify(rsa.publicKey.export({ format: 'jwk' }));
      expect(make({ privateKey: publicJwk })).to.throw(UsageError, /JWK is a public key/);
      const jwks = JSON.stringify({ keys: [{ kid: 'a' }, { kid: 'b' }] });
      expect(make({ privateKey: jwks })).to.throw(UsageError, /no key with kid "harness-key-1"/);
    });
  });

  describe('client-credentials', () => {
    const secret = 's3cret-value/with+symbols';
    const config = (clientAuth?: 'basic' | 'form'): AuthConfig => ({
      type: 'client-credentials',
      clientId: 'harness client',
      clientSecret: secret,
      scope: 'system/*.read',
      tokenUrl: server!.tokenUrl,
      ...(clientAuth ? { clientAuth } : {}),
    });

    it('sends the secret with HTTP Basic by default (form-encoded id and secret)', async () => {
      server = await startTokenServer({ clientId: 'harness client', clientSecret: secret });
      const { client } = clientFor(config());
      const result = await readPatient(client);
      expect(result.response?.status).to.equal(200);
      expect(server.tokenRequests[0]!.authorization).to.match(/^Basic /);
      expect(server.tokenRequests[0]!.form).to.deep.equal({
        grant_type: 'client_credentials',
        scope: 'system/*.read',
      });
    });

    it('sends the secret as form fields when clientAuth is form', async () => {
      server = await startTokenServer({ clientId: 'harness client', clientSecret: secret });
      const { client } = clientFor(config('form'));
      const result = await readPatient(client);
      expect(result.response?.status).to.equal(200);
      expect(server.tokenRequests[0]!.authorization).to.equal(undefined);
      expect(server.tokenRequests[0]!.form.client_secret).to.equal(secret);
    });

    it('reports a wrong secret as an AUTH fault that does not contain the secret', async () => {
      server = await startTokenServer({ clientId: 'harness client', clientSecret: 'something-else' });
      const { client, redactor } = clientFor(config());
      const result = await readPatient(client);
      expect(result.fault?.code).to.equal('AUTH');
      expect(result.fault?.message).to.match(/failed: HTTP 401 invalid_client$/);
      expect(redactor.text(`x ${secret}`)).to.equal(`x ${REDACTED}`);
    });
  });
});
