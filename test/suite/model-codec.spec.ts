// The suite model as cached JSON: what goes in comes back exactly, and what JSON would change is refused.
import { expect } from 'chai';
import { compileExpression } from '../../src/fhirpath/compile.js';
import type { CompiledExpression } from '../../src/model/suite.js';
import { decodeModel, encodeModel, NotCacheable } from '../../src/suite/model-codec.js';

/** Through the codec and JSON text, as a cache entry goes. */
const roundTrip = (value: unknown): unknown => decodeModel(JSON.parse(JSON.stringify(encodeModel(value))));

describe('suite model codec', () => {
  it('gives back data exactly: keys starting with $, the markers as data, undefined, __proto__, key order', () => {
    const data = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    Object.assign(data, {
      $ref: 'a',
      $fhirpath: { source: 'not an expression', loc: { file: 'f', line: 1, col: 1 } },
      $undefined: true,
      query: { b: '1', a: ['2', '3'], '10': 'x', '2': 'y' },
      missing: undefined,
      list: [1, undefined, null, 'text', { $$: 0 }],
    });
    const back = roundTrip(data) as Record<string, unknown>;
    expect(back).to.deep.equal(data);
    expect(Object.keys(back)).to.deep.equal(Object.keys(data));
    expect(Object.keys(back.query as object)).to.deep.equal(['2', '10', 'b', 'a']);
    expect(Object.getPrototypeOf(back)).to.equal(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).to.equal(true);
    expect(Object.hasOwn(back, 'missing')).to.equal(true);
  });

  it('keeps a compiled expression as its text and position, and compiles it again to the same result', () => {
    const loc = { file: 'suites/a.yaml', line: 7, col: 17 };
    const expression = compileExpression('Bundle.entry.count()', loc);
    const back = roundTrip({ that: expression }) as { that: CompiledExpression };
    expect([back.that.source, back.that.loc]).to.deep.equal([expression.source, loc]);
    const bundle = { resourceType: 'Bundle', entry: [{}, {}] };
    expect(back.that.evaluate(bundle, {})).to.deep.equal(expression.evaluate(bundle, {}));
  });

  it('refuses what JSON would change, so such a model is never cached', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const sparse = [1];
    sparse[3] = 4;
    const refused = [
      Infinity,
      Number.NaN,
      -0,
      new Map(),
      new Date(0),
      /x/,
      10n,
      Object.create(null) as object,
      { [Symbol('s')]: 1 },
      { f: () => 1 },
      { source: 'x', loc: {}, evaluate: () => [], extra: 1 },
      cycle,
      sparse,
    ];
    refused.forEach((value, index) =>
      expect(() => encodeModel({ value }), `value ${index}`).to.throw(NotCacheable),
    );
  });

  it('encodes a value shared by two places twice', () => {
    const shared = { a: 1 };
    expect(roundTrip({ x: shared, y: [shared] })).to.deep.equal({ x: { a: 1 }, y: [{ a: 1 }] });
  });
});
