// FHIR R4 primitive types: which JSON type each uses and the regular expression its value must match
// (from the R4 datatypes page). Used for every primitive value the walker meets.
const DATE =
  '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

interface PrimitiveRule {
  readonly json: 'string' | 'boolean' | 'number';
  readonly pattern?: RegExp;
  readonly integer?: { readonly min: number };
}

const string = (pattern?: string): PrimitiveRule => ({
  json: 'string',
  ...(pattern ? { pattern: new RegExp(`^(?:${pattern})$`) } : {}),
});

const RULES: Record<string, PrimitiveRule> = {
  boolean: { json: 'boolean' },
  integer: { json: 'number', integer: { min: -2147483648 } },
  positiveInt: { json: 'number', integer: { min: 1 } },
  unsignedInt: { json: 'number', integer: { min: 0 } },
  decimal: { json: 'number' },
  string: string('[\\s\\S]*\\S[\\s\\S]*'),
  markdown: string('[\\s\\S]*\\S[\\s\\S]*'),
  code: string('[^\\s]+( [^\\s]+)*'),
  id: string('[A-Za-z0-9\\-\\.]{1,64}'),
  uri: string('\\S*'),
  url: string('\\S*'),
  canonical: string('\\S*'),
  oid: string('urn:oid:[0-2](\\.(0|[1-9][0-9]*))+'),
  uuid: string('urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'),
  base64Binary: string('(\\s*([0-9a-zA-Z+/=]){4}\\s*)+'),
  date: string(DATE),
  dateTime: string(`${DATE}(T${TIME}${ZONE})?`),
  instant: string(`${DATE.replace(/\)\?\)\?$/, '))')}T${TIME}${ZONE}`),
  time: string(TIME),
  xhtml: string('<div[\\s\\S]*'),
};

export function isPrimitiveType(code: string): boolean {
  return code in RULES;
}

/** A message when `value` is not a valid `type`, else undefined. */
export function checkPrimitive(type: string, value: unknown): string | undefined {
  const rule = RULES[type];
  if (!rule) return undefined;
  if (typeof value !== rule.json) return `a ${type} must be a JSON ${rule.json}, found ${describe(value)}`;
  if (rule.integer) {
    const n = value as number;
    if (!Number.isInteger(n) || n < rule.integer.min || n > 2147483647) return `${n} is not a valid ${type}`;
  }
  if (value === '')
    return `an empty string is not a valid ${type} (FHIR JSON leaves the element out instead)`;
  if (rule.pattern && !rule.pattern.test(value as string))
    return `"${truncate(value as string)}" is not a valid ${type}`;
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
