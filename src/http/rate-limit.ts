// The request-rate ceiling (`--rate-limit n/s`): one token bucket shared by every concurrent request.
// Hand-written (a dozen lines of GCRA) so tests can drive it with a fake clock instead of real time.
import { setTimeout as wait } from 'node:timers/promises';
import { UsageError } from '../common/errors.js';

export interface RateLimiter {
  /**
   * Resolves when the caller may send one request. Callers are served in the order they asked.
   * Resolves at once when `signal` is aborted (the caller checks it).
   */
  take(signal?: AbortSignal): Promise<void>;
}

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` is aborted; an aborted wait leaves no timer behind. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  // timers/promises rejects an aborted wait; here it just ends.
  sleep: (ms, signal) => wait(ms, undefined, signal ? { signal } : {}).catch(() => undefined),
};

/**
 * A token bucket refilled at `perSecond` tokens a second holding at most `burst` tokens (default 1, so
 * requests are evenly spaced and never bunch up). Implemented as GCRA: each request books the next slot.
 */
export function createRateLimiter(
  perSecond: number,
  options: { burst?: number; clock?: Clock } = {},
): RateLimiter {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
    throw new UsageError(`the rate limit must be a positive number of requests a second (got ${perSecond})`);
  }
  const interval = 1000 / perSecond;
  const tolerance = (Math.max(1, options.burst ?? 1) - 1) * interval;
  const clock = options.clock ?? realClock;
  let theoreticalArrival = -Infinity;
  return {
    async take(signal) {
      const now = clock.now();
      const at = Math.max(now, theoreticalArrival - tolerance);
      theoreticalArrival = Math.max(now, theoreticalArrival) + interval;
      if (at > now) await clock.sleep(at - now, signal);
    },
  };
}

/** Parses `--rate-limit`: `5`, `5/s`, `0.5/s`, `120/min` → requests a second. */
export function parseRateLimit(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute))?\s*$/i.exec(text);
  const value = match ? Number(match[1]) : NaN;
  if (!match || !(value > 0)) {
    throw new UsageError(
      `--rate-limit must be a positive number of requests per second or minute, like "5/s" or "120/min" (got "${text}")`,
    );
  }
  return /^m/i.test(match[2] ?? '') ? value / 60 : value;
}
