// Reading the Retry-After header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.

/** Milliseconds to wait, or undefined when the header is absent or unreadable. A date in the past gives 0. */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // a negative or fractional number is not a valid value
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
