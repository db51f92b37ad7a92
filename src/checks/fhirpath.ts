// The 15 FHIRPath operators of contract section 3 (`that: <expr>` + one operator), as a registry table.
// Collections follow FHIRPath: a scalar operand means a one-item collection.
import type { FhirpathCheck, FhirpathOperator } from '../model/suite.js';
import { evaluateExpression } from '../fhirpath/evaluate.js';
import { EngineError } from '../engine/errors.js';
import { fail, pass, show, trimText } from './format.js';
import { endsWithAll, isResource, locateEntry, locateResource, resourceLabel } from './locate.js';
import type { CheckContext, PlannedCheck, Verdict } from './types.js';
import { compareValues, fhirEquals, includesValue, toCollection } from './values.js';

interface OperatorResult {
  readonly ok: boolean;
  /** Index of the item that breaks a per-item rule. */
  readonly itemIndex?: number;
  readonly detail?: string;
  /** How to show the expected/actual side when the raw values would mislead (e.g. counts). */
  readonly expectedText?: string;
  readonly actualText?: string;
}

function items(actual: readonly unknown[]): string {
  return actual.length === 0 ? 'no items' : `${actual.length} item(s): ${show(actual)}`;
}

export interface FhirpathOperatorDef {
  /** The operand as it reads in a check description, e.g. `equals "searchset"`. */
  describe(expected: unknown): string;
  test(actual: readonly unknown[], expected: unknown): OperatorResult;
  /** Per-item operators: does this item break the rule? (used to report which item and which entry). */
  itemFails?(item: unknown, expected: unknown): boolean;
}

function perItem(
  itemFails: (item: unknown, expected: unknown) => boolean,
  verb: string,
): FhirpathOperatorDef {
  return {
    describe: (expected) => `${verb} ${show(expected)}`,
    itemFails,
    test(actual, expected) {
      const index = actual.findIndex((item) => itemFails(item, expected));
      return index < 0 ? { ok: true } : { ok: false, itemIndex: index };
    },
  };
}

function requireBoolean(operator: string, expected: unknown): boolean {
  if (typeof expected !== 'boolean') {
    throw new EngineError('BAD_EXPECTATION', `${operator} needs true or false, got ${show(expected)}`);
  }
  return expected;
}

function ordering(verb: string, accept: (cmp: number) => boolean): FhirpathOperatorDef {
  return {
    describe: (expected) => `${verb} ${show(expected)}`,
    test(actual, expected) {
      // "expected greater than 0, got 0", never "expected 0, got 0".
      const expectedText = `${verb} ${show(expected)}`;
      if (actual.length !== 1)
        return { ok: false, expectedText, detail: `needs exactly one item, got ${actual.length}` };
      const cmp = compareValues(actual[0], expected);
      if (cmp === undefined) {
        return {
          ok: false,
          expectedText,
          detail: 'not comparable: needs a number, Quantity, date or dateTime on both sides',
        };
      }
      return { ok: accept(cmp), expectedText };
    },
  };
}

const regexCache = new Map<string, RegExp>();
function regex(source: unknown): RegExp {
  if (typeof source !== 'string')
    throw new EngineError('BAD_REGEX', `matches needs a regex string, got ${show(source)}`);
  let re = regexCache.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'u');
    } catch (err) {
      throw new EngineError('BAD_REGEX', `invalid regex ${show(source)}: ${(err as Error).message}`);
    }
    regexCache.set(source, re);
  }
  return re;
}

function collectionEquals(actual: readonly unknown[], expected: unknown): boolean {
  const want = toCollection(expected);
  return actual.length === want.length && actual.every((item, i) => fhirEquals(item, want[i]));
}

function countRange(expected: unknown): { min: number; max: number } {
  if (typeof expected === 'number') return { min: expected, max: expected };
  if (expected !== null && typeof expected === 'object') {
    const { min, max } = expected as { min?: unknown; max?: unknown };
    if ((min === undefined || typeof min === 'number') && (max === undefined || typeof max === 'number')) {
      return { min: min ?? 0, max: max ?? Infinity };
    }
  }
  throw new EngineError('BAD_EXPECTATION', `count needs a number or { min, max }, got ${show(expected)}`);
}

