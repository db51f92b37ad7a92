// The one HTTP client every request goes through (suites, preflight, paging). It returns the raw
// response text and a redacted exchange record; interpreting the body is the engine's job.
import axios, { type AxiosInstance, AxiosError } from 'axios';
import type { HttpExchange, HttpRedirect, HttpRetry } from '../results/model.js';
import { ServerFault } from '../common/errors.js';
import type { AuthProvider } from './auth.js';
import type { Redactor } from './redact.js';
import { realClock, type Clock, type RateLimiter } from './rate-limit.js';
import { parseRetryAfter } from './retry-after.js';

export interface HttpRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Per-request override of the client timeout. */
  readonly timeoutMs?: number;
  /** Cancels the request, and any wait before resending it; the result is a CANCELLED fault. */
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly durationMs: number;
}

export interface HttpResult {
  /** Redacted, body trimmed: safe to store in results. */
  readonly exchange: HttpExchange;
  /** Absent when no usable response came back; `fault` says why. */
  readonly response?: HttpResponse;
  readonly fault?: ServerFault;
}

export interface HttpClientOptions {
  readonly timeoutMs: number;
  /** Larger bodies are refused (BODY_TOO_LARGE) rather than buffered. */
  readonly maxResponseBytes: number;
  /** Bodies stored in exchanges are cut to this many characters. */
  readonly maxStoredBodyChars: number;
  readonly defaultHeaders: Readonly<Record<string, string>>;
  readonly auth: AuthProvider;
  readonly redactor: Redactor;
  /** For TLS and proxies (set by the connectivity layer). */
  readonly axiosInstance?: AxiosInstance;
  /** Shared by every request of the run (`--rate-limit`). */
  readonly rateLimiter?: RateLimiter;
  readonly retry?: Partial<RetryPolicy>;
  /** Waiting between attempts; tests pass a fake. */
  readonly clock?: Clock;
  /** Called by `close()`: releases kept-alive connections. */
  readonly onClose?: () => void;
}

export interface RetryPolicy {
  /** Extra attempts for an idempotent request after a reset, refused connection or timeout. */
  readonly networkRetries: number;
  /** Wait before the first network retry; doubled for each later one. */
  readonly backoffMs: number;
  /** A 429/503 whose Retry-After asks for longer than this fails instead of waiting. */
  readonly maxRetryAfterMs: number;
  /** How many times one request waits for Retry-After before it gives up. */
  readonly maxRetryAfterWaits: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  networkRetries: 2,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  maxRetryAfterWaits: 3,
};

/** Methods that can be sent twice without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Network faults worth another attempt; anything else (DNS, TLS, body too large) will fail again. */
const RETRYABLE_FAULTS = new Set<ServerFault['code']>(['CONNECTION_RESET', 'CONNECTION_REFUSED', 'TIMEOUT']);

/** Redirects followed for one request (a gateway may add a slash or move to HTTPS). */
const MAX_REDIRECTS = 5;

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_STORED_BODY_CHARS = 256 * 1024;

export class HttpClient {
  private readonly axios: AxiosInstance;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(private readonly options: HttpClientOptions) {
    this.axios = options.axiosInstance ?? axios.create();
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock ?? realClock;
  }

  /**
   * Sends one request. Network failures of idempotent requests are retried a bounded number of times,
   * 429/503 with Retry-After are waited for within a bound, and a 401 refreshes the credentials once.
   * Every extra attempt is listed in `exchange.retries`.
   */
  async send(request: HttpRequest): Promise<HttpResult> {
    const retries: HttpRetry[] = [];
    let refreshed = false;
    let networkRetries = 0;
    let retryAfterWaits = 0;
    for (;;) {
      await this.options.rateLimiter?.take(request.signal);
      if (request.signal?.aborted) return withRetries(cancelled(request, this.options.redactor), retries);
      const { result, authHeaders } = await this.sendOnce(request);
      const status = result.response?.status;
      const { auth } = this.options;
      if (status === 401 && !refreshed && auth.refresh) {
        refreshed = true;
        if (await auth.refresh(authHeaders)) {
          retries.push({ reason: '401: a new access token was obtained', waitMs: 0 });
          continue;
        }
      }
      if ((status === 429 || status === 503) && result.response) {
        const waitMs = parseRetryAfter(result.response.headers['retry-after']);
        if (waitMs !== undefined) {
          const refusal = this.refuseRetryAfter(request, status, waitMs, retryAfterWaits);
          if (refusal) return withRetries(refusal(result), retries);
          retryAfterWaits++;
          retries.push({
            reason: `${status} with Retry-After: ${result.response.headers['retry-after']}`,
            waitMs,
          });
          await this.clock.sleep(waitMs, request.signal);
          continue;
        }
      }
      const fault = result.fault;
      if (
        fault &&
        RETRYABLE_FAULTS.has(fault.code) &&
        IDEMPOTENT.has(request.method.toUpperCase()) &&
        networkRetries < this.retry.networkRetries
      ) {
        const waitMs = this.retry.backoffMs * 2 ** networkRetries;
        networkRetries++;
        retries.push({ reason: `${fault.code}: ${fault.message}`, waitMs });
        await this.clock.sleep(waitMs, request.signal);
        continue;
      }
      return withRetries(result, retries);
    }
  }

