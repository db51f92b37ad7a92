// Fixed and pattern values with FHIR semantics: `fixed[x]` must be equal; `pattern[x]` must be contained
// (every property of the pattern present with a matching value; each item of a pattern array matched by
// some item of the instance array).
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return pattern.length === 1 && matchesPattern(value, pattern[0]);
    return pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    // A loop, not Object.entries(): slicing calls this for every value against every slice's pattern.
    for (const k in pattern)
      if (!(k in record) || !matchesPattern(record[k], (pattern as Record<string, unknown>)[k])) return false;
    return true;
  }
  return primitiveEquals(value, pattern);
}

export function equalsFixed(value: unknown, fixed: unknown): boolean {
  if (Array.isArray(fixed) || Array.isArray(value)) {
    if (!Array.isArray(fixed) || !Array.isArray(value) || fixed.length !== value.length) return false;
    return fixed.every((f, i) => equalsFixed(value[i], f));
  }
  if (fixed !== null && typeof fixed === 'object') {
    if (value === null || typeof value !== 'object') return false;
    const a = Object.keys(fixed);
    const b = Object.keys(value);
    return (
      a.length === b.length &&
      a.every((k) =>
        equalsFixed((value as Record<string, unknown>)[k], (fixed as Record<string, unknown>)[k]),
      )
    );
  }
  return primitiveEquals(value, fixed);
}

function primitiveEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b;
}

/** Short text for a message, e.g. `{"system":"http://loinc.org","code":"69548-6"}`. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 140 ? `${text.slice(0, 137)}...` : text;
}
