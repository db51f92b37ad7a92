// reports/results.json (a serialised RunResult, the input of every report) and reports/summary.json: their
// text, and reading results.json back with a check that this harness can read it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type RunResult } from './model.js';
import { RESULTS_FILE } from './report-files.js';
import { summarize } from './summary.js';

/** The text of results.json: the whole RunResult. */
export function runResultText(run: RunResult): string {
  return JSON.stringify(run, null, 2);
}

/** The text of summary.json: the verdict, coverage, totals and one line per scenario. */
export function summaryText(run: RunResult): string {
  return JSON.stringify(summarize(run), null, 2);
}

/** A results directory that cannot be read as a run. The message says what to do. */
export class ResultsFileError extends Error {
  readonly code = 'RESULTS_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'ResultsFileError';
  }
}

/** Reads `<dir>/results.json`. Throws ResultsFileError when missing, not JSON, or of another schema version. */
export async function readRunResult(dir: string): Promise<RunResult> {
  const file = join(dir, RESULTS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ResultsFileError(
        `${file} not found: run \`fgc run\` first, or point --results at the directory that holds results.json`,
      );
    }
    throw new ResultsFileError(`${file} could not be read: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ResultsFileError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ResultsFileError(`${file} does not hold a run result (expected a JSON object)`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== RESULTS_SCHEMA_VERSION) {
    throw new ResultsFileError(
      `${file} has schemaVersion ${JSON.stringify(version ?? null)}; this fgc reads schemaVersion ` +
        `${RESULTS_SCHEMA_VERSION}. Re-run the suites with this version of fgc.`,
    );
  }
  for (const key of ['target', 'suites', 'requirements', 'totals'] as const) {
    if (!(key in data)) throw new ResultsFileError(`${file} is missing "${key}"; the file is incomplete`);
  }
  return data as RunResult;
}
