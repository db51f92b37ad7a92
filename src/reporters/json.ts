// The run as JSON: results.json (the whole RunResult, the source of every other report), summary.json (the
// run in brief), and `--reporter json`, which prints the summary and the reports written on stdout.
import { RESULTS_FILE, SUMMARY_FILE } from '../results/report-files.js';
import type { RunResult } from '../results/model.js';
import { writeRunResult, writeRunSummary } from '../results/io.js';
import { summarize } from '../results/summary.js';
import type { ConsoleReporter, FileReporter } from './reporter.js';

export const resultsJsonReporter: FileReporter = {
  kind: 'file',
  name: 'results',
  files: [RESULTS_FILE],
  bundled: [RESULTS_FILE],
  writeResults: async (run, ctx) => ({ written: [await writeRunResult(run, ctx.dir, ctx.scrub)] }),
};

export const summaryJsonReporter: FileReporter = {
  kind: 'file',
  name: 'summary',
  files: [SUMMARY_FILE],
  bundled: [SUMMARY_FILE],
  writeResults: async (run, ctx) => ({ written: [await writeRunSummary(run, ctx.dir, ctx.scrub)] }),
};

/** `--reporter json`: summary.json, plus the reports written, as one JSON document. */
export function jsonSummary(run: RunResult, files: readonly string[]): string {
  return JSON.stringify({ ...summarize(run), reports: files }, null, 2);
}

export const jsonConsoleReporter: ConsoleReporter = {
  kind: 'console',
  name: 'json',
  description: 'json (summary.json on stdout)',
  machine: true,
  brief: true,
  end: jsonSummary,
};
