// Every reporter of fgc, one line each, in the order they run. This one list gives the choices of
// `fgc run --reporter` (the console reporters: how the run shows on the terminal), the report files every
// run writes and `fgc report` rebuilds (the file reporters), the files a new run removes first, and what goes
// into the evidence bundle. Adding a format is its file and one line here.
import { allureReporter } from './allure.js';
import { conformanceHtmlReporter } from './conformance-html.js';
import { conformanceMarkdownReporter } from './conformance-md.js';
import { evidenceReporter } from './evidence.js';
import { jsonConsoleReporter, resultsJsonReporter, summaryJsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { dotReporter, listReporter, quietReporter, specReporter, tapReporter } from './console.js';
import type { ConsoleReporter, FileReporter, Reporter } from './reporter.js';
import { testReportReporter } from './testreport.js';

export const REPORTERS: readonly Reporter[] = [
  specReporter,
  listReporter,
  dotReporter,
  jsonConsoleReporter,
  quietReporter,
  tapReporter,
  resultsJsonReporter,
  summaryJsonReporter,
  junitReporter,
  conformanceHtmlReporter,
  conformanceMarkdownReporter,
  testReportReporter,
  allureReporter,
  // Last: it bundles what the others wrote.
  evidenceReporter,
];

export const CONSOLE_REPORTERS = REPORTERS.filter((r): r is ConsoleReporter => r.kind === 'console');
export const FILE_REPORTERS = REPORTERS.filter((r): r is FileReporter => r.kind === 'file');

/** The console reporter `--reporter` names; throws for a name the registry lacks (commander checks first). */
export function consoleReporter(name: string): ConsoleReporter {
  const found = CONSOLE_REPORTERS.find((r) => r.name === name);
  if (!found) throw new Error(`no console reporter is called ${name}`);
  return found;
}

/** What goes into the evidence bundle, when present. */
export const BUNDLED_FILES: readonly string[] = FILE_REPORTERS.flatMap((r) => r.bundled);

/**
 * What a new run removes when its scenarios start: the files of every reporter that writes after the run,
 * so a reports folder never shows one run's results beside another run's reports (after --no-report, or
 * when a run stops early). results.json, summary.json and junit.xml are rewritten at the end of every run.
 */
export const STALE_FILES: readonly string[] = FILE_REPORTERS.filter((r) => r.writeReport).flatMap(
  (r) => r.files,
);
