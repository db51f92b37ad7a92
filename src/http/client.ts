// The one HTTP client every request goes through (suites, preflight, paging). It returns the raw
// response text and a redacted exchange record; interpreting the body is the engine's job.
import axios, { type AxiosInstance, AxiosError } from 'axios';
import type { HttpExchange } from '../model/results.js';
import { ServerFault } from '../errors.js';
import type { AuthProvider } from './auth.js';
import type { Redactor } from './redact.js';

export interface HttpRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Per-request override of the client timeout. */
  readonly timeoutMs?: number;
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
}

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_STORED_BODY_CHARS = 256 * 1024;

export class HttpClient {
  private readonly axios: AxiosInstance;

  constructor(private readonly options: HttpClientOptions) {
    this.axios = options.axiosInstance ?? axios.create();
  }

  async send(request: HttpRequest): Promise<HttpResult> {
    let result = await this.sendOnce(request);
    if (result.response?.status === 401 && this.options.auth.refresh && (await this.options.auth.refresh())) {
      result = await this.sendOnce(request);
    }
    return result;
  }

  private async sendOnce(request: HttpRequest): Promise<HttpResult> {
    const headers = {
      Accept: 'application/fhir+json',
      ...this.options.defaultHeaders,
      ...(request.body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
      ...request.headers,
      ...(await this.options.auth.headers()),
    };
    const startedAt = new Date();
    const started = performance.now();
    const { redactor, maxStoredBodyChars } = this.options;
    const base = {
      method: request.method,
      url: redactor.text(request.url),
      requestHeaders: redactor.headers(headers),
      ...(request.body !== undefined
        ? { requestBody: trim(redactor.text(request.body), maxStoredBodyChars).text }
        : {}),
      startedAt: startedAt.toISOString(),
    };
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
        maxRedirects: 5,
        validateStatus: () => true,
        decompress: true,
      });
      const durationMs = performance.now() - started;
      const responseHeaders = flattenHeaders(res.headers as Record<string, unknown>);
      const bodyText = typeof res.data === 'string' ? res.data : String(res.data ?? '');
      const stored = trim(redactor.text(bodyText), maxStoredBodyChars);
      return {
        exchange: {
          ...base,
          status: res.status,
          responseHeaders: redactor.headers(responseHeaders),
          responseBody: stored.text,
          ...(stored.truncated ? { responseTruncated: true } : {}),
          durationMs,
        },
        response: { status: res.status, headers: responseHeaders, bodyText, durationMs },
      };
    } catch (err) {
      const fault = classifyNetworkError(err, request, this.options);
      return {
        exchange: {
          ...base,
          durationMs: performance.now() - started,
          error: { code: fault.code, message: redactor.text(fault.message) },
        },
        fault: new ServerFault(fault.code, redactor.text(fault.message)),
      };
    }
  }
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
): { code: ServerFault['code']; message: string } {
  const what = `${request.method} ${request.url}`;
  if (err instanceof AxiosError) {
    const code = err.code ?? '';
    const cause = (err.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || cause === 'ETIMEDOUT') {
      return {
        code: 'TIMEOUT',
        message: `${what}: no answer within ${request.timeoutMs ?? options.timeoutMs} ms`,
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
