// The name of every file and folder fgc writes into a reports folder. Which reporter writes which, and
// which of them go into the evidence bundle, is the reporter registry's (src/reporters/registry.ts).

export const RESULTS_FILE = 'results.json';
export const SUMMARY_FILE = 'summary.json';
export const JUNIT_FILE = 'junit.xml';
export const ALLURE_RESULTS_DIR = 'allure-results';
/** Allure HTML: this folder, and beside it a single-file copy (ALLURE_REPORT_HTML). */
export const ALLURE_REPORT_DIR = 'allure-report';
export const ALLURE_REPORT_HTML = `${ALLURE_REPORT_DIR}.html`;
export const CONFORMANCE_HTML = 'conformance-report.html';
export const CONFORMANCE_MD = 'conformance-report.md';
export const TESTREPORT_DIR = 'testreports';
/** Evidence bundles are named `evidence-<site>-<time>.tar.gz`, one per run, and kept. */
export const EVIDENCE_PREFIX = 'evidence-';
/** Written by `fgc report --matrix` and `--diff`, from several runs. */
export const MATRIX_FILE = 'matrix.html';
export const DIFF_FILE = 'diff.md';
