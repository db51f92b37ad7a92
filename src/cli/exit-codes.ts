// Exit codes, section 8 of the suite contract. CI gates on these. A run stopped by a signal exits
// 130 or 143 (INTERRUPT_EXIT_CODES in src/model/results.ts, where the run result records it).
export const ExitCode = {
  /** No SHALL failure. */
  Ok: 0,
  /** At least one SHALL failure (or SHOULD with --strict). */
  Failures: 1,
  /** Usage, config or suite error: nothing was sent. */
  BadInput: 2,
  /** The target did not answer the preflight GET metadata. */
  Unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
