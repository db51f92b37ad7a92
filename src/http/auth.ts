// Authentication providers. Each adds credentials to a request; token-based providers cache their token,
// renew it before it expires and once more when the server answers 401 (see token.ts and smart.ts).
import axios, { type AxiosInstance } from 'axios';
import { HarnessBug } from '../common/errors.js';
import type { AuthConfig } from '../model/target.js';
import type { Redactor } from './redact.js';
import { smartBackendTokenFetcher } from './smart.js';
import { createTokenProvider, requestToken, type TokenRequestContext } from './token.js';

export interface AuthProvider {
  /** Headers to add to the next request. Throws a ServerFault (AUTH) when no credentials can be obtained. */
  headers(): Promise<Record<string, string>>;
  /**
   * Called once after a 401, with the headers the rejected request carried; returns true when new
   * credentials were obtained and the request may be retried.
   */
  refresh?(rejected?: Readonly<Record<string, string>>): Promise<boolean>;
}

export interface AuthContext {
  /** The FHIR base URL (SMART discovery reads `<baseUrl>/.well-known/smart-configuration`). */
  readonly baseUrl?: string;
  /** Token and discovery requests use the same TLS and proxy settings as the FHIR requests. */
  readonly axios?: AxiosInstance;
  /** Required for token-based auth: every token obtained is added to it. */
  readonly redactor?: Redactor;
  readonly timeoutMs?: number;
  /** Epoch milliseconds (tests move time forward to exercise renewal). */
  readonly now?: () => number;
}

export function createAuthProvider(auth: AuthConfig, context: AuthContext = {}): AuthProvider {
  switch (auth.type) {
    case 'none':
      return { headers: async () => ({}) };
    case 'bearer':
      context.redactor?.add(auth.token);
      return { headers: async () => ({ Authorization: `Bearer ${auth.token}` }) };
    case 'basic': {
      context.redactor?.add(auth.password);
      const value = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      return { headers: async () => ({ Authorization: `Basic ${value}` }) };
    }
    case 'client-credentials': {
      const ctx = tokenContext(auth.type, context);
      ctx.redactor.add(auth.clientSecret);
      const { form, headers } = clientSecretCredentials(auth);
      const request: Record<string, string> = { grant_type: 'client_credentials', ...form };
      if (auth.scope) request.scope = auth.scope;
      return createTokenProvider(() => requestToken(auth.tokenUrl, request, headers, ctx), ctx.now);
    }
    case 'smart-backend': {
      const ctx = tokenContext(auth.type, context);
      ctx.redactor.add(auth.privateKey);
      return createTokenProvider(smartBackendTokenFetcher(auth, context.baseUrl, ctx), ctx.now);
    }
  }
}

function tokenContext(type: string, context: AuthContext): TokenRequestContext {
  if (!context.redactor) throw new HarnessBug(`${type} auth was created without a redactor for its tokens`);
  return {
    axios: context.axios ?? axios.create(),
    redactor: context.redactor,
    timeoutMs: context.timeoutMs ?? 30_000,
    now: context.now ?? Date.now,
  };
}

/** RFC 6749 §2.3.1: HTTP Basic with form-encoded id and secret, or the two as form fields. */
function clientSecretCredentials(auth: Extract<AuthConfig, { type: 'client-credentials' }>): {
  form: Record<string, string>;
  headers: Record<string, string>;
} {
  if (auth.clientAuth === 'form') {
    return { form: { client_id: auth.clientId, client_secret: auth.clientSecret }, headers: {} };
  }
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const basic = Buffer.from(`${encode(auth.clientId)}:${encode(auth.clientSecret)}`).toString('base64');
  return { form: {}, headers: { Authorization: `Basic ${basic}` } };
}
