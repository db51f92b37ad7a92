// Retry-After in both of its forms.
import { expect } from 'chai';
import { parseRetryAfter } from '../../src/http/retry-after.js';

describe('http/retry-after', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).to.equal(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    expect(parseRetryAfter('-5', now)).to.equal(undefined);
    expect(parseRetryAfter('1.5', now)).to.equal(undefined);
    expect(parseRetryAfter('soon-ish', now)).to.equal(undefined);
  });
});
