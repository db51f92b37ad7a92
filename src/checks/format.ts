// Message building shared by every check: values shown short and JSON-like, failures in one shape
// ("<check>: expected X, got Y at Z").
import type { Verdict } from './types.js';

export const MAX_SHOWN_CHARS = 200;

const OVERFLOW = Symbol('overflow');

/**
 * JSON text of a value, cut at `max` characters. Stops walking as soon as the budget is spent, so showing
 * a check's actual value costs nothing even when it is a whole search result.
 */
export function boundedJson(value: unknown, max: number): { text: string; truncated: boolean } {
  const parts: string[] = [];
  let length = 0;
  const push = (piece: string): void => {
    parts.push(piece);
    length += piece.length;
    if (length > max) throw OVERFLOW;
  };
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || v instanceof Date) {
      push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      push('[');
      v.forEach((item, i) => {
        if (i > 0) push(',');
        walk(item);
      });
      push(']');
    } else {
      push('{');
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined) continue;
        push(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        walk(item);
      }
      push('}');
    }
  };
  try {
    walk(value);
    return { text: parts.join(''), truncated: false };
  } catch (err) {
    if (err !== OVERFLOW) throw err;
    return { text: `${parts.join('').slice(0, max - 1)}…`, truncated: true };
  }
}

/** A value as a short JSON-like text, trimmed to MAX_SHOWN_CHARS. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof RegExp) return trimText(String(value));
  return boundedJson(value, MAX_SHOWN_CHARS).text;
}

export function trimText(text: string, max = MAX_SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value small enough to keep in results (`expected`/`actual`): large values become their trimmed text. */
export function keepable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { text, truncated } = boundedJson(value, MAX_SHOWN_CHARS);
  return truncated ? text : value;
}

export function pass(expected?: unknown, actual?: unknown): Verdict {
  return { outcome: 'pass', expected: keepable(expected), actual: keepable(actual) };
}

export function fail(
  description: string,
  expected: unknown,
  actual: unknown,
  options: { where?: string; detail?: string; shownActual?: string; shownExpected?: string } = {},
): Verdict {
  const exp = options.shownExpected ?? show(expected);
  const act = options.shownActual ?? show(actual);
  const detail = options.detail ? ` (${options.detail})` : '';
  const where = options.where ? ` at ${options.where}` : '';
  return {
    outcome: 'fail',
    expected: keepable(expected),
    actual: keepable(actual),
    ...(options.where ? { location: options.where } : {}),
    message: `${description}: expected ${exp}, got ${act}${where}${detail}`,
  };
}

export function checkError(description: string, message: string): Verdict {
  return { outcome: 'error', message: `${description}: ${message}` };
}
