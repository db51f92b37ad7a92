// Showing values in messages: JSON-like, trimmed, without walking more of a large value than needed.
import { expect } from 'chai';
import { boundedJson, keepable, show, MAX_SHOWN_CHARS } from '../../src/checks/format.js';

describe('checks/format', () => {
  it('shows values as JSON and undefined as nothing', () => {
    expect(show('a')).to.equal('"a"');
    expect(show({ a: [1, true, null] })).to.equal('{"a":[1,true,null]}');
    expect(show(undefined)).to.equal('nothing');
    expect(show(new Date('2024-01-01T00:00:00Z'))).to.equal('"2024-01-01T00:00:00.000Z"');
  });
  it('trims long values to the limit', () => {
    const big = { entry: Array.from({ length: 100000 }, (_, i) => ({ id: i })) };
    const { text, truncated } = boundedJson(big, MAX_SHOWN_CHARS);
    expect(truncated).to.equal(true);
    expect(text).to.have.length(MAX_SHOWN_CHARS);
    expect(text.endsWith('…')).to.equal(true);
  });
  it('keeps small values as they are and large ones as trimmed text', () => {
    const small = { code: 'x' };
    expect(keepable(small)).to.equal(small);
    expect(keepable('x'.repeat(10))).to.equal('x'.repeat(10));
    expect(typeof keepable(Array.from({ length: 1000 }, () => 'abc'))).to.equal('string');
  });
});
