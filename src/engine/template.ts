// `${inputs.name}` / `${name}` substitution in request strings and expected values (docs/suite-format.md,
// Variables).
// Values are looked up, never evaluated; a string that is exactly one `${x}` yields x's own value (a list
// stays a list, so a query parameter repeats).
import { EngineError } from '../common/errors.js';

/** Where template names are looked up: `inputs.x` in the supplied inputs, anything else in `values`. */
export interface Variables {
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Captures and the forEach variable; later entries win. */
  readonly values: ReadonlyMap<string, unknown>;
}

const TEMPLATE = /\$\{([^}]*)\}/g;
const WHOLE_TEMPLATE = /^\$\{([^}]*)\}$/;

/** The value of `name` (`inputs.a`, `capture`, `item.field`); throws EngineError UNSET_VARIABLE when it has none. */
export function lookupVariable(name: string, vars: Variables): unknown {
  const parts = name.trim().split('.');
  let value: unknown;
  if (parts[0] === 'inputs' && parts.length > 1) {
    parts.shift();
    value = vars.inputs[parts[0]!];
    if (value === undefined || value === null) {
      throw new EngineError('UNSET_VARIABLE', `input "${parts[0]}" is not supplied`);
    }
  } else {
    value = vars.values.get(parts[0]!);
    if (value === undefined || value === null) {
      throw new EngineError('UNSET_VARIABLE', `"\${${name}}" has no value (nothing captured it)`);
    }
  }
  for (const key of parts.slice(1)) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined) throw new EngineError('UNSET_VARIABLE', `"\${${name}}" has no value`);
  }
  return value;
}

/** Text form of a value inside a longer string: lists are comma-joined (FHIR's OR separator). */
export function valueToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueToText).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function hasTemplate(text: string): boolean {
  return text.includes('${');
}

/**
 * Substitutes one string. Exactly `${x}` gives x's value unchanged; otherwise each `${x}` becomes its text,
 * passed through `encode` when given (e.g. for URL paths).
 */
export function substituteString(text: string, vars: Variables, encode?: (s: string) => string): unknown {
  if (!hasTemplate(text)) return text;
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole && !encode) return lookupVariable(whole[1]!, vars);
  return text.replace(TEMPLATE, (_m, name: string) => {
    const piece = valueToText(lookupVariable(name, vars));
    return encode ? encode(piece) : piece;
  });
}

/** Like substituteString but always text (for paths and header values). */
export function substituteText(text: string, vars: Variables, encode?: (s: string) => string): string {
  if (!hasTemplate(text)) return text;
  return text.replace(TEMPLATE, (_m, name: string) => {
    const piece = valueToText(lookupVariable(name, vars));
    return encode ? encode(piece) : piece;
  });
}

/** Substitutes every string inside a JSON-like value. Unchanged parts are shared, not copied. */
export function substituteDeep(value: unknown, vars: Variables): unknown {
  if (typeof value === 'string') return substituteString(value, vars);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = substituteDeep(item, vars);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = substituteDeep(item, vars);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}
