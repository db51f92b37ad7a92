// Turns a step's `request` or `operation` into the HTTP request to send: URL (base + templated path + encoded
// query), headers and body with `${...}` substituted. Operations use the target's endpoint for them.
import { isWriteRequest } from '../model/request-kind.js';
import type { BodySpec, Fixture, OperationSpec, RequestSpec, Step } from '../model/suite.js';
import type { OperationEndpoint } from '../model/target.js';
import type { SourceLoc } from '../common/source-loc.js';
import { EngineError } from '../common/errors.js';
import { substituteDeep, substituteString, substituteText, valueToText, type Variables } from './template.js';
import { appendQuery, buildQueryString, encodePathValue, resolveUrl } from './url.js';

export interface BuiltRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Stable display name, written as in the suite: `GET Observation?code=…` or `$find-subject-variants (GET)`. */
  readonly name: string;
  readonly isOperation: boolean;
  readonly page?: 'all';
  readonly maxPages?: number;
}

export interface RequestScope {
  readonly baseUrl: string;
  readonly operations: Readonly<Record<string, OperationEndpoint>>;
  readonly fixtures: Readonly<Record<string, Fixture>>;
  readonly vars: Variables;
}

/** True when the step creates, updates or deletes (a POST search or an operation is not a write). */
export function isWriteStep(step: Step): boolean {
  return step.request !== undefined && isWriteRequest(step.request);
}

/** The content of a fixture reference or inline value, with `${...}` substituted. */
export function resolveBodySpec(
  spec: BodySpec,
  fixtures: Readonly<Record<string, Fixture>>,
  vars: Variables,
  loc?: SourceLoc,
): unknown {
  if ('fixture' in spec) {
    const fixture = fixtures[spec.fixture];
    if (!fixture) throw new EngineError('UNKNOWN_FIXTURE', `unknown fixture "${spec.fixture}"`, loc);
    return substituteDeep(fixture.content, vars);
  }
  return substituteDeep(spec.inline, vars);
}

/** Flattens a substituted value into the texts of repeated parameters (a list repeats; a string stays one). */
function parameterTexts(spec: unknown, vars: Variables): string[] {
  const values = Array.isArray(spec) ? spec : [spec];
  return values.flatMap((item) => {
    const value = typeof item === 'string' ? substituteString(item, vars) : item;
    return Array.isArray(value) ? value.map(valueToText) : [valueToText(value)];
  });
}

function queryPairs(query: Readonly<Record<string, unknown>>, vars: Variables): [string, string][] {
  return Object.entries(query).flatMap(([name, spec]) =>
    parameterTexts(spec, vars).map((value): [string, string] => [name, value]),
  );
}

function headersOf(spec: Readonly<Record<string, string>>, vars: Variables): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec)) out[name] = substituteText(value, vars);
  return out;
}

