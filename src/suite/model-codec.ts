// Turns a loaded suite model into plain JSON and back, for the model cache. Decoding must give back exactly
// what the loader built, so anything JSON cannot carry unchanged makes the model NotCacheable (the file is then
// simply loaded from its YAML every time) rather than being approximated.
import { lazyExpression } from '../fhirpath/compile.js';
import type { SourceLoc } from '../common/source-loc.js';

/** The model holds a value JSON would change (Infinity, -0, a Map, a class instance, a cycle...). */
export class NotCacheable extends Error {}

// Markers for the two things JSON lacks; keys of the data that start with `$` get one more `$`.
const EXPRESSION = '$fhirpath';
const UNDEFINED = '$undefined';

export function encodeModel(value: unknown): unknown {
  return encode(value, new Set());
}

function encode(value: unknown, ancestors: Set<object>): unknown {
  if (value === undefined) return { [UNDEFINED]: true };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new NotCacheable(`the number ${value}`);
    return value;
  }
  if (typeof value !== 'object') throw new NotCacheable(`a ${typeof value}`);
  if (ancestors.has(value)) throw new NotCacheable('a cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      if (Object.keys(value).length !== value.length) throw new NotCacheable('a sparse array');
      return value.map((item) => encode(item, ancestors));
    }
    if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0)
      throw new NotCacheable('a non-plain object');
    if (typeof (value as { evaluate?: unknown }).evaluate === 'function') return encodeExpression(value);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key.startsWith('$') ? `$${key}` : key,
        encode(item, ancestors),
      ]),
    );
  } finally {
    ancestors.delete(value);
  }
}

/** A compiled FHIRPath expression is kept as its text and position; it is compiled again when used. */
function encodeExpression(value: object): unknown {
  const { source, loc, ...rest } = value as { source?: unknown; loc?: SourceLoc; evaluate: unknown };
  if (typeof source !== 'string' || Object.keys(rest).join() !== 'evaluate')
    throw new NotCacheable('an expression with other fields');
  return { [EXPRESSION]: { source, loc: encode(loc, new Set()) } };
}

export function decodeModel(tree: unknown): unknown {
  if (tree === null || typeof tree !== 'object') return tree;
  if (Array.isArray(tree)) {
    for (let i = 0; i < tree.length; i++) tree[i] = decodeModel(tree[i]);
    return tree;
  }
  const object = tree as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === UNDEFINED) return undefined;
  if (keys.length === 1 && keys[0] === EXPRESSION) {
    const { source, loc } = object[EXPRESSION] as { source: string; loc: unknown };
    return lazyExpression(source, decodeModel(loc) as SourceLoc);
  }
  // Rebuilt only when a key was escaped, so the order of the keys (query parameters!) stays as written.
  if (keys.some((key) => key.startsWith('$')))
    return Object.fromEntries(keys.map((key) => [key.replace(/^\$/, ''), decodeModel(object[key])]));
  for (const key of keys) object[key] = decodeModel(object[key]);
  return object;
}
