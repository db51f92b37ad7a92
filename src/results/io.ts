// reports/results.json (a serialised RunResult, the input of every report) and reports/summary.json: writing
// them, and reading results.json back with a check that this harness can read it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type RunResult } from './model.js';
import { RESULTS_FILE, SUMMARY_FILE } from './report-files.js';
import { summarize } from './summary.js';

/** Writes `<dir>/results.json`, passed through `scrub` (the run's redactor) last. */
export async function writeRunResult(
  run: RunResult,
  dir: string,
  scrub: (text: string) => string,
): Promise<string> {
  return writeText(join(dir, RESULTS_FILE), scrub(JSON.stringify(run, null, 2)));
}

/** Writes `<dir>/summary.json`: the verdict, coverage, totals and one line per scenario. */
export async function writeRunSummary(
  run: RunResult,
  dir: string,
  scrub: (text: string) => string,
): Promise<string> {
  return writeText(join(dir, SUMMARY_FILE), scrub(JSON.stringify(summarize(run), null, 2)));
}

async function writeText(file: string, text: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
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
