// The FHIRPath operators (src/checks/operators.ts): a passing and a failing case each, with the message content.
import { expect } from 'chai';
import { evaluateFhirpathCheck } from '../../src/checks/fhirpath.js';
import { EngineError } from '../../src/common/errors.js';
import { FhirpathRuntimeError } from '../../src/fhirpath/evaluate.js';
import { check, checkContext } from '../engine/builders.js';
import type { FhirpathOperator } from '../../src/model/suite.js';

const obs = (id: string, code: string, extra: object = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  effectiveDateTime: '2024-03-01T10:00:00Z',
  valueQuantity: { value: 5.0 },
  ...extra,
});
const bundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 3,
  entry: [
    { resource: obs('a', '69548-6') },
    { resource: obs('b', '69548-6') },
    { resource: obs('c', '12345-6', { status: 'preliminary' }) },
  ],
};

function run(that: string, operator: FhirpathOperator, value: unknown, env?: Record<string, unknown>) {
  return evaluateFhirpathCheck(check(that, operator, value), checkContext(bundle, env ? { env } : {}));
}

describe('checks/fhirpath operators', () => {
  const cases: {
    op: FhirpathOperator;
    that: string;
    pass: unknown;
    failValue: unknown;
    failThat?: string;
    message: RegExp[];
  }[] = [
    {
      op: 'equals',
      that: 'Bundle.type',
      pass: 'searchset',
      failValue: 'collection',
      message: [
        /Bundle.type equals "collection"/,
        /expected "collection", got "searchset"/,
        /at Bundle.type/,
      ],
    },
    {
      op: 'notEquals',
      that: 'Bundle.type',
      pass: 'batch',
      failValue: 'searchset',
      message: [/does not equal "searchset"/, /got "searchset"/],
    },
    {
      op: 'in',
      that: 'Bundle.entry.resource.status',
      pass: ['final', 'preliminary'],
      failValue: ['final'],
      message: [
        /in \["final"\]/,
        /item 2 of 3 = "preliminary"/,
        /Bundle.entry\[2\].resource = Observation\/c/,
      ],
    },
    {
      op: 'notIn',
      that: 'Bundle.entry.resource.status',
      pass: ['cancelled'],
      failValue: ['preliminary'],
      message: [/not in/, /item 2 of 3 = "preliminary"/, /Observation\/c/],
    },
    {
      op: 'contains',
      that: 'Bundle.entry.resource.id',
      pass: ['a', 'c'],
      failValue: ['a', 'z'],
      message: [/contains \["a","z"\]/, /missing \["z"\]/],
    },
    {
      op: 'notContains',
      that: 'Bundle.entry.resource.id',
      pass: ['z'],
      failValue: ['b'],
      message: [
        /contains none of \["b"\]/,
        /item 1 of 3 = "b"/,
        /Bundle.entry\[1\].resource = Observation\/b/,
      ],
    },
    {
      op: 'exists',
      that: 'Bundle.entry',
      pass: true,
      failValue: false,
      message: [/does not exist/, /expected no items, got 3 item\(s\)/],
    },
    {
      op: 'empty',
      that: 'Bundle.link',
      pass: true,
      failValue: false,
      message: [/is not empty/, /expected at least one item, got no items/],
    },
    {
      op: 'is',
      that: "Bundle.entry.resource.all(status = 'final' or status = 'preliminary')",
      pass: true,
      failValue: false,
      message: [/is false/, /got true/],
    },
    {
      op: 'count',
      that: 'Bundle.entry',
      pass: 3,
      failValue: { min: 4 },
      message: [/count \{"min":4\}/, /expected 4 to any number of items, got 3 items/],
    },
    { op: 'greaterThan', that: 'Bundle.total', pass: 2, failValue: 3, message: [/greater than 3/, /got 3/] },
    { op: 'lessThan', that: 'Bundle.total', pass: 4, failValue: 3, message: [/less than 3/] },
    {
      op: 'greaterOrEqual',
      that: "Bundle.entry.resource.where(id = 'a').effective",
      pass: '2024-03-01T10:00:00Z',
      failValue: '2024-03-02',
      message: [/greater than or equal to "2024-03-02"/, /got "2024-03-01T10:00:00Z"/],
    },
    {
      op: 'lessOrEqual',
      that: "Bundle.entry.resource.where(id = 'a').value",
      pass: 5,
      failValue: 4.5,
      message: [/less than or equal to 4.5/],
    },
    {
      op: 'matches',
      that: 'Bundle.entry.resource.code.coding.code',
      pass: '^\\d+-\\d$',
      failValue: '^69548',
      message: [
        /matches "\^69548"/,
        /item 2 of 3 = "12345-6"/,
        /Bundle.entry\[2\].resource = Observation\/c/,
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.op}: passes`, () => {
      const verdict = run(c.that, c.op, c.pass);
      expect(verdict.outcome, verdict.message).to.equal('pass');
    });
    it(`${c.op}: fails with the check, expected, actual and where`, () => {
      const verdict = run(c.failThat ?? c.that, c.op, c.failValue);
      expect(verdict.outcome).to.equal('fail');
      for (const re of c.message) expect(verdict.message).to.match(re);
    });
  }

  it('is: blames the entry whose all() criterion fails', () => {
    const verdict = run("Bundle.entry.resource.all(status = 'final')", 'is', true);
    expect(verdict.outcome).to.equal('fail');
    expect(verdict.location).to.equal('Bundle.entry[2].resource = Observation/c');
  });

  it('failing resources are named by their place in the Bundle, not dumped', () => {
    const verdict = run("Bundle.entry.resource.where(status = 'final')", 'empty', true);
    expect(verdict.message).to.equal(
      "Bundle.entry.resource.where(status = 'final') is empty: expected no items, got 2 resource(s): Observation/a, Observation/b at Bundle.entry[0].resource = Observation/a (+1 more)",
    );
  });

  it('equals: a scalar means a one-item collection, lists compare in order', () => {
    expect(run('Bundle.entry.resource.id', 'equals', ['a', 'b', 'c']).outcome).to.equal('pass');
    expect(run('Bundle.entry.resource.id', 'equals', ['c', 'b', 'a']).outcome).to.equal('fail');
    expect(run('Bundle.entry.resource.id', 'equals', 'a').outcome).to.equal('fail');
    expect(run("Bundle.entry.resource.where(id='a').id", 'equals', 'a').outcome).to.equal('pass');
  });

  it('equals: numbers by value and dateTimes by instant', () => {
    expect(run("Bundle.entry.resource.where(id='a').value.value", 'equals', 5).outcome).to.equal('pass');
    expect(
      run("Bundle.entry.resource.where(id='a').effective", 'equals', '2024-03-01T11:00:00+01:00').outcome,
    ).to.equal('pass');
    expect(run("Bundle.entry.resource.where(id='a').effective", 'equals', '2024-03-01').outcome).to.equal(
      'fail',
    );
  });

  it('count: a range with min and max', () => {
    expect(run('Bundle.entry', 'count', { min: 1, max: 3 }).outcome).to.equal('pass');
    expect(run('Bundle.entry', 'count', { max: 2 }).message).to.match(/expected 0 to 2 items, got 3 items/);
  });

  it('ordering needs exactly one comparable item', () => {
    expect(run('Bundle.entry.resource.id', 'greaterThan', 1).message).to.match(
      /needs exactly one item, got 3/,
    );
    expect(run('Bundle.type', 'greaterThan', 1).message).to.match(/not comparable/);
  });

  it('matches: a non-string item fails', () => {
    expect(run('Bundle.total', 'matches', '3').message).to.match(/item 0 of 1 = 3/);
  });

  it('expected values get ${...} substituted and %variables come from the environment', () => {
    expect(run('Bundle.type', 'equals', '${kind}', { inputs: {}, kind: 'searchset' }).outcome).to.equal(
      'pass',
    );
    expect(
      run('Bundle.entry.resource.id', 'contains', '%first', { inputs: {}, first: 'a' }).outcome,
    ).to.equal('fail');
    expect(
      run('Bundle.entry.resource.id.first() = %first', 'is', true, { inputs: {}, first: 'a' }).outcome,
    ).to.equal('pass');
  });

  it('a bad operand is a suite fault, not a mismatch', () => {
    expect(() => run('Bundle.type', 'is', 'yes')).to.throw(EngineError, /is needs true or false/);
    expect(() => run('Bundle.type', 'matches', '(')).to.throw(EngineError, /invalid regex/);
    expect(() => run('Bundle.entry', 'count', 'many')).to.throw(
      EngineError,
      /count needs a number or \{ min, max \}, got "many"/,
    );
  });

  it('a FHIRPath runtime error is reported as FhirpathRuntimeError with the expression', () => {
    expect(() => run("'a'.substring('x')", 'exists', true)).to.throw(FhirpathRuntimeError, /substring/);
  });

  it('long actual values are trimmed in messages', () => {
    const long = { resourceType: 'Bundle', type: 'x'.repeat(1000) };
    const verdict = evaluateFhirpathCheck(check('Bundle.type', 'equals', 'y'), checkContext(long));
    expect(verdict.message!.length).to.be.lessThan(400);
    expect(verdict.message).to.include('…');
  });
});
