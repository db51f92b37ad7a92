// `minimum`: the response (or each `select`ed resource) holds at least every element of an expected resource.
// Objects match key by key, arrays in any order (each expected item needs its own actual item), extra
// elements are allowed; the first missing path is reported.
import type { BodySpec, Expectation, MinimumSpec } from '../model/suite.js';
import { evaluateExpression } from '../fhirpath/evaluate.js';
import { fail, pass, show } from './format.js';
import { isResource, locateResource } from './locate.js';
import type { CheckContext, PlannedCheck, Verdict } from './types.js';
import { fhirEquals } from './values.js';

export interface Mismatch {
  /** Path of the first element that is missing or different, e.g. `Observation.code.coding[0].system`. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The first place where `actual` lacks something `expected` has; undefined when `actual` contains it all. */
export function findMissing(expected: unknown, actual: unknown, path: string): Mismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected, actual };
    const used = new Set<number>();
    for (let i = 0; i < expected.length; i++) {
      let best: Mismatch | undefined;
      let matched = -1;
      for (let j = 0; j < actual.length && matched < 0; j++) {
        if (used.has(j)) continue;
        const miss = findMissing(expected[i], actual[j], `${path}[${j}]`);
        if (!miss) matched = j;
        else if (!best || miss.path.length > best.path.length) best = miss;
      }
      if (matched >= 0) used.add(matched);
      else
        return best && best.path.length > `${path}[0]`.length
          ? best
          : { path: `${path}[${i}]`, expected: expected[i], actual: undefined };
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return { path, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const miss = findMissing(value, actual[key], `${path}.${key}`);
      if (miss) return miss;
    }
    return undefined;
  }
  return fhirEquals(expected, actual) ? undefined : { path, expected, actual };
}

function describeMinimum(spec: MinimumSpec): string {
  const what = 'fixture' in spec.expected ? `fixture ${spec.expected.fixture}` : 'the inline resource';
  const target = spec.select ? `a resource selected by ${spec.select.source}` : 'the response';
  return `${target} contains at least the elements of ${what}`;
}

export function checkMinimum(spec: MinimumSpec, ctx: CheckContext): Verdict {
  const description = describeMinimum(spec);
  const expected = ctx.resolveBody(spec.expected as BodySpec);
  const body = ctx.response.body;
  const candidates = spec.select ? evaluateExpression(spec.select, body, ctx.env) : [body];
  if (candidates.length === 0) {
    return fail(description, 'at least one selected resource', [], {
      where: spec.select?.source,
      shownActual: 'none',
    });
  }
  const root = isResource(expected) ? expected.resourceType : 'body';
  let closest: { miss: Mismatch; candidate: unknown } | undefined;
  for (const candidate of candidates) {
    const miss = findMissing(expected, candidate, root);
    if (!miss) return pass(expected, isResource(candidate) ? locateResource(body, candidate) : undefined);
    if (!closest || miss.path.length > closest.miss.path.length) closest = { miss, candidate };
  }
  const { miss, candidate } = closest!;
  const inResource = candidates.length > 1 || spec.select ? locateResource(body, candidate) : undefined;
  const where = inResource ? `${miss.path} in ${inResource}` : miss.path;
  return fail(description, miss.expected, miss.actual, {
    where,
    ...(miss.actual === undefined ? { shownActual: 'nothing' } : {}),
    ...(candidates.length > 1
      ? { detail: `none of ${candidates.length} selected resources matches; closest shown` }
      : {}),
    shownExpected: show(miss.expected),
  });
}

export function minimumChecks(expect: Expectation | undefined): PlannedCheck[] {
  const spec = expect?.minimum;
  if (!spec) return [];
  return [
    {
      kind: 'minimum',
      description: describeMinimum(spec),
      loc: spec.loc,
      readsBody: true,
      run: (ctx) => checkMinimum(spec, ctx),
    },
  ];
}
