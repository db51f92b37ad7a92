// Request URLs: base URL + templated path + query string, with FHIR-aware query encoding.
import { EngineError } from '../common/errors.js';

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

/**
 * Joins the base URL and a path. The result must stay under the base URL: an absolute URL elsewhere, or
 * dot segments (`..`, also written `%2e%2e`) that climb out of it, are refused, so requests (and their
 * credentials) only go to the target.
 */
export function resolveUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const relative = path.replace(/^\/+/, '');
  const url = ABSOLUTE_URL.test(path) ? path : relative === '' ? base : `${base}/${relative}`;
  if (!isUnder(url, base)) {
    const what = ABSOLUTE_URL.test(path) ? `the absolute URL ${path}` : `the path ${path}`;
    throw new EngineError(
      'URL_OUTSIDE_TARGET',
      `${what} is not under the target's base URL ${base}; requests only go to the target`,
    );
  }
  return url;
}

/** True when `url`, with dot segments resolved the way servers resolve them, is `base` or below it. */
function isUnder(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(`${base}/`);
    return target.origin === root.origin && `${target.pathname}/`.startsWith(root.pathname);
  } catch {
    return false;
  }
}

export function appendQuery(url: string, query: string): string {
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
