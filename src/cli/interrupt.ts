// What Ctrl-C and SIGTERM do to `fgc run`. CI systems stop a job with one or two signals, then kill it a
// few seconds later (GitHub Actions: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that; Docker: SIGTERM,
// SIGKILL 10 s later), so the reports must be written within seconds of the first signal:
//   1st signal: no new scenario starts; the running ones get GRACE_MS to finish, then their requests are
//               cancelled (those scenarios end as skipped);
//   2nd signal: the requests still running are cancelled at once;
//   3rd signal: quit at once, without reports.
import { setMaxListeners } from 'node:events';
import { INTERRUPT_EXIT_CODES, type InterruptSignal } from '../results/model.js';

export const GRACE_MS = 5000;

export interface Interrupt {
  /** Aborted at the first signal; its reason is the signal's name. */
  readonly stop: AbortSignal;
  /** Aborted GRACE_MS after the first signal, or at the second; same reason. */
  readonly cancel: AbortSignal;
  /** Removes the signal handlers and the grace timer. */
  dispose(): void;
}

export function onInterrupt({
  graceMs = GRACE_MS,
  log = (line: string) => console.error(line),
}: { graceMs?: number; log?: (line: string) => void } = {}): Interrupt {
  const stop = new AbortController();
  const cancel = new AbortController();
  // Every request in flight listens to `cancel`: above 10 at once (--concurrency 16) Node would warn of a leak.
  setMaxListeners(0, cancel.signal);
  let first: InterruptSignal | undefined;
  let count = 0;
  let grace: NodeJS.Timeout | undefined;
  const cancelNow = () => {
    clearTimeout(grace);
    if (!cancel.signal.aborted) cancel.abort(first);
  };
  const handlers = (Object.keys(INTERRUPT_EXIT_CODES) as InterruptSignal[]).map((name) => {
    const handler = (): void => {
      count++;
      first ??= name;
      if (count === 1) {
        stop.abort(name);
        grace = setTimeout(cancelNow, graceMs);
        grace.unref();
        log(
          `\n${name}: no new scenarios will start. The running ones get ${graceMs / 1000} s to finish, then ` +
            'their requests are cancelled; the reports are written either way. ' +
            'Press Ctrl-C again to cancel them now.',
        );
      } else if (count === 2) {
        cancelNow();
        log(`\n${name}: cancelling the running requests now. Press Ctrl-C again to quit without reports.`);
      } else process.exit(INTERRUPT_EXIT_CODES[first]);
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    stop: stop.signal,
    cancel: cancel.signal,
    dispose() {
      clearTimeout(grace);
      handlers.forEach((off) => off());
    },
  };
}
