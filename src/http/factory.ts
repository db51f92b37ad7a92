// Builds the run's HttpClient from a target config: transport (TLS, proxy), auth, rate limit and retries.
import type { TargetConfig } from '../model/target.js';
import { createAuthProvider } from './auth.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_STORED_BODY_CHARS,
  HttpClient,
  type RetryPolicy,
} from './client.js';
import { createRateLimiter, type Clock } from './rate-limit.js';
import type { Redactor } from './redact.js';
import { createTransport } from './transport.js';

export interface CreateHttpClientOptions {
  /** The run's redactor; tokens obtained during the run are added to it. */
  readonly redactor: Redactor;
  /** `--rate-limit`: requests a second across all concurrent requests. */
  readonly rateLimitPerSecond?: number;
  /** Sizes the connection pool (default 64 connections per host). */
  readonly concurrency?: number;
  /** Defaults to the target's `timeoutMs`. */
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly maxStoredBodyChars?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Where warnings are printed as soon as they are known (default console.warn). */
  readonly onWarning?: (message: string) => void;
  /** The proxy for a URL ('' for none); default: HTTP_PROXY / HTTPS_PROXY / NO_PROXY. */
  readonly proxyForUrl?: (url: string) => string;
  /** For tests. */
  readonly clock?: Clock;
  readonly now?: () => number;
}

/**
 * The one client a run uses. Throws UsageError for unusable TLS or key settings (nothing was sent).
 * `warnings` (e.g. insecure TLS) have already been printed; the runner adds them to RunResult.warnings.
 */
export function createHttpClient(
  target: TargetConfig & { baseUrl: string },
  options: CreateHttpClientOptions,
): { client: HttpClient; warnings: string[] } {
  const timeoutMs = options.timeoutMs ?? target.timeoutMs;
  const transport = createTransport({
    targetName: target.name,
    ...(target.tls ? { tls: target.tls } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
    ...(options.concurrency ? { maxSockets: Math.max(options.concurrency, 8) } : {}),
  });
  const auth = createAuthProvider(target.auth, {
    baseUrl: target.baseUrl,
    axios: transport.axios,
    redactor: options.redactor,
    timeoutMs,
    ...(options.now ? { now: options.now } : {}),
  });
  const clock = options.clock ? { clock: options.clock } : {};
  const client = new HttpClient({
    timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxStoredBodyChars: options.maxStoredBodyChars ?? DEFAULT_MAX_STORED_BODY_CHARS,
    defaultHeaders: target.headers,
    auth,
    redactor: options.redactor,
    axiosInstance: transport.axios,
    ...(options.rateLimitPerSecond
      ? { rateLimiter: createRateLimiter(options.rateLimitPerSecond, clock) }
      : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...clock,
    onClose: () => transport.close(),
  });
  const warnings = [...transport.warnings];
  for (const warning of warnings) (options.onWarning ?? console.warn)(`WARNING: ${warning}`);
  return { client, warnings };
}
