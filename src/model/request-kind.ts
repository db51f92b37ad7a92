// What kind of request a suite's `request:` is, decided in one place for the loader (a scenario that writes,
// `page: all` only on searches) and the engine (setup and teardown steps that write).
import type { RequestSpec } from './suite.js';

type MethodAndPath = Pick<RequestSpec, 'method' | 'path'>;

/** The last path segment, without the query. */
function lastSegment(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? '';
}

/** A search: any GET, or a POST to `_search`. */
export function isSearchRequest(request: MethodAndPath): boolean {
  return request.method === 'GET' || (request.method === 'POST' && lastSegment(request.path) === '_search');
}

/** PUT, PATCH and DELETE write; so does POST unless it is a search (`_search`) or an operation (`$name`). */
export function isWriteRequest(request: MethodAndPath): boolean {
  if (request.method === 'PUT' || request.method === 'PATCH' || request.method === 'DELETE') return true;
  if (request.method !== 'POST') return false;
  const last = lastSegment(request.path);
  return !(last === '_search' || last.startsWith('$'));
}
