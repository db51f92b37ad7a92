// `npm run screenshot`: the pictures of the conformance report in the README and docs/reports.md.
// Runs the bundled suites against the built-in reference server with one injected fault (so there are
// failures to show), renders the conformance report, and photographs it in headless Chromium (the system's
// or the one @sparticuz/chromium ships): the first screen at 1400 × 900, and the first failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { executeRun } from '../src/runner/run.js';
import { renderConformanceHtml } from '../src/reporters/conformance-html.js';
import { launchChromium } from '../test/helpers/chromium.js';

const ROOT = join(import.meta.dirname, '..');
const IMAGES = join(ROOT, 'docs', 'images');
const FAULT = 'one-based-output';

const scratch = await mkdtemp(join(tmpdir(), 'fgc-screenshot-'));
const browser = await launchChromium();
try {
  console.log(`Running the bundled suites against the reference server with --fault ${FAULT}…`);
  const { run } = await executeRun({
    cwd: ROOT,
    suitePaths: [],
    targetSpec: 'reference',
    reportsDir: scratch,
    concurrency: 4,
    retries: 0,
    strict: false,
    bail: false,
    selection: {},
    faults: [FAULT],
    console: false,
    env: {},
  });
  const page = join(scratch, 'conformance-report.html');
  await writeFile(page, renderConformanceHtml(run));
  const tab = await browser.context.newPage();
  await tab.setViewportSize({ width: 1400, height: 900 });
  await tab.goto(pathToFileURL(page).href);
  const first = join(IMAGES, 'conformance-report.png');
  await tab.screenshot({ path: first });
  const failure = join(IMAGES, 'conformance-report-failure.png');
  await tab.locator('#failures article.card').first().screenshot({ path: failure });
  console.log(`wrote ${first}\nwrote ${failure}\n(browser: ${browser.binary.executablePath})`);
} finally {
  await browser.close();
  await rm(scratch, { recursive: true, force: true });
}
