// A loopback authorization server + FHIR endpoint for the auth tests. It verifies SMART client assertions
// with the client's public key (signature, iss/sub/aud, lifetime, unique jti, kid) or a client secret.
import type { KeyObject } from 'node:crypto';
import type { TestPki } from './certs.js';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { sendJson, startLoopback, type Loopback } from './loopback.js';

export interface TokenServerOptions {
  readonly clientId: string;
  readonly publicKey?: KeyObject;
  readonly alg?: string;
  readonly kid?: string;
  readonly clientSecret?: string;
  readonly expiresIn?: number;
  /** Serve HTTPS with this certificate. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export interface TokenServer {
  readonly loopback: Loopback;
  readonly fhirBase: string;
  readonly tokenUrl: string;
  /** Every token request's form fields and Authorization header, in order. */
  readonly tokenRequests: { form: Record<string, string>; authorization?: string; error?: string }[];
  readonly fhirAuthorizations: (string | undefined)[];
  /** Makes every token issued so far invalid (the FHIR endpoint answers 401). */
  revokeAll(): void;
  /** When set, the FHIR endpoint answers 401 whatever the token. */
  rejectAll: boolean;
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const valid = new Set<string>();
  const seenJti = new Set<string>();
  let issued = 0;
  const state: { tokenUrl: string; rejectAll: boolean } = { tokenUrl: '', rejectAll: false };
  const tokenRequests: TokenServer['tokenRequests'] = [];
  const fhirAuthorizations: (string | undefined)[] = [];

  const checkClient = async (
    form: Record<string, string>,
    authorization: string | undefined,
  ): Promise<string | undefined> => {
    if (form.grant_type !== 'client_credentials') return 'unsupported_grant_type';
    if (form.client_assertion !== undefined) {
      if (!options.publicKey) return 'invalid_client';
      if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return 'invalid_request';
      try {
        const header = decodeProtectedHeader(form.client_assertion);
        if (header.kid !== options.kid) return 'invalid_client: wrong kid';
        const { payload } = await jwtVerify(form.client_assertion, options.publicKey, {
          algorithms: [options.alg ?? 'RS384'],
          issuer: options.clientId,
          subject: options.clientId,
          audience: state.tokenUrl,
          requiredClaims: ['exp', 'jti'],
        });
        if (payload.exp! - Math.floor(Date.now() / 1000) > 300)
          return 'invalid_client: exp more than 5 minutes ahead';
        if (seenJti.has(payload.jti!)) return 'invalid_client: jti reused';
        seenJti.add(payload.jti!);
        return undefined;
      } catch (err) {
        return `invalid_client: ${(err as Error).message}`;
      }
    }
    const basic = authorization?.startsWith('Basic ')
      ? Buffer.from(authorization.slice(6), 'base64')
          .toString()
          .split(':')
          .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
      : [form.client_id, form.client_secret];
    return basic[0] === options.clientId && basic[1] === options.clientSecret ? undefined : 'invalid_client';
  };

  const loopback = await startLoopback(async (req, res, body) => {
    const url = req.url ?? '';
    if (url === '/fhir/.well-known/smart-configuration') {
      return sendJson(res, 200, {
        token_endpoint: state.tokenUrl,
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (url === '/auth/token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(body));
      const error = await checkClient(form, req.headers.authorization);
      tokenRequests.push({ form, authorization: req.headers.authorization, ...(error ? { error } : {}) });
      if (error) {
        const [code, description] = error.split(': ');
        return sendJson(res, 401, {
          error: code,
          ...(description ? { error_description: description } : {}),
        });
      }
      const token = `tok-${++issued}-${Math.random().toString(36).slice(2)}`;
      valid.add(token);
      return sendJson(res, 200, {
        access_token: token,
        token_type: 'Bearer',
        scope: form.scope,
        ...(options.expiresIn !== undefined ? { expires_in: options.expiresIn } : {}),
      });
    }
    if (url === '/fhir/metadata') {
      return sendJson(res, 200, {
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }] }] }],
      });
    }
    if (url.startsWith('/fhir/')) {
      fhirAuthorizations.push(req.headers.authorization);
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (state.rejectAll || !valid.has(token))
        return sendJson(res, 401, { resourceType: 'OperationOutcome' });
      return sendJson(res, 200, { resourceType: 'Patient', id: 'p1', note: `you sent ${token}` });
    }
    sendJson(res, 404, {});
  }, options.tls);
  state.tokenUrl = `${loopback.url}/auth/token`;
  return {
    loopback,
    fhirBase: `${loopback.url}/fhir`,
    tokenUrl: state.tokenUrl,
    tokenRequests,
    fhirAuthorizations,
    revokeAll: () => valid.clear(),
    get rejectAll() {
      return state.rejectAll;
    },
    set rejectAll(value: boolean) {
      state.rejectAll = value;
    },
  };
}

/** The HTTPS token server most tests want: client `harness`, an RS384 key known as `k1`, the test PKI's server certificate. */
export function startHttpsSmartServer(
  publicKey: KeyObject,
  pki: TestPki,
  expiresIn?: number,
): Promise<TokenServer> {
  return startTokenServer({
    clientId: 'harness',
    publicKey,
    alg: 'RS384',
    kid: 'k1',
    ...(expiresIn !== undefined ? { expiresIn } : {}),
    tls: { cert: pki.serverCert, key: pki.serverKey },
  });
}
