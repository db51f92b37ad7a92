// Search parameter types matched here rather than by the Medplum in-memory matcher, which gets them wrong
// (uri by substring, so _profile over-matched; string by contains), refuses them (quantity, number,
// composite) or is slow at them (token: about 1 ms per resource). Reference and date stay with Medplum.
import type { Resource, SearchParameter } from '@medplum/fhirtypes';
import { compileFhirpath } from '../fhirpath/compile.js';
import { ensureSearchParameters, expressionFor } from './medplum.js';
import { invalidParameter } from './outcome.js';
import { type Prefix, comparePrefixed, matchesDatePrefixed, parsePrefixed } from './prefixes.js';

export const LOCAL_TYPES = new Set([
  'uri',
  'string',
  'quantity',
  'number',
  'composite',
  'token',
  'reference',
]);

/** Whether a parameter is matched here: chained references (`subject:Patient.name`) stay with Medplum. */
export function isLocal(type: string, modifier: string): boolean {
  return LOCAL_TYPES.has(type) && !modifier.includes('.');
}

export interface LocalFilter {
  readonly param: SearchParameter;
  readonly modifier: string;
  readonly value: string;
}

/** Values a search parameter expression selects on a resource (or on a part of one, for composites). */
function select(expression: string, node: unknown): unknown[] {
  return compileFhirpath(expression)(node);
}

export function matchesLocalFilter(resource: Resource, filter: LocalFilter): boolean {
  const { param, modifier, value } = filter;
  const nodes =
    param.code === '_profile'
      ? (resource.meta?.profile ?? [])
      : select(expressionFor(param, resource.resourceType), resource);
  if (modifier === 'missing') return (value === 'true') === (nodes.length === 0);
  if (param.type === 'composite') return nodes.some((node) => matchesComposite(node, param, value));
  if (param.type === 'token' && modifier === 'not')
    return !splitOr(value).some((v) => nodes.some((node) => matchesToken(node, v)));
  if (param.type === 'token' && modifier === 'text')
    return splitOr(value).some((v) =>
      nodes.some((node) => tokenTexts(node).some((t) => matchesString(t, '', v))),
    );
  return splitOr(value).some((v) => nodes.some((node) => matchesValue(param.type!, node, modifier, v)));
}

/** Comma separates alternatives; `\,` is a literal comma. */
function splitOr(value: string): string[] {
  return value.split(/(?<!\\),/).map((v) => v.replace(/\\,/g, ','));
}

function matchesComposite(node: unknown, param: SearchParameter, value: string): boolean {
  const parts = value.split('$');
  const defs = param.component ?? [];
  if (parts.length !== defs.length)
    throw invalidParameter(
      `Composite search ${param.code} needs ${defs.length} values separated by $; got "${value}"`,
    );
  return defs.every((def, i) => {
    const sub = ensureSearchParameters().get(def.definition ?? '');
    if (!sub?.type) return false;
    const values = select(def.expression ?? '', node);
    return splitOr(parts[i]!).some((v) => values.some((n) => matchesValue(sub.type!, n, '', v)));
  });
}

function matchesValue(type: string, node: unknown, modifier: string, value: string): boolean {
  switch (type) {
    case 'uri':
      return matchesUri(node, modifier, value);
    case 'string':
      return strings(node).some((s) => matchesString(s, modifier, value));
    case 'quantity':
      return matchesQuantity(node, value);
    case 'number':
      return typeof node === 'number' && matchesNumber(node, value);
    case 'token':
      return matchesToken(node, value);
    case 'date':
      return typeof node === 'string' && matchesDatePrefixed(node, value);
    case 'reference':
      return matchesReference(node, modifier, value);
    default:
      return false;
  }
}

/** `Type/id`, a bare `id` (any type, or the type the modifier names), or an absolute URL ending in Type/id. */
function matchesReference(node: unknown, modifier: string, value: string): boolean {
  const stored = (node as { reference?: unknown } | undefined)?.reference;
  if (typeof stored !== 'string') return false;
  const wanted = modifier && !value.includes('/') ? `${modifier}/${value}` : value;
  if (stored === wanted) return true;
  if (wanted.includes('/')) return wanted.endsWith(`/${stored}`) || stored.endsWith(`/${wanted}`);
  return stored.endsWith(`/${wanted}`);
}

