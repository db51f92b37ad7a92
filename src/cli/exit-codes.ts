// Exit codes, section 8 of the suite contract, plus 130/143 for a run stopped by a signal. CI gates on these.
import { INTERRUPT_EXIT_CODES } from '../model/results.js';

export const ExitCode = {
  /** No SHALL failure. */
  Ok: 0,
  /** At least one SHALL failure (or SHOULD with --strict). */
  Failures: 1,
  /** Usage, config or suite error: nothing was sent. */
  BadInput: 2,
  /** The target did not answer the preflight GET metadata. */
  Unreachable: 3,
  /** Ctrl-C (SIGINT) stopped the run; the reports cover the scenarios that finished. */
  Interrupted: INTERRUPT_EXIT_CODES.SIGINT,
  /** SIGTERM (e.g. a CI job timeout) stopped the run; the reports cover the scenarios that finished. */
  Terminated: INTERRUPT_EXIT_CODES.SIGTERM,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
