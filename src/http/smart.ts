// SMART Backend Services (https://hl7.org/fhir/smart-app-launch/backend-services.html): token endpoint
// discovery, the private key, and the signed client assertion (private_key_jwt) sent with each token request.
import { createPrivateKey, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ServerFault, UsageError } from '../common/errors.js';
import type { AuthConfig } from '../model/target.js';
import { requestToken, type AccessToken, type TokenRequestContext } from './token.js';

export type SmartBackendAuth = Extract<AuthConfig, { type: 'smart-backend' }>;

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The specification allows at most 5 minutes; a margin covers a server clock that runs behind ours. */
const ASSERTION_LIFETIME_S = 240;

/** Reads the private key (PEM in any common wrapping, a JWK or a JWKS) and checks it suits `alg`. */
export function importPrivateKey(text: string, alg: SmartBackendAuth['alg'], keyId: string): KeyObject {
  const bad = (why: string) =>
    new UsageError(
      `auth.privateKey (smart-backend, kid "${keyId}"): ${why}. Give a PEM or JWK private key file.`,
    );
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      // The parser's message would quote the key text: say only what is wrong.
      throw bad('the key looks like JSON but is not valid JSON');
    }
    const jwk = pickJwk(parsed, keyId);
    if (!jwk) throw bad(`the JWK set has no key with kid "${keyId}"`);
    if (typeof jwk.d !== 'string') throw bad('the JWK is a public key; the private key is needed');
    key = tryCreate(() => createPrivateKey({ key: jwk, format: 'jwk' }), bad);
  } else if (trimmed.includes('-----BEGIN')) {
    key = tryCreate(() => createPrivateKey(trimmed), bad);
  } else {
    throw bad('the value is neither a PEM block nor JWK JSON (was a file path not found?)');
  }
  const type = key.asymmetricKeyType;
  if (alg === 'RS384' && type !== 'rsa') throw bad(`alg RS384 needs an RSA key, this is a ${type} key`);
  if (alg === 'ES384') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (type !== 'ec' || curve !== 'secp384r1') {
      throw bad(`alg ES384 needs an EC P-384 key, this is a ${type}${curve ? ` ${curve}` : ''} key`);
    }
  }
  return key;
}

function pickJwk(parsed: unknown, keyId: string): JsonWebKey | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return parsed as JsonWebKey;
  const all = keys.filter((k): k is JsonWebKey & { kid?: string } => typeof k === 'object' && k !== null);
  return all.find((k) => k.kid === keyId) ?? (all.length === 1 ? all[0] : undefined);
}

function tryCreate(make: () => KeyObject, bad: (why: string) => UsageError): KeyObject {
  try {
    return make();
  } catch (err) {
    throw bad(`the key could not be read (${(err as Error).message})`);
  }
}

/** The signed JWT that authenticates the client (iss = sub = client id, aud = token URL, unique jti). */
export async function signClientAssertion(
  auth: SmartBackendAuth,
  key: KeyObject,
  tokenUrl: string,
  nowMs: number,
): Promise<string> {
  // Loaded on first use: most targets do not use SMART, and jose adds to every start-up.
  const { SignJWT } = await import('jose');
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: auth.alg, kid: auth.keyId, typ: 'JWT' })
    .setIssuer(auth.clientId)
    .setSubject(auth.clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key);
}

/** Reads `token_endpoint` from `<baseUrl>/.well-known/smart-configuration`. */
export async function discoverTokenEndpoint(baseUrl: string, ctx: TokenRequestContext): Promise<string> {
  const url = `${baseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const fail = (why: string) =>
    new ServerFault(
      'AUTH',
      ctx.redactor.text(
        `SMART discovery failed: GET ${url} ${why}. Set auth.tokenUrl in the target config to skip discovery.`,
      ),
    );
  let res;
  try {
    res = await ctx.axios.request<unknown>({
      method: 'GET',
      url,
      headers: { Accept: 'application/json' },
      timeout: ctx.timeoutMs,
      responseType: 'json',
      validateStatus: () => true,
    });
  } catch (err) {
    throw fail(`did not answer (${(err as Error).message})`);
  }
  if (res.status !== 200) throw fail(`answered HTTP ${res.status}`);
  const endpoint = (res.data as { token_endpoint?: unknown } | null)?.token_endpoint;
  if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
    throw fail('returned no absolute token_endpoint');
  }
  return endpoint;
}

/** Fetches one access token the SMART Backend Services way (discovering the endpoint the first time). */
export function smartBackendTokenFetcher(
  auth: SmartBackendAuth,
  baseUrl: string | undefined,
  ctx: TokenRequestContext,
): () => Promise<AccessToken> {
  const key = importPrivateKey(auth.privateKey, auth.alg, auth.keyId);
  let endpoint: Promise<string> | undefined = auth.tokenUrl ? Promise.resolve(auth.tokenUrl) : undefined;
  const tokenEndpoint = (): Promise<string> => {
    if (endpoint) return endpoint;
    if (!baseUrl)
      throw new UsageError('smart-backend auth needs auth.tokenUrl or the target base URL for discovery');
    // A failed discovery is retried with the next token request rather than remembered.
    return (endpoint = discoverTokenEndpoint(baseUrl, ctx).catch((err: unknown) => {
      endpoint = undefined;
      throw err;
    }));
  };
  return async () => {
    const tokenUrl = await tokenEndpoint();
    // Real time, not ctx.now: the server checks the assertion against its own clock.
    const assertion = await signClientAssertion(auth, key, tokenUrl, Date.now());
    return requestToken(
      tokenUrl,
      {
        grant_type: 'client_credentials',
        scope: auth.scope,
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: assertion,
      },
      {},
      ctx,
    );
  };
}
