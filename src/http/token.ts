// OAuth 2.0 access tokens (RFC 6749 §4.4 client credentials): the token request itself, and a provider
// that caches the token, renews it shortly before it expires and once more when the server answers 401.
// Token requests are never recorded in exchanges; every token obtained is registered with the redactor.
import { AxiosError, type AxiosInstance } from 'axios';
import { ServerFault } from '../common/errors.js';
import type { AuthProvider } from './auth.js';
import type { Redactor } from './redact.js';

export interface AccessToken {
  readonly value: string;
  /** Epoch milliseconds; Infinity when the server gave no `expires_in`. */
  readonly expiresAt: number;
  readonly obtainedAt: number;
}

export interface TokenRequestContext {
  readonly axios: AxiosInstance;
  readonly redactor: Redactor;
  readonly timeoutMs: number;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

/** Renew this long before expiry (at most), so a token never expires between the check and its use. */
const RENEW_MARGIN_MS = 60_000;

/** POSTs a form to the token endpoint and reads the access token (RFC 6749 §5.1 and §5.2). */
export async function requestToken(
  tokenUrl: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  ctx: TokenRequestContext,
): Promise<AccessToken> {
  const fail = (message: string) =>
    new ServerFault('AUTH', ctx.redactor.text(`token request to ${tokenUrl} failed: ${message}`));
  const obtainedAt = ctx.now();
  let status: number;
  let data: unknown;
  try {
    const res = await ctx.axios.request<string>({
      method: 'POST',
      url: tokenUrl,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...headers,
      },
      data: new URLSearchParams(form).toString(),
      timeout: ctx.timeoutMs,
      responseType: 'text',
      transformResponse: (text: string) => text,
      maxRedirects: 0,
      validateStatus: () => true,
    });
    status = res.status;
    data = parseJson(res.data);
  } catch (err) {
    throw fail(err instanceof AxiosError || err instanceof Error ? err.message : String(err));
  }
  if (status !== 200) {
    const error = describeOAuthError(data);
    throw fail(`HTTP ${status}${error ? ` ${error}` : ''}`);
  }
  const body = (data ?? {}) as Record<string, unknown>;
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw fail('the response has no access_token');
  }
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') {
    throw fail(`token_type must be "bearer" (got ${JSON.stringify(body.token_type ?? null)})`);
  }
  ctx.redactor.add(body.access_token);
  const expiresIn = Number(body.expires_in);
  return {
    value: body.access_token,
    obtainedAt,
    expiresAt: body.expires_in !== undefined && expiresIn > 0 ? obtainedAt + expiresIn * 1000 : Infinity,
  };
}

/**
 * Bearer credentials from `fetchToken`: one token request at a time however many requests wait for it,
 * renewed before it expires, and renewed once after a 401 unless a newer token is already there.
 */
export function createTokenProvider(fetchToken: () => Promise<AccessToken>, now: () => number): AuthProvider {
  let current: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  const obtain = (): Promise<AccessToken> =>
    (pending ??= fetchToken()
      .then((token) => (current = token))
      .finally(() => (pending = undefined)));
  const usable = (token: AccessToken | undefined): token is AccessToken =>
    token !== undefined &&
    now() < token.expiresAt - Math.min(RENEW_MARGIN_MS, (token.expiresAt - token.obtainedAt) / 10);
  const header = (token: AccessToken) => ({ Authorization: `Bearer ${token.value}` });
  return {
    async headers() {
      return header(usable(current) ? current : await obtain());
    },
    async refresh(rejected) {
      // Another request may already have replaced the token the server rejected.
      if (usable(current) && rejected && rejected.Authorization !== header(current).Authorization)
        return true;
      try {
        await obtain();
        return true;
      } catch {
        return false;
      }
    },
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `invalid_client: The client assertion signature is invalid` from an RFC 6749 §5.2 error body. */
function describeOAuthError(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { error, error_description: description } = data as Record<string, unknown>;
  if (typeof error !== 'string') return undefined;
  return typeof description === 'string' ? `${error}: ${description}` : error;
}