/** The operator registry: one entry per operator of contract section 3. */
export const fhirpathOperators: Readonly<Record<FhirpathOperator, FhirpathOperatorDef>> = {
  equals: {
    describe: (e) => `equals ${show(e)}`,
    test: (actual, expected) => ({ ok: collectionEquals(actual, expected) }),
  },
  notEquals: {
    describe: (e) => `does not equal ${show(e)}`,
    test: (actual, expected) => ({ ok: !collectionEquals(actual, expected) }),
  },
  in: perItem((item, expected) => !includesValue(toCollection(expected), item), 'in'),
  notIn: perItem((item, expected) => includesValue(toCollection(expected), item), 'not in'),
  contains: {
    describe: (e) => `contains ${show(e)}`,
    test(actual, expected) {
      const missing = toCollection(expected).filter((want) => !includesValue(actual, want));
      return missing.length === 0 ? { ok: true } : { ok: false, detail: `missing ${show(missing)}` };
    },
  },
  notContains: perItem((item, expected) => includesValue(toCollection(expected), item), 'contains none of'),
  exists: {
    describe: (e) => (e === false ? 'does not exist' : 'exists'),
    test: (actual, expected) => ({
      ok: actual.length > 0 === requireBoolean('exists', expected),
      expectedText: expected ? 'at least one item' : 'no items',
      actualText: items(actual),
    }),
  },
  empty: {
    describe: (e) => (e === false ? 'is not empty' : 'is empty'),
    test: (actual, expected) => ({
      ok: (actual.length === 0) === requireBoolean('empty', expected),
      expectedText: expected ? 'no items' : 'at least one item',
      actualText: items(actual),
    }),
  },
  is: {
    describe: (e) => `is ${show(e)}`,
    test(actual, expected) {
      const want = requireBoolean('is', expected);
      return { ok: actual.length === 1 && actual[0] === want };
    },
  },
  count: {
    describe: (e) => `count ${typeof e === 'number' ? e : show(e)}`,
    test(actual, expected) {
      const { min, max } = countRange(expected);
      const expectedText =
        min === max ? `${min} items` : `${min} to ${max === Infinity ? 'any number of' : max} items`;
      return {
        ok: actual.length >= min && actual.length <= max,
        expectedText,
        actualText: `${actual.length} items`,
      };
    },
  },
  greaterThan: ordering('greater than', (c) => c > 0),
  lessThan: ordering('less than', (c) => c < 0),
  greaterOrEqual: ordering('greater than or equal to', (c) => c >= 0),
  lessOrEqual: ordering('less than or equal to', (c) => c <= 0),
  matches: perItem((item, expected) => typeof item !== 'string' || !regex(expected).test(item), 'matches'),
};

/** Evaluates one `fhirpath` check against the response body. Never throws on a mismatch. */
export function evaluateFhirpathCheck(check: FhirpathCheck, ctx: CheckContext): Verdict {
  const op = fhirpathOperators[check.operator];
  const description = describeFhirpathCheck(check);
  const expected = ctx.substitute(check.value);
  const body = ctx.response.body;
  const actual = evaluateExpression(check.that, body, ctx.env);
  const result = op.test(actual, expected);
  if (result.ok) {
    const verdict = pass(expected, actual.length === 1 ? actual[0] : actual);
    return check.over && nothingToJudge(check, actual, body, ctx)
      ? { ...verdict, exercised: false }
      : verdict;
  }
  const source = check.that.source;
  if (result.itemIndex !== undefined && op.itemFails) {
    const index = result.itemIndex;
    const item = actual[index];
    const where =
      locateResource(body, item) ??
      locateEntry(body, source, ctx.env, (per) => per.some((x) => op.itemFails!(x, expected))) ??
      `${source} (item ${index})`;
    return fail(description, expected, item, {
      where,
      shownActual: `item ${index} of ${actual.length} = ${show(item)}`,
    });
  }
  let where = source;
  let shownActual =
    result.actualText ??
    (actual.length === 0 ? 'no value' : actual.length === 1 ? show(actual[0]) : show(actual));
  if (check.operator === 'is' && endsWithAll(source)) {
    where = locateEntry(body, source, ctx.env, (per) => !(per.length === 1 && per[0] === expected)) ?? source;
  } else if (actual.length > 0 && actual.every(isResource)) {
    // Resources are named by where they sit, not dumped: `Bundle.entry[0].resource = Observation/a (+2 more)`.
    const more = actual.length > 1 ? ` (+${actual.length - 1} more)` : '';
    where = `${locateResource(body, actual[0])}${more}`;
    const labels = trimText(
      actual.map((r) => resourceLabel(r as Parameters<typeof resourceLabel>[0])).join(', '),
    );
    shownActual = `${actual.length} resource(s): ${labels}`;
  }
  return fail(description, expected, actual, {
    where,
    shownActual,
    ...(result.expectedText ? { shownExpected: result.expectedText } : {}),
    ...(result.detail ? { detail: result.detail } : {}),
  });
}

/** A "no item breaks the rule" check whose items are absent: it held without testing anything. */
function nothingToJudge(
  check: FhirpathCheck,
  actual: readonly unknown[],
  body: unknown,
  ctx: CheckContext,
): boolean {
  if (check.over!.source === check.that.source) return actual.length === 0;
  return evaluateExpression(check.over!, body, ctx.env).length === 0;
}

export function describeFhirpathCheck(check: FhirpathCheck): string {
  return `${check.that.source} ${fhirpathOperators[check.operator].describe(check.value)}`;
}

/** Family builder: one planned check per `expect.fhirpath` entry. */
export function fhirpathChecks(checks: readonly FhirpathCheck[]): PlannedCheck[] {
  return checks.map((check) => ({
    kind: 'fhirpath',
    ...(check.id ? { id: check.id } : {}),
    description: describeFhirpathCheck(check),
    ...(check.severity ? { severity: check.severity } : {}),
    ...(check.requirements ? { requirements: check.requirements } : {}),
    ...(check.message ? { message: check.message } : {}),
    loc: check.loc,
    readsBody: true,
    // Only items drawn from the entries grow with more pages; a rule over them holds per item.
    holdsPerItem: check.over !== undefined && /^\s*(Bundle\s*\.\s*)?entry\b/.test(check.over.source),
    run: (ctx) => evaluateFhirpathCheck(check, ctx),
  }));
}
