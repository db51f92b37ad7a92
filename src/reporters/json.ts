// The run as JSON: results.json (the whole RunResult, the source of every other report), summary.json (the
// run in brief), and `--reporter json`, which prints the summary and the reports written on stdout.
import { RESULTS_FILE, SUMMARY_FILE } from '../results/report-files.js';
import type { RunResult } from '../results/model.js';
import { runResultText, summaryText } from '../results/io.js';
import { summarize } from '../results/summary.js';
import { textFileReporter } from './file-reporter.js';
import type { ConsoleReporter } from './reporter.js';

export const resultsJsonReporter = textFileReporter({
  name: 'results',
  file: RESULTS_FILE,
  stage: 'results',
  render: runResultText,
});

export const summaryJsonReporter = textFileReporter({
  name: 'summary',
  file: SUMMARY_FILE,
  stage: 'results',
  render: summaryText,
});

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
