// Operation input, from a GET query or a POST Parameters body, in one form: each parameter name maps to
// groups of items; a finding must match an item of every group (groups AND, items within a group OR).
// In a query, each occurrence is a group and its comma-separated values are the items (operations page,
// "AND/OR logic in queries"). In a Parameters body there is no comma syntax: the repeated values of one
// parameter are the items of its list (one OR group), except the date fields, which always AND.
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { invalidParameter } from '../outcome.js';

/** Parameters whose repeats AND in both forms: "only support 'AND' logic for date fields". */
const DATE_PARAMETERS: ReadonlySet<string> = new Set(['testDateRange']);

const splitItems = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export class OperationInput {
  private constructor(
    /** Each occurrence of each parameter as written (for `single`). */
    private readonly raw: ReadonlyMap<string, readonly string[]>,
    private readonly grouped: ReadonlyMap<string, readonly (readonly string[])[]>,
  ) {}

  static fromQuery(pairs: readonly (readonly [string, string])[]): OperationInput {
    const raw = new Map<string, string[]>();
    for (const [key, value] of pairs) {
      if (key.startsWith('_')) continue; // _format and friends
      raw.set(key, [...(raw.get(key) ?? []), value]);
    }
    const grouped = new Map([...raw].map(([name, values]) => [name, values.map(splitItems)]));
    return new OperationInput(raw, grouped);
  }

  static fromParameters(body: unknown): OperationInput {
    const params = body as Parameters | undefined;
    if (params?.resourceType !== 'Parameters')
      throw invalidParameter('A POSTed operation needs a FHIR Parameters resource as its body');
    const raw = new Map<string, string[]>();
    const grouped = new Map<string, string[][]>();
    for (const p of params.parameter ?? []) {
      if (!p.name) throw invalidParameter('Every Parameters.parameter needs a name');
      const values = parameterValues(p);
      raw.set(p.name, [...(raw.get(p.name) ?? []), values.join(',')]);
      const groups = grouped.get(p.name) ?? [];
      if (DATE_PARAMETERS.has(p.name)) groups.push(...values.map((v) => [v]));
      else if (groups.length) groups[0]!.push(...values.flatMap(splitItems));
      else groups.push(values.flatMap(splitItems));
      grouped.set(p.name, groups);
    }
    return new OperationInput(raw, grouped);
  }

  names(): string[] {
    return [...this.raw.keys()];
  }

  has(name: string): boolean {
    return this.raw.has(name);
  }

  /** The groups of a parameter (AND), each a list of items (OR); empty items are dropped. */
  groups(name: string): string[][] {
    return (this.grouped.get(name) ?? []).map((g) => [...g]).filter((g) => g.length > 0);
  }

  /** All items of all groups, in order. */
  items(name: string): string[] {
    return this.groups(name).flat();
  }

  required(name: string, operation: string): string[] {
    const items = this.items(name);
    if (!items.length) throw invalidParameter(`$${operation} requires the parameter "${name}"`);
    return items;
  }

  single(name: string, operation: string): string | undefined {
    const raw = this.raw.get(name) ?? [];
    if (raw.length > 1) throw invalidParameter(`$${operation}: "${name}" may be given only once`);
    return raw[0]?.trim();
  }

  boolean(name: string, operation: string, fallback: boolean): boolean {
    const raw = this.single(name, operation);
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw invalidParameter(`$${operation}: "${name}" must be true or false; got "${raw}"`);
  }

  assertOnly(allowed: readonly string[], operation: string): void {
    for (const name of this.names())
      if (!allowed.includes(name))
        throw invalidParameter(`$${operation} has no parameter "${name}"; it accepts ${allowed.join(', ')}`);
  }
}

/** The string forms of a Parameters.parameter value; a Period becomes ge<start> / le<end> date prefixes. */
function parameterValues(p: ParametersParameter): string[] {
  if (p.valuePeriod) {
    const out: string[] = [];
    if (p.valuePeriod.start) out.push(`ge${p.valuePeriod.start}`);
    if (p.valuePeriod.end) out.push(`le${p.valuePeriod.end}`);
    if (!out.length) throw invalidParameter(`Parameter "${p.name}" is a Period with neither start nor end`);
    return out;
  }
  const value =
    p.valueString ??
    p.valueCode ??
    p.valueUri ??
    p.valueDate ??
    p.valueDateTime ??
    p.valueBoolean ??
    p.valueInteger;
  if (value === undefined) {
    if (p.valueCoding)
      return [
        p.valueCoding.system ? `${p.valueCoding.system}|${p.valueCoding.code}` : `${p.valueCoding.code}`,
      ];
    throw invalidParameter(
      `Parameter "${p.name}" has no value of a supported type (string, code, boolean, Period, …)`,
    );
  }
  return [String(value)];
}
