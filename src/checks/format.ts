// Message building shared by every check: values shown short and JSON-like, failures in one shape
// ("<check>: expected X, got Y at Z").
import type { Verdict } from './types.js';

export const MAX_SHOWN_CHARS = 200;

/** A value as a short JSON-like text, trimmed to MAX_SHOWN_CHARS. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (value instanceof Date) text = value.toISOString();
  else if (value instanceof RegExp) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return trimText(text);
}

export function trimText(text: string, max = MAX_SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value small enough to keep in results (`expected`/`actual`): large values become their trimmed text. */
export function keepable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const text = show(value);
  return text.endsWith('…') ? text : value;
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
