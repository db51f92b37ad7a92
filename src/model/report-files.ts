// The names of what a run writes into its reports folder, shared by the runner and the reporters.

export const CONFORMANCE_HTML = 'conformance-report.html';
export const CONFORMANCE_MD = 'conformance-report.md';
export const TESTREPORT_DIR = 'testreports';
/** Allure HTML: this folder, and beside it a single-file copy with `.html` added. */
export const ALLURE_REPORT_DIR = 'allure-report';

/**
 * Reports built from a run's results. A new run removes the previous run's when its scenarios start, so a
 * reports folder never shows one run's results beside another run's reports (after `--no-report`, or when
 * a run stops early). Evidence bundles are kept: each is named by site and time and stands on its own.
 */
export const BUILT_FROM_RESULTS = [
  CONFORMANCE_HTML,
  CONFORMANCE_MD,
  TESTREPORT_DIR,
  ALLURE_REPORT_DIR,
  `${ALLURE_REPORT_DIR}.html`,
] as const;