function matchesUri(node: unknown, modifier: string, value: string): boolean {
  if (typeof node !== 'string') return false;
  const stored = node;
  const unversioned = stored.split('|')[0];
  if (modifier === 'below') return stored.startsWith(value);
  if (modifier === 'above') return value.startsWith(unversioned!);
  return stored === value || (!value.includes('|') && unversioned === value);
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  const keys = [
    'text',
    'family',
    'given',
    'prefix',
    'suffix',
    'line',
    'city',
    'district',
    'state',
    'postalCode',
    'country',
  ];
  return keys
    .flatMap((k) => (Array.isArray(o[k]) ? o[k] : [o[k]]))
    .filter((v): v is string => typeof v === 'string');
}

function matchesString(stored: string, modifier: string, value: string): boolean {
  if (modifier === 'exact') return stored === value;
  if (modifier === 'contains') return fold(stored).includes(fold(value));
  return fold(stored).startsWith(fold(value));
}

interface TokenValue {
  readonly system?: string;
  readonly code?: string;
}

/** Codings of a CodeableConcept, a Coding, an Identifier or ContactPoint (system|value), or a code / boolean. */
function tokenValues(node: unknown): TokenValue[] {
  if (typeof node === 'string' || typeof node === 'boolean') return [{ code: String(node) }];
  if (typeof node !== 'object' || node === null) return [];
  const o = node as { coding?: TokenValue[]; system?: string; code?: string; value?: unknown };
  if (Array.isArray(o.coding)) return o.coding.map((c) => ({ system: c.system, code: c.code }));
  if (o.code !== undefined) return [{ system: o.system, code: o.code }];
  if (typeof o.value === 'string') return [{ system: o.system, code: o.value }];
  return [];
}

function tokenTexts(node: unknown): string[] {
  const o = node as {
    text?: string;
    display?: string;
    coding?: { display?: string }[];
    type?: { text?: string };
  };
  if (typeof o !== 'object' || o === null) return [];
  return [o.text, o.display, ...(o.coding ?? []).map((c) => c.display)].filter(
    (t): t is string => typeof t === 'string',
  );
}

/** `code`, `system|code`, `|code` (no system) and `system|` (any code of the system); codes compare case-insensitively. */
function matchesToken(node: unknown, value: string): boolean {
  const bar = value.indexOf('|');
  const system = bar >= 0 ? value.slice(0, bar) : undefined;
  const code = (bar >= 0 ? value.slice(bar + 1) : value).toLowerCase();
  return tokenValues(node).some((t) => {
    if (system === '' && t.system) return false;
    if (system && t.system !== system) return false;
    return code === '' ? system !== undefined : t.code?.toLowerCase() === code;
  });
}

function parseNumber(text: string, what: string): { n: number; precision: number } {
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text))
    throw invalidParameter(`Invalid ${what} search value "${text}"`);
  const decimals = text.split('.')[1]?.replace(/[eE].*$/, '').length ?? 0;
  return { n: Number(text), precision: 0.5 * 10 ** -decimals };
}

function compare(prefix: Prefix, stored: number, target: { n: number; precision: number }): boolean {
  const { n, precision } = target;
  const near =
    prefix === 'ap'
      ? () => Math.abs(stored - n) <= Math.abs(n) * 0.1
      : () => stored >= n - precision && stored < n + precision;
  return comparePrefixed(prefix, stored, n, near);
}

function matchesNumber(stored: number, value: string): boolean {
  const { prefix, rest } = parsePrefixed(value);
  return compare(prefix, stored, parseNumber(rest, 'number'));
}

function matchesQuantity(node: unknown, value: string): boolean {
  const q = node as { value?: number; system?: string; code?: string; unit?: string } | undefined;
  if (typeof q?.value !== 'number') return false;
  const { prefix, rest } = parsePrefixed(value);
  const [numberText, system, code] = rest.split('|');
  if (system && q.system !== system) return false;
  if (code && q.code !== code && !(system === undefined || system === '' ? q.unit === code : false))
    return false;
  return compare(prefix, q.value, parseNumber(numberText!, 'quantity'));
}
