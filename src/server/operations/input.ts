// Operation input, from a GET query or a POST Parameters body, in one form: each parameter name maps to
// its occurrences (repeats), each occurrence to its comma-separated items. Repeats AND, commas OR.
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { invalidParameter } from '../outcome.js';

export class OperationInput {
  private constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  static fromQuery(pairs: readonly (readonly [string, string])[]): OperationInput {
    const values = new Map<string, string[]>();
    for (const [key, value] of pairs) {
      if (key.startsWith('_')) continue; // _format and friends
      values.set(key, [...(values.get(key) ?? []), value]);
    }
    return new OperationInput(values);
  }

  static fromParameters(body: unknown): OperationInput {
    const params = body as Parameters | undefined;
    if (params?.resourceType !== 'Parameters')
      throw invalidParameter('A POSTed operation needs a FHIR Parameters resource as its body');
    const values = new Map<string, string[]>();
    for (const p of params.parameter ?? []) {
      if (!p.name) throw invalidParameter('Every Parameters.parameter needs a name');
      for (const v of parameterValues(p)) values.set(p.name, [...(values.get(p.name) ?? []), v]);
    }
    return new OperationInput(values);
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Occurrences, each split on commas; empty items are dropped. */
  groups(name: string): string[][] {
    return (this.values.get(name) ?? []).map((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  /** All items of all occurrences, in order. */
  items(name: string): string[] {
    return this.groups(name).flat();
  }

  required(name: string, operation: string): string[] {
    const items = this.items(name);
    if (!items.length) throw invalidParameter(`$${operation} requires the parameter "${name}"`);
    return items;
  }

  single(name: string, operation: string): string | undefined {
    const raw = this.values.get(name) ?? [];
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
