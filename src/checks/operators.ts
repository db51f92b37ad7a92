// The FHIRPath assertion operators (`that: <expr>` + one operator), one entry each. An entry is the single
// source for the operator: its name (the FhirpathOperator type), its operand schema (what `fgc lint`
// accepts, and the editor JSON Schema), its runtime test and wording, what a "no item breaks the rule"
// check is about, and its line in docs/suite-format.md (written by `npm run schema`, checked by a test).
// Adding an operator is one entry here plus its tests.
// Collections follow FHIRPath: a scalar operand means a one-item collection.
import type { z } from 'zod';
import { EngineError } from '../common/errors.js';
import { filteredFrom, booleanRuleSubject } from '../fhirpath/rule-subject.js';
import { show } from './format.js';
import {
  anyValueOperand,
  booleanOperand,
  comparableOperand,
  countOperand,
  regexOperand,
  valueListOperand,
  valueOrListOperand,
} from './operands.js';
import { compileRegex, RegexSyntaxError } from './regex.js';
import { compareValues, fhirEquals, includesValue, toCollection } from './values.js';

export interface OperatorResult {
  readonly ok: boolean;
  /** Index of the item that breaks a per-item rule. */
  readonly itemIndex?: number;
  readonly detail?: string;
  /** How to show the expected/actual side when the raw values would mislead (e.g. counts). */
  readonly expectedText?: string;
  readonly actualText?: string;
}

/** The operator's line in the docs table. */
export interface OperatorDoc {
  /** What the operand is, e.g. `a value or a list`. */
  readonly operand: string;
  /** When the check passes, e.g. `every item is one of the list`. */
  readonly passes: string;
  /** A whole check, as YAML flow, e.g. `{ that: Bundle.type, equals: searchset }`. */
  readonly example: string;
}

export interface FhirpathOperatorDef {
  /** What the loader accepts as the operand. */
  readonly operand: z.ZodType;
  readonly doc: OperatorDoc;
  /** The operand as it reads in a check description, e.g. `equals "searchset"`. */
  describe(expected: unknown): string;
  test(actual: readonly unknown[], expected: unknown): OperatorResult;
  /** Per-item operators: does this item break the rule? (used to report which item and which entry). */
  itemFails?(item: unknown, expected: unknown): boolean;
  /**
   * For a check of the shape "no item breaks the rule": the FHIRPath of the items it is about (when they
   * are absent the check held without testing anything). Undefined when the check is not of that shape.
   */
  ruleSubject?(source: string, operand: unknown): string | undefined;
}

function items(actual: readonly unknown[]): string {
  return actual.length === 0 ? 'no items' : `${actual.length} item(s): ${show(actual)}`;
}

/** An operator that judges each item: it holds for an empty result, so its subject is the result itself. */
function perItem(
  verb: string,
  doc: OperatorDoc,
  operand: z.ZodType,
  itemFails: (item: unknown, expected: unknown) => boolean,
): FhirpathOperatorDef {
  return {
    operand,
    doc,
    describe: (expected) => `${verb} ${show(expected)}`,
    itemFails,
    test(actual, expected) {
      const index = actual.findIndex((item) => itemFails(item, expected));
      return index < 0 ? { ok: true } : { ok: false, itemIndex: index };
    },
    ruleSubject: (source) => source,
  };
}

function requireBoolean(operator: string, expected: unknown): boolean {
  if (typeof expected !== 'boolean') {
    throw new EngineError('BAD_EXPECTATION', `${operator} needs true or false, got ${show(expected)}`);
  }
  return expected;
}