  /** Releases kept-alive connections (call once the run is over). */
  close(): void {
    this.options.onClose?.();
  }

  /** When the server's Retry-After cannot be honoured: turns the answer into a RATE_LIMITED fault. */
  private refuseRetryAfter(
    request: HttpRequest,
    status: number,
    waitMs: number,
    waitsSoFar: number,
  ): ((result: HttpResult) => HttpResult) | undefined {
    const what = `${request.method} ${this.options.redactor.text(request.url)}`;
    let message: string | undefined;
    if (waitMs > this.retry.maxRetryAfterMs) {
      message =
        `${what}: the server answered ${status} and asked to retry after ${seconds(waitMs)}, ` +
        `longer than the ${seconds(this.retry.maxRetryAfterMs)} the harness waits at most; ` +
        `run again later, or with a lower --rate-limit`;
    } else if (waitsSoFar >= this.retry.maxRetryAfterWaits) {
      message = `${what}: the server still answered ${status} after ${waitsSoFar} waits for Retry-After`;
    }
    if (message === undefined) return undefined;
    const fault = new ServerFault('RATE_LIMITED', message);
    return (result) => ({
      exchange: { ...result.exchange, error: { code: fault.code, message } },
      fault,
    });
  }

  private async sendOnce(
    request: HttpRequest,
  ): Promise<{ result: HttpResult; authHeaders: Record<string, string> }> {
    const { redactor, maxStoredBodyChars } = this.options;
    const startedAt = new Date();
    const started = performance.now();
    let authHeaders: Record<string, string> = {};
    let authFault: ServerFault | undefined;
    try {
      authHeaders = await this.options.auth.headers();
    } catch (err) {
      authFault =
        err instanceof ServerFault
          ? err
          : new ServerFault(
              'AUTH',
              `could not obtain credentials: ${err instanceof Error ? err.message : String(err)}`,
            );
    }
    const headers = {
      Accept: 'application/fhir+json',
      ...this.options.defaultHeaders,
      // FHIR R4 http: bodies are UTF-8, and the Content-Type says so (HTTP's default charset is ISO-8859-1).
      ...(request.body !== undefined ? { 'Content-Type': 'application/fhir+json; charset=utf-8' } : {}),
      ...request.headers,
      ...authHeaders,
    };
    const base = {
      method: request.method,
      url: redactor.text(request.url),
      requestHeaders: redactor.headers(headers),
      ...(request.body !== undefined
        ? { requestBody: trim(redactor.text(request.body), maxStoredBodyChars).text }
        : {}),
      startedAt: startedAt.toISOString(),
    };
    const failed = (fault: { code: ServerFault['code']; message: string }) => {
      const message = redactor.text(fault.message);
      return {
        result: {
          exchange: {
            ...base,
            durationMs: performance.now() - started,
            error: { code: fault.code, message },
          },
          fault: new ServerFault(fault.code, message),
        },
        authHeaders,
      };
    };
    if (authFault) return failed(authFault);
    const redirects: HttpRedirect[] = [];
    try {
      const res = await this.axios.request<string>({
        method: request.method,
        url: request.url,
        headers,
        data: request.body,
        timeout: request.timeoutMs ?? this.options.timeoutMs,
        responseType: 'text',
        transformResponse: (data: string) => data,
        maxContentLength: this.options.maxResponseBytes,
        maxRedirects: MAX_REDIRECTS,
        // Called by follow-redirects with the next request's options (`href` is its URL).
        beforeRedirect: (next, answer) => {
          redirects.push({ status: answer.statusCode, location: redactor.text(String(next.href)) });
        },
        validateStatus: () => true,
        decompress: true,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const durationMs = performance.now() - started;
      const responseHeaders = flattenHeaders(res.headers as Record<string, unknown>);
      const bodyText = typeof res.data === 'string' ? res.data : String(res.data ?? '');
      const stored = trim(redactor.text(bodyText), maxStoredBodyChars);
      return {
        result: {
          exchange: {
            ...base,
            status: res.status,
            responseHeaders: redactor.headers(responseHeaders),
            responseBody: stored.text,
            ...(stored.truncated ? { responseTruncated: true } : {}),
            durationMs,
            ...(redirects.length > 0 ? { redirects } : {}),
          },
          response: { status: res.status, headers: responseHeaders, bodyText, durationMs },
        },
        authHeaders,
      };
    } catch (err) {
      return failed(classifyNetworkError(err, request, this.options, performance.now() - started));
    }
  }
}

function cancelledMessage(request: HttpRequest, redactor: Redactor): string {
  const reason = request.signal?.reason;
  return `${redactor.text(`${request.method} ${request.url}`)}: the request was cancelled${typeof reason === 'string' ? ` (${reason})` : ''}`;
}

/** The result of a request cancelled before it was sent (again). */
function cancelled(request: HttpRequest, redactor: Redactor): HttpResult {
  const message = cancelledMessage(request, redactor);
  return {
    exchange: {
      method: request.method,
      url: redactor.text(request.url),
      requestHeaders: {},
      startedAt: new Date().toISOString(),
      durationMs: 0,
      error: { code: 'CANCELLED', message },
    },
    fault: new ServerFault('CANCELLED', message),
  };
}

function withRetries(result: HttpResult, retries: readonly HttpRetry[]): HttpResult {
  return retries.length === 0 ? result : { ...result, exchange: { ...result.exchange, retries } };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function trim(text: string, max: number): { text: string; truncated: boolean } {
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}

function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Turns an axios/network error into a fault code and a message naming the request and the cause. */
function classifyNetworkError(
  err: unknown,
  request: HttpRequest,
  options: HttpClientOptions,
  elapsedMs: number,
): { code: ServerFault['code']; message: string } {
  const what = `${request.method} ${request.url}`;
  const timeoutMs = request.timeoutMs ?? options.timeoutMs;
  if (axios.isCancel(err) || (err instanceof AxiosError && err.code === 'ERR_CANCELED')) {
    return { code: 'CANCELLED', message: cancelledMessage(request, options.redactor) };
  }
  if (err instanceof AxiosError) {
    const code = err.code ?? '';
    const cause = (err.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || cause === 'ETIMEDOUT') {
      return { code: 'TIMEOUT', message: `${what}: no answer within ${timeoutMs} ms` };
    }
    // The status line and headers came, then the body stopped: cut by our time limit or by the server.
    if (code === 'ERR_BAD_RESPONSE' && err.response && /stream has been aborted/i.test(err.message)) {
      const status = `status ${err.response.status}`;
      return elapsedMs >= timeoutMs * 0.95
        ? {
            code: 'TIMEOUT',
            message: `${what}: the answer began (${status}) but its body did not finish within ${timeoutMs} ms`,
          }
        : {
            code: 'CONNECTION_RESET',
            message: `${what}: the connection ended before the body was complete (${status})`,
          };
    }
    if (/^(Z_|ERR_BROTLI|ERR__?ZLIB)/.test(code)) {
      return {
        code: 'BAD_ENCODING',
        message: `${what}: the body could not be decompressed as its Content-Encoding header says (${err.message})`,
      };
    }
    if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
      return {
        code: 'NETWORK',
        message: `${what}: the server kept redirecting (more than ${MAX_REDIRECTS} redirects)`,
      };
    }
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(err.message)) {
      return {
        code: 'BODY_TOO_LARGE',
        message: `${what}: the response body is larger than ${options.maxResponseBytes} bytes`,
      };
    }
    if (code === 'ECONNREFUSED' || cause === 'ECONNREFUSED') {
      return { code: 'CONNECTION_REFUSED', message: `${what}: connection refused` };
    }
    if (code === 'ECONNRESET' || cause === 'ECONNRESET' || /socket hang up/i.test(err.message)) {
      return {
        code: 'CONNECTION_RESET',
        message: `${what}: the server closed the connection (${err.message})`,
      };
    }
    if (code === 'ENOTFOUND' || cause === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return { code: 'DNS', message: `${what}: host not found` };
    }
    if (/CERT|SSL|TLS/i.test(code) || /CERT|SSL|TLS/i.test(cause)) {
      return { code: 'TLS', message: `${what}: TLS problem (${err.message})` };
    }
    return { code: 'NETWORK', message: `${what}: ${err.message}` };
  }
  return { code: 'NETWORK', message: `${what}: ${err instanceof Error ? err.message : String(err)}` };
}
