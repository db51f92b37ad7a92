// The shared token bucket behind --rate-limit, and parsing the option.
import { expect } from 'chai';
import { createRateLimiter, parseRateLimit, realClock } from '../../src/http/rate-limit.js';
import { UsageError } from '../../src/common/errors.js';
import { fakeClock } from './loopback.js';

describe('http/rate-limit', () => {
  it('spaces requests that arrive together evenly, in arrival order', async () => {
    const clock = { ...fakeClock(), now: () => 0 };
    const sleeps: number[] = [];
    clock.sleep = async (ms: number) => void sleeps.push(ms);
    const limiter = createRateLimiter(10, { clock });
    await Promise.all([1, 2, 3, 4, 5].map(() => limiter.take()));
    expect(sleeps).to.deep.equal([100, 200, 300, 400]);
  });

  it('lets a request through at once when the bucket has refilled', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(2, { clock });
    await limiter.take();
    await clock.sleep(600);
    await limiter.take();
    expect(clock.sleeps).to.deep.equal([600]);
  });

  it('allows a burst when asked to', async () => {
    const time = 0;
    const sleeps: number[] = [];
    const limiter = createRateLimiter(1, {
      burst: 3,
      clock: { now: () => time, sleep: async (ms) => void sleeps.push(ms) },
    });
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(sleeps).to.deep.equal([1000]);
  });

  it('stops waiting, and leaves no timer behind, when the wait is cancelled', async () => {
    // A timer left running would hold the process open after the run: Node lists the active ones.
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const cancel = new AbortController();
    const limiter = createRateLimiter(0.001); // one request every 1000 s, on the real clock
    await limiter.take();
    const before = timers();
    const started = performance.now();
    const waiting = limiter.take(cancel.signal);
    expect(timers()).to.equal(before + 1);
    cancel.abort('SIGINT');
    await waiting;
    expect(performance.now() - started).to.be.below(1000);
    expect(timers()).to.equal(before);
    await realClock.sleep(60_000, cancel.signal); // already cancelled: ends at once
    expect(performance.now() - started).to.be.below(1000);
  });

  it('parses n/s, n/min and plain numbers', () => {
    expect(parseRateLimit('5/s')).to.equal(5);
    expect(parseRateLimit('0.5/s')).to.equal(0.5);
    expect(parseRateLimit('120/min')).to.equal(2);
    expect(parseRateLimit(' 8 ')).to.equal(8);
  });

  it('rejects malformed or non-positive rates with a usage error naming the option', () => {
    for (const bad of ['fast', '0/s', '-1', '5/h', '']) {
      expect(() => parseRateLimit(bad), bad).to.throw(UsageError, /--rate-limit must be .* \(got/);
    }
    expect(() => createRateLimiter(0)).to.throw(UsageError);
  });
});
