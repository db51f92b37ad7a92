// The shape of one `fgc` sub-command. Each lives in commands/<verb>.ts and is listed in main.ts.
import type { Command } from 'commander';

export interface CliCommand {
  /** Adds the sub-command to the program. Its action must resolve to an exit code. */
  register(program: Command, done: (exitCode: number) => void): void;
}
