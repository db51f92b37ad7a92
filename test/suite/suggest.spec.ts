// "Did you mean" hints.
import { expect } from 'chai';
import { closest, editDistance } from '../../src/common/suggest.js';

describe('did-you-mean suggestions', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('firts', 'first')).to.equal(1);
    expect(editDistance('method', 'mathod')).to.equal(1);
    expect(editDistance('', 'abc')).to.equal(3);
  });

  it('suggests the closest candidate only when it is plausibly a typo', () => {
    expect(closest('equal', ['equals', 'notEquals', 'in'])).to.equal('equals');
    expect(closest('timeotMs', ['timeoutMs', 'tls'])).to.equal('timeoutMs');
    expect(closest('banana', ['equals', 'in'])).to.equal(undefined);
  });
});
