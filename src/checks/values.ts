// FHIR-ish value semantics for assertions: equality (numbers by value, dates and dateTimes by instant at the
// same precision, objects structurally) and ordering (numbers, Quantity values, dates/dateTimes).

/** A scalar means a one-item collection; null/undefined mean an empty one. */
export function toCollection(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

interface FhirInstant {
  /** 1 year, 2 month, 3 day, 4 minute, 5 second, 6 millisecond. */
  readonly precision: number;
  readonly ms: number;
}

/** Parses a FHIR date, dateTime or instant (a timezone-less time is read as UTC). */
export function parseFhirDateTime(value: unknown): FhirInstant | undefined {
  if (value instanceof Date) return { precision: 6, ms: value.getTime() };
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const precision = frac ? 6 : s ? 5 : mi ? 4 : d ? 3 : mo ? 2 : 1;
  const iso = `${y}-${mo ?? '01'}-${d ?? '01'}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${frac ?? ''}${tz ?? 'Z'}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : { precision, ms };
}

function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { value?: unknown }).value === 'number'
  ) {
    return (value as { value: number }).value;
  }
  return undefined;
}

export function fhirEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b && a === b;
  if ((typeof a === 'string' || a instanceof Date) && (typeof b === 'string' || b instanceof Date)) {
    const da = parseFhirDateTime(a);
    const db = parseFhirDateTime(b);
    return da !== undefined && db !== undefined && da.precision === db.precision && da.ms === db.ms;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => fhirEquals(x, b[i]))
    );
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every(
      (k) => k in b && fhirEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return false;
}

export function includesValue(list: readonly unknown[], value: unknown): boolean {
  return list.some((item) => fhirEquals(item, value));
}

/**
 * Orders two values: negative, zero or positive; `undefined` when they cannot be compared (not both numbers
 * or both dates, or dates equal at the coarser precision but given at different precisions).
 */
export function compareValues(actual: unknown, expected: unknown): number | undefined {
  const na = numericValue(actual);
  const nb =
    typeof expected === 'string' && expected.trim() !== '' ? Number(expected) : numericValue(expected);
  if (na !== undefined && nb !== undefined && !Number.isNaN(nb)) return na - nb;
  const da = parseFhirDateTime(actual);
  const db = parseFhirDateTime(expected);
  if (!da || !db) return undefined;
  if (da.precision === db.precision) return da.ms - db.ms;
  const coarse = Math.min(da.precision, db.precision);
  const ta = truncate(da.ms, coarse);
  const tb = truncate(db.ms, coarse);
  return ta === tb ? undefined : ta - tb;
}

function truncate(ms: number, precision: number): number {
  const d = new Date(ms);
  if (precision <= 1) return Date.UTC(d.getUTCFullYear(), 0);
  if (precision === 2) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth());
  if (precision === 3) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (precision === 4) return Math.floor(ms / 60000) * 60000;
  if (precision === 5) return Math.floor(ms / 1000) * 1000;
  return ms;
}
