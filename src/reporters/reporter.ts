// The reporter port: anything that turns a RunResult into files. Shared by the runner and the report command.
import type { RunResult } from '../model/results.js';

export interface Reporter {
  readonly name: string;
  /** Writes its files under outDir and resolves to the paths written. */
  write(run: RunResult, outDir: string): Promise<string[]>;
}
