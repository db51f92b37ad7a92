// What each Ctrl-C / SIGTERM does to a run: stop starting scenarios, then cancel requests, then quit.
// The signals are emitted on `process` (no real signal is sent), and process.exit is replaced for the test.
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { onInterrupt, type Interrupt } from '../../src/cli/interrupt.js';

describe('cli/interrupt', () => {
  let interrupt: Interrupt | undefined;
  const realExit = process.exit;
  let exits: (number | string | null | undefined)[];
  let lines: string[];
  beforeEach(() => {
    exits = [];
    lines = [];
    process.exit = ((code) => void exits.push(code)) as typeof process.exit;
  });
  afterEach(() => {
    interrupt?.dispose();
    interrupt = undefined;
    process.exit = realExit;
  });
  const start = (graceMs = 60_000) => (interrupt = onInterrupt({ graceMs, log: (l) => lines.push(l) }));

  it('the first signal stops new scenarios; the second cancels the requests; the third quits', () => {
    const { stop, cancel } = start();
    process.emit('SIGTERM', 'SIGTERM');
    expect([stop.aborted, stop.reason, cancel.aborted]).to.deep.equal([true, 'SIGTERM', false]);
    expect(lines.join('')).to.include('SIGTERM: no new scenarios will start');
    process.emit('SIGINT', 'SIGINT');
    // Both name the first signal: it decides the exit code.
    expect([cancel.aborted, cancel.reason]).to.deep.equal([true, 'SIGTERM']);
    expect(lines.join('')).to.include('SIGINT: cancelling the running requests now');
    expect(exits).to.deep.equal([]);
    process.emit('SIGINT', 'SIGINT');
    expect(exits).to.deep.equal([143]);
  });

  it('cancels the requests by itself when the grace time after the first signal runs out', async () => {
    const { cancel } = start(30);
    process.emit('SIGINT', 'SIGINT');
    expect(cancel.aborted).to.equal(false);
    await sleep(80);
    expect([cancel.aborted, cancel.reason]).to.deep.equal([true, 'SIGINT']);
    expect(lines.join('')).to.include('The running ones get 0.03 s to finish');
  });

  it('removes its handlers and its timer when disposed', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const { cancel } = start(30);
    expect(process.listenerCount('SIGINT')).to.equal(before[0]! + 1);
    process.emit('SIGINT', 'SIGINT');
    interrupt!.dispose();
    await sleep(80);
    expect(cancel.aborted).to.equal(false);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).to.deep.equal(before);
  });
});
