// Request URLs: base URL + templated path + query string, with FHIR-aware query encoding.
import { EngineError } from './errors.js';

/**
 * Encodes one query name or value. Everything that would change the meaning of the query is escaped
 * (space, `&`, `=`, `#`, `+`, `%`, `|`, non-ASCII); `,` (FHIR's OR separator), `:` (ranges such as
 * `NC_000007.14:1-2`, modifiers) and `/` (references) stay literal, as servers and humans expect.
 */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%2C|%3A|%2F/gi, (m) => decodeURIComponent(m));
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Encodes a value substituted into a URL path; `/` stays so `${ref}` may be `Patient/123`. A value that is
 * already a URL or carries a query (a captured next link) goes in as the server wrote it: encoding it again
 * would break its own escapes.
 */
export function encodePathValue(text: string): string {
  if (ABSOLUTE_URL.test(text) || text.includes('?')) return text;
  return encodeURIComponent(text).replace(/%2F|%3A|%24|%2C/gi, (m) => decodeURIComponent(m));
}

export function buildQueryString(params: readonly (readonly [string, string])[]): string {
  return params
    .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`)
    .join('&');
}

/** Joins the base URL and a path; an absolute path must start with the base URL. */
export function resolveUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (ABSOLUTE_URL.test(path)) {
    if (path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`)) return path;
    throw new EngineError(
      'URL_OUTSIDE_TARGET',
      `the absolute URL ${path} is not under the target's base URL ${base}; requests only go to the target`,
    );
  }
  const relative = path.replace(/^\/+/, '');
  return relative === '' ? base : `${base}/${relative}`;
}

export function appendQuery(url: string, query: string): string {
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
