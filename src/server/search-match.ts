// Search parameter types the Medplum in-memory matcher gets wrong or refuses, matched here instead:
// uri (exact, so _profile no longer matches by substring), string (starts-with), quantity, number, composite.
import type { Resource, SearchParameter } from '@medplum/fhirtypes';
import { compileFhirpath } from '../fhirpath/compile.js';
import { ensureSearchParameters } from './medplum.js';
import { invalidParameter } from './outcome.js';

export const LOCAL_TYPES = new Set(['uri', 'string', 'quantity', 'number', 'composite']);

export interface LocalFilter {
  readonly param: SearchParameter;
  readonly modifier: string;
  readonly value: string;
}

type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIX = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/;

/** Values a search parameter expression selects on a resource (or on a part of one, for composites). */
function select(expression: string, node: unknown): unknown[] {
  return compileFhirpath(expression)(node);
}

export function matchesLocalFilter(resource: Resource, filter: LocalFilter): boolean {
  const { param, modifier, value } = filter;
  const nodes =
    param.code === '_profile' ? (resource.meta?.profile ?? []) : select(param.expression ?? '', resource);
  if (modifier === 'missing') return (value === 'true') === (nodes.length === 0);
  if (param.type === 'composite') return nodes.some((node) => matchesComposite(node, param, value));
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
      return typeof node === 'string' && matchesDate(node, value);
    case 'reference':
      return (
        typeof (node as { reference?: string })?.reference === 'string' &&
        ((node as { reference: string }).reference === value ||
          (node as { reference: string }).reference.endsWith(`/${value}`))
      );
    default:
      return false;
  }
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

function matchesToken(node: unknown, value: string): boolean {
  const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
  const codings: { system?: string; code?: string; value?: string }[] =
    typeof node === 'string'
      ? [{ code: node }]
      : (((node as { coding?: object[] })?.coding ?? [node as object]) as {
          system?: string;
          code?: string;
        }[]);
  return codings.some((c) => {
    const stored = c.code ?? c.value;
    if (system !== undefined && system !== '' && c.system !== system) return false;
    return !code || stored?.toLowerCase() === code.toLowerCase();
  });
}

function parsePrefixed(value: string): { prefix: Prefix; rest: string } {
  const m = PREFIX.exec(value)!;
  return { prefix: (m[1] ?? 'eq') as Prefix, rest: m[2]! };
}

function parseNumber(text: string, what: string): { n: number; precision: number } {
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text))
    throw invalidParameter(`Invalid ${what} search value "${text}"`);
  const decimals = text.split('.')[1]?.replace(/[eE].*$/, '').length ?? 0;
  return { n: Number(text), precision: 0.5 * 10 ** -decimals };
}

function compare(prefix: Prefix, stored: number, target: { n: number; precision: number }): boolean {
  const { n, precision } = target;
  switch (prefix) {
    case 'eq':
      return stored >= n - precision && stored < n + precision;
    case 'ne':
      return !(stored >= n - precision && stored < n + precision);
    case 'gt':
    case 'sa':
      return stored > n;
    case 'lt':
    case 'eb':
      return stored < n;
    case 'ge':
      return stored >= n;
    case 'le':
      return stored <= n;
    case 'ap':
      return Math.abs(stored - n) <= Math.abs(n) * 0.1;
  }
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

function matchesDate(stored: string, value: string): boolean {
  const { prefix, rest } = parsePrefixed(value);
  const s = stored.slice(0, rest.length);
  switch (prefix) {
    case 'eq':
      return s === rest;
    case 'ne':
      return s !== rest;
    case 'gt':
    case 'sa':
      return s > rest;
    case 'lt':
    case 'eb':
      return s < rest;
    case 'ge':
      return s >= rest;
    case 'le':
      return s <= rest;
    case 'ap':
      return s === rest;
  }
}
