// FHIR search prefixes (eq, ne, gt, lt, ge, le, sa, eb, ap) for ordered values, shared by REST search
// (dates, numbers, quantities) and the operations' testDateRange.
export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

const PREFIXED = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/s;

export function parsePrefixed(value: string): { prefix: Prefix; rest: string } {
  const m = PREFIXED.exec(value)!;
  return { prefix: (m[1] ?? 'eq') as Prefix, rest: m[2]! };
}

/** Compares with the prefix; `eq`, `ne` and `ap` use the `equal` test (numbers compare within a precision). */
export function comparePrefixed<T extends string | number>(
  prefix: Prefix,
  actual: T,
  target: T,
  equal: (a: T, b: T) => boolean = (a, b) => a === b,
): boolean {
  switch (prefix) {
    case 'eq':
    case 'ap':
      return equal(actual, target);
    case 'ne':
      return !equal(actual, target);
    case 'gt':
    case 'sa':
      return actual > target;
    case 'lt':
    case 'eb':
      return actual < target;
    case 'ge':
      return actual >= target;
    case 'le':
      return actual <= target;
  }
}

/** A date (or dateTime) against `[prefix]YYYY[-MM[-DD…]]`, compared at the precision the value gives. */
export function matchesDatePrefixed(stored: string | undefined, value: string): boolean {
  if (!stored) return false;
  const { prefix, rest } = parsePrefixed(value);
  return comparePrefixed(prefix, stored.slice(0, rest.length), rest);
}