function ordering(verb: string, doc: OperatorDoc, accept: (cmp: number) => boolean): FhirpathOperatorDef {
  return {
    operand: comparableOperand,
    doc,
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

function regex(source: unknown): RegExp {
  if (typeof source !== 'string')
    throw new EngineError('BAD_REGEX', `matches needs a regex string, got ${show(source)}`);
  try {
    return compileRegex(source);
  } catch (err) {
    if (!(err instanceof RegexSyntaxError)) throw err;
    throw new EngineError('BAD_REGEX', `invalid regex ${show(source)}: ${err.reason}`);
  }
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

/** `count: 0` and `count: { max: 0 }` say that no item breaks the rule. */
function countsNone(operand: unknown): boolean {
  return (
    operand === 0 ||
    (operand !== null && typeof operand === 'object' && 'max' in operand && operand.max === 0)
  );
}

const COMPARABLE = 'a number, date, dateTime or time';

/** The operator table. Order is the docs' order. */
export const FHIRPATH_OPERATORS = {
  equals: {
    operand: anyValueOperand,
    doc: {
      operand: 'a value or a list',
      passes: 'the result equals it (a single value means a one-item result)',
      example: '{ that: Bundle.type, equals: searchset }',
    },
    describe: (e) => `equals ${show(e)}`,
    test: (actual, expected) => ({ ok: collectionEquals(actual, expected) }),
  },
  notEquals: {
    operand: anyValueOperand,
    doc: {
      operand: 'a value or a list',
      passes: 'the result differs',
      example: '{ that: Observation.status, notEquals: entered-in-error }',
    },
    describe: (e) => `does not equal ${show(e)}`,
    test: (actual, expected) => ({ ok: !collectionEquals(actual, expected) }),
  },
  in: perItem(
    'in',
    {
      operand: 'a list',
      passes: 'every item is one of the list',
      example: '{ that: Observation.status, in: [final, amended, corrected] }',
    },
    valueListOperand,
    (item, expected) => !includesValue(toCollection(expected), item),
  ),
  notIn: perItem(
    'not in',
    {
      operand: 'a list',
      passes: 'no item is in the list',
      example: '{ that: Observation.status, notIn: [preliminary] }',
    },
    valueListOperand,
    (item, expected) => includesValue(toCollection(expected), item),
  ),
  contains: {
    operand: valueOrListOperand,
    doc: {
      operand: 'a value or a list',
      passes: 'the result holds every listed value',
      example: '{ that: Observation.category.coding.code, contains: GE }',
    },
    describe: (e) => `contains ${show(e)}`,
    test(actual, expected) {
      const missing = toCollection(expected).filter((want) => !includesValue(actual, want));
      return missing.length === 0 ? { ok: true } : { ok: false, detail: `missing ${show(missing)}` };
    },
  },
  notContains: perItem(
    'contains none of',
    {
      operand: 'a value or a list',
      passes: 'the result holds none of the listed values',
      example: '{ that: Bundle.entry.resource.resourceType, notContains: OperationOutcome }',
    },
    valueOrListOperand,
    (item, expected) => includesValue(toCollection(expected), item),
  ),
  exists: {
    operand: booleanOperand,
    doc: {
      operand: '`true` / `false`',
      passes: 'the result is non-empty / empty',
      example: '{ that: Observation.subject, exists: true }',
    },
    describe: (e) => (e === false ? 'does not exist' : 'exists'),
    test: (actual, expected) => ({
      ok: actual.length > 0 === requireBoolean('exists', expected),
      expectedText: expected ? 'at least one item' : 'no items',
      actualText: items(actual),
    }),
    ruleSubject: (source, operand) => (operand === false ? filteredFrom(source) : undefined),
  },
  empty: {
    operand: booleanOperand,
    doc: {
      operand: '`true` / `false`',
      passes: 'the result is empty / non-empty',
      example: '{ that: Bundle.entry.where(resource.subject.empty()), empty: true }',
    },
    describe: (e) => (e === false ? 'is not empty' : 'is empty'),
    test: (actual, expected) => ({
      ok: (actual.length === 0) === requireBoolean('empty', expected),
      expectedText: expected ? 'no items' : 'at least one item',
      actualText: items(actual),
    }),
    ruleSubject: (source, operand) => (operand === true ? filteredFrom(source) : undefined),
  },
  is: {
    operand: booleanOperand,
    doc: {
      operand: '`true` / `false`',
      passes: 'the result is that single boolean',
      example: `{ that: "Bundle.entry.resource.all(code.coding.code = '69548-6')", is: true }`,
    },
    describe: (e) => `is ${show(e)}`,
    test(actual, expected) {
      const want = requireBoolean('is', expected);
      return { ok: actual.length === 1 && actual[0] === want };
    },
    ruleSubject: booleanRuleSubject,
  },
  count: {
    operand: countOperand,
    doc: {
      operand: '`n` or `{ min, max }`',
      passes: 'the number of items matches (either bound may be left out)',
      example: '{ that: Bundle.entry, count: { min: 1, max: 100 } }',
    },
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
    ruleSubject: (source, operand) => (countsNone(operand) ? filteredFrom(source) : undefined),
  },
  greaterThan: ordering(
    'greater than',
    {
      operand: COMPARABLE,
      passes: 'the single item is greater',
      example: '{ that: Bundle.total, greaterThan: 0 }',
    },
    (c) => c > 0,
  ),
  lessThan: ordering(
    'less than',
    {
      operand: COMPARABLE,
      passes: 'the single item is smaller',
      example: '{ that: Observation.issued, lessThan: "2030-01-01" }',
    },
    (c) => c < 0,
  ),
  greaterOrEqual: ordering(
    'greater than or equal to',
    {
      operand: COMPARABLE,
      passes: 'the single item is greater or equal',
      example: '{ that: Bundle.entry.count(), greaterOrEqual: 1 }',
    },
    (c) => c >= 0,
  ),
  lessOrEqual: ordering(
    'less than or equal to',
    {
      operand: COMPARABLE,
      passes: 'the single item is smaller or equal',
      example: '{ that: Bundle.entry.count(), lessOrEqual: 20 }',
    },
    (c) => c <= 0,
  ),
  matches: perItem(
    'matches',
    {
      operand: 'a regular expression (Unicode mode)',
      passes: 'every item is a string matching it',
      example: "{ that: Observation.component.value.coding.code, matches: '^NC_\\d+\\.\\d+' }",
    },
    regexOperand,
    (item, expected) => typeof item !== 'string' || !regex(expected).test(item),
  ),
} satisfies Record<string, FhirpathOperatorDef>;

export type FhirpathOperatorName = keyof typeof FHIRPATH_OPERATORS;

/** The operator names, in table order. */
export const FHIRPATH_OPERATOR_NAMES = Object.keys(FHIRPATH_OPERATORS) as FhirpathOperatorName[];

/** The definition of an operator (typed, so a name the table lacks is a compile error). */
export function fhirpathOperator(name: FhirpathOperatorName): FhirpathOperatorDef {
  return FHIRPATH_OPERATORS[name];
}

/**
 * The FHIRPath of the items a "no item breaks the rule" check is about, or undefined when the check is not
 * of that shape (then an empty result is a real finding, not a vacuous pass).
 */
export function ruleSubject(
  source: string,
  operator: FhirpathOperatorName,
  operand: unknown,
): string | undefined {
  return fhirpathOperator(operator).ruleSubject?.(source, operand);
}

// The suite model (src/model/suite.ts) names operators without importing this folder: its FhirpathOperators
// interface is filled in here, so this table stays the one list of them.
declare module '../model/suite.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FhirpathOperators extends Record<FhirpathOperatorName, true> {}
}
