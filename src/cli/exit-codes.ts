// The exit codes a command decides itself; CI gates on these. A run's own exit code (0, 1, 4, 5, or 130/143
// after a signal) comes from the verdict policy, src/results/policy.ts, whose EXIT_CODE_MEANING explains all.
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
