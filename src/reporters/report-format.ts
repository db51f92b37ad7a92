// Text helpers shared by the HTML and Markdown reports: values, bodies, durations, dates, file names.

/** A check's expected/actual value as short readable text. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Pretty-prints a JSON body; other text is returned as is. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Cuts text to `max` characters, saying how much was left out. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

/** `1 scenario`, `3 scenarios`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `2026-11-27 08:01 UTC`. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A site or suite name made safe for a file name. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unnamed'
  );
}

/** `20261127T080130Z` from an ISO timestamp. */
export function compactTimestamp(iso: string): string {
  const d = new Date(iso);
  const s = Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
  return s.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** A curl command that repeats a request; credentials stay as the run redacted them. */
export function curlCommand(request: {
  method: string;
  url: string;
  requestHeaders: Readonly<Record<string, string>>;
  requestBody?: string;
}): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-X', request.method, q(request.url)];
  for (const [name, value] of Object.entries(request.requestHeaders))
    parts.push('-H', q(`${name}: ${value}`));
  if (request.requestBody !== undefined) parts.push('--data-binary', q(request.requestBody));
  return parts.join(' ');
}