function displayQuery(query: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(query).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? v.join(`&${k}=`) : valueToText(v)}`,
  );
  return parts.length ? `?${parts.join('&')}` : '';
}

function fromRequest(spec: RequestSpec, scope: RequestScope, loc: SourceLoc): BuiltRequest {
  const path = substituteText(spec.path, scope.vars, encodePathValue);
  const url = appendQuery(
    resolveUrl(scope.baseUrl, path),
    buildQueryString(queryPairs(spec.query, scope.vars)),
  );
  const body = spec.body ? resolveBodySpec(spec.body, scope.fixtures, scope.vars, loc) : undefined;
  return {
    method: spec.method,
    url,
    headers: headersOf(spec.headers, scope.vars),
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    name: `${spec.method} ${spec.path}${displayQuery(spec.query)}`,
    isOperation: false,
    ...(spec.page ? { page: spec.page } : {}),
    ...(spec.maxPages !== undefined ? { maxPages: spec.maxPages } : {}),
  };
}

/**
 * One `Parameters.parameter` entry (or several, for a list) from a JS value. A string holding a
 * comma-separated list (the IG's OR syntax in a query) becomes one parameter per item: a Parameters body has
 * no comma syntax, the repeated parameter is the list.
 */
export function toParameters(name: string, value: unknown): object[] {
  if (Array.isArray(value)) return value.flatMap((item) => toParameters(name, item));
  switch (typeof value) {
    case 'string': {
      const items = value.split(',').map((item) => item.trim());
      return (items.length > 1 ? items.filter(Boolean) : [value]).map((item) => ({
        name,
        valueString: item,
      }));
    }
    case 'boolean':
      return [{ name, valueBoolean: value }];
    case 'number':
      return [{ name, [Number.isInteger(value) ? 'valueInteger' : 'valueDecimal']: value }];
  }
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { resourceType?: unknown }).resourceType === 'string')
      return [{ name, resource: value }];
    if (Object.keys(value).some((k) => k.startsWith('value') || k === 'part' || k === 'resource')) {
      return [{ name, ...value }];
    }
  }
  throw new EngineError(
    'BAD_PARAMETER',
    `operation parameter "${name}": ${JSON.stringify(value)} is not a string, number, boolean, list, resource or value[x] object`,
  );
}

/**
 * Operation parameters the OperationDefinitions type as Period, written in a suite (and sent by GET) as
 * date-prefixed bounds: `testDateRange: [ge2020-06-01, le2020-08-01]` (find-subject-variants and the other
 * subject operations: "testDateRange 0..1 Period").
 */
const PERIOD_PARAMETERS: ReadonlySet<string> = new Set(['testDateRange']);

/** `ge2020-06-01` and `le2020-08-01` as one `valuePeriod` (start, end); `eq` or no prefix sets both. */
export function toPeriodParameter(name: string, value: unknown): object {
  const period: { start?: string; end?: string } = {};
  const set = (key: 'start' | 'end', date: string): void => {
    if (period[key] !== undefined && period[key] !== date)
      throw new EngineError('BAD_PARAMETER', `operation parameter "${name}": two ${key} dates`);
    period[key] = date;
  };
  for (const item of (Array.isArray(value) ? value : [value]).flatMap((v) => valueToText(v).split(','))) {
    const bound = /^(ge|le|eq)?(\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[^,]*)?)$/.exec(item.trim());
    if (!bound)
      throw new EngineError(
        'BAD_PARAMETER',
        `operation parameter "${name}": "${item}" cannot be sent as a Period bound (write ge<date>, le<date> or a date)`,
      );
    const [, prefix, date] = bound;
    if (prefix !== 'le') set('start', date!);
    if (prefix !== 'ge') set('end', date!);
  }
  return { name, valuePeriod: period };
}

function fromOperation(spec: OperationSpec, scope: RequestScope, loc: SourceLoc): BuiltRequest {
  const endpoint = scope.operations[spec.name] ?? { path: `$${spec.name}`, method: 'GET' };
  const method = spec.via ?? endpoint.method;
  const base = resolveUrl(scope.baseUrl, substituteText(endpoint.path, scope.vars, encodePathValue));
  const name = `$${spec.name} (${method})`;
  if (method === 'GET') {
    return {
      method,
      url: appendQuery(base, buildQueryString(queryPairs(spec.params, scope.vars))),
      headers: {},
      name,
      isOperation: true,
    };
  }
  const parameter = Object.entries(spec.params).flatMap(([pname, raw]) => {
    try {
      const value = substituteDeep(raw, scope.vars);
      const bounds = typeof value === 'string' || Array.isArray(value);
      return PERIOD_PARAMETERS.has(pname) && bounds
        ? [toPeriodParameter(pname, value)]
        : toParameters(pname, value);
    } catch (err) {
      throw err instanceof EngineError ? new EngineError(err.code, err.message, loc) : err;
    }
  });
  const body = JSON.stringify({ resourceType: 'Parameters', parameter });
  return { method, url: base, headers: {}, body, name, isOperation: true };
}

export function buildRequest(step: Step, scope: RequestScope): BuiltRequest {
  if (step.operation) return fromOperation(step.operation, scope, step.loc);
  if (step.request) return fromRequest(step.request, scope, step.loc);
  throw new EngineError('BAD_STEP', 'the step has neither a request nor an operation', step.loc);
}
