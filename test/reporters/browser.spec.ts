// The reports in a real browser (headless Chromium: the system's, or the one @sparticuz/chromium ships):
// content, the reviewer's first screen, the page at 400 px, print layout, hostile server text that must not
// run, and the single-file Allure report opening from file:// (or, without Java, the warning instead).
// Screenshots of the report at 1400 × 900 and 400 px are kept in test-results/report-screens/.
import { expect } from 'chai';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { writeRunReports } from '../../src/reporters/run-reports.js';
import { renderConformanceHtml } from '../../src/reporters/conformance-html.js';
import { findJava } from '../../src/reporters/allure-html.js';
import { launchChromium, type Browser } from '../helpers/chromium.js';
import { writeAllureResults } from './fixtures/allure.js';
import { makeProject, type Project } from './fixtures/project.js';
import { largeRun } from './fixtures/large-run.js';
import { renderMatrixHtml } from '../../src/reporters/matrix.js';
import { FIXTURE_SECRETS, HOSTILE_TEXT, passingRun } from './fixtures/runs.js';

/** Where the layout screenshots are kept for people to look at (CI can upload the folder). */
export const SCREENS = new URL('../../test-results/report-screens/', import.meta.url);

async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

interface Layout {
  readonly verdictTop: number;
  readonly coverageBottom: number;
  readonly summaryBottom: number;
  readonly failuresTop: number;
  readonly scrollWidth: number;
  readonly height: number;
}

async function layout(page: Page): Promise<Layout> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  return page.evaluate(`(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect();
    return {
      verdictTop: box('verdict').top,
      coverageBottom: box('coverage').bottom,
      summaryBottom: box('summary').bottom,
      failuresTop: box('failures').top,
      scrollWidth: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    };
  })()`);
}

describe('reports in the browser', function () {
  this.timeout(180_000);
  let browser: Browser;
  let p: Project;
  let page: Page;
  let java: boolean;
  let reportWarnings: string[];

  before(async () => {
    browser = await launchChromium();
    p = await makeProject();
    java = (await findJava(process.env)) !== undefined;
    await writeAllureResults(join(p.reports, 'allure-results'));
    const result = await writeRunReports(p.run, p.reports, {
      allure: true,
      cwd: p.cwd,
      env: { ...process.env, ...p.env },
      secrets: [FIXTURE_SECRETS[1]],
    });
    reportWarnings = result.warnings;
    await writeFile(join(p.reports, 'large.html'), renderConformanceHtml(largeRun()));
    await mkdir(SCREENS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    if (p) await rm(p.cwd, { recursive: true, force: true });
  });
  beforeEach(async () => (page = await browser.context.newPage()));
  afterEach(() => page.close());

  const open = (file: string) => page.goto(pathToFileURL(join(p.reports, file)).href);

  it('shows the site, run facts, verdict, operations, requirements, failures, uncovered and waivers', async () => {
    await open('conformance-report.html');
    expect(await page.title()).to.equal('Conformance report: pilot-site-a');
    await openAllDetails(page);
    const text = await page.innerText('body');
    for (const expected of [
      'https://fhir.pilot.example.org/r4',
      'fgc 0.1.0',
      'hl7.fhir.uv.genomics-reporting#3.0.0',
      'genomics-operations/find-subject-variants — Find subject variants',
      'Not conformant: 1 scenario(s) failed a SHALL requirement',
      'requirements exercised',
      'claimed & failing',
      'not claimed',
      'GO-FSV-2',
      "parameter.where(name='variants').part.where(name='presence').value equals true",
      'Parameters.parameter[0].part[1].valueBoolean',
      'suite suites/genomics-operations/find-subject-variants.yaml:31:5',
      'authorization: Bearer ***',
      'site-team@example.org',
      '2027-03-01',
      'GR-VAR-9',
      'FIXTURE_MISSING',
    ]) {
      expect(text, expected).to.include(expected);
    }
    const groups = await page.locator('#requirements h3').allInnerTexts();
    expect(groups.slice(0, 4)).to.deep.equal([
      'find-subject-variants',
      'find-subject-haplotypes',
      'find-study-metadata',
      'Variant',
    ]);
    expect(await page.locator('#req-GO-FSV-2 .result').innerText()).to.equal('✖ failed');
    expect(await page.locator('#req-GR-VAR-9 .result').innerText()).to.equal('· not in this run');
  });

  it('puts failures before warnings, each headed by its message, with expected and actual in words', async () => {
    await open('conformance-report.html');
    const order = await page.locator('section[id] > h2').allInnerTexts();
    expect(order).to.deep.equal(['Failures (1)', 'Could not be judged (1)', 'Warnings (1)']);
    const finding = page.locator('#failures .finding').first();
    expect(await finding.locator('.what b').innerText()).to.equal(
      'Each variants parameter SHALL carry presence.',
    );
    expect(await finding.locator('dt:has-text("Expected") + dd').innerText()).to.equal('true');
    expect(await finding.locator('dt:has-text("Actual") + dd').innerText()).to.equal('false');
    // The FHIRPath is there, but folded away below the words.
    expect(await finding.locator('details.tech pre').isVisible()).to.equal(false);
    expect(await finding.locator('details.tech pre').textContent()).to.include(
      "parameter.where(name='variants')",
    );
    // Requests and responses too.
    expect(await page.locator('#failures details.exchange pre').first().isVisible()).to.equal(false);
  });

  it('shows the verdict, the coverage line and the summary picture on the first screen at 1400 × 900', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await open('large.html');
    const l = await layout(page);
    expect(l.verdictTop, 'verdict').to.be.below(300);
    expect(l.coverageBottom, 'coverage line').to.be.below(900);
    expect(l.summaryBottom, 'summary picture').to.be.at.most(900);
    expect(l.failuresTop, 'failures come right after').to.be.above(l.summaryBottom);
    expect(await page.locator('#coverage').innerText()).to.match(/^\d+ of \d+ requirements exercised$/);
    expect(await page.locator('#faults').innerText()).to.include('one-based-output, category-merged');
    // One bar for every requirement group, one for all requirements, one for the operations.
    expect(await page.locator('#summary svg.bar').count()).to.equal(35 + 2);
    expect(await page.locator('#summary').innerText()).to.include('16 claimed');
    // The rest is folded: the 224-row table is not in the page's height.
    expect(await page.locator('#requirements table').first().isVisible()).to.equal(false);
    await page.screenshot({ path: new URL('large-1400x900.png', SCREENS).pathname });
  });

  it('fits 400 px without sideways scrolling, at most about 3× as tall as at 1400 px', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await open('large.html');
    const wide = await layout(page);
    await page.setViewportSize({ width: 400, height: 900 });
    await open('large.html');
    const narrow = await layout(page);
    await page.screenshot({ path: new URL('large-400-first-screen.png', SCREENS).pathname });
    expect(narrow.scrollWidth, 'scroll width at 400 px').to.be.at.most(400);
    expect(narrow.verdictTop, 'verdict near the top at 400 px').to.be.below(400);
    const ratio = narrow.height / wide.height;
    expect(ratio, `heights ${narrow.height} / ${wide.height}`).to.be.at.most(3);
    // Unfolded, every table is stacked too: still no sideways scrolling.
    await openAllDetails(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(400);
    await page.screenshot({ path: new URL('large-400-full.png', SCREENS).pathname, fullPage: false });
  });

  it('does not run a <script> from a server response, and shows it as text', async () => {
    await open('conformance-report.html');
    await openAllDetails(page);
    expect(await page.evaluate(() => (window as unknown as { __fgcPwned?: number }).__fgcPwned)).to.equal(
      undefined,
    );
    expect(await page.title()).not.to.include('pwned');
    expect(await page.locator('script').count()).to.equal(0);
    expect(await page.locator('img').count()).to.equal(0);
    expect(await page.innerText('body')).to.include('<script>window.__fgcPwned = 1;');
  });

  it('escapes server text even without the Content-Security-Policy safety net', async () => {
    const htmlText = await readFile(join(p.reports, 'conformance-report.html'), 'utf8');
    const noCsp = htmlText.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(noCsp).not.to.equal(htmlText);
    await writeFile(join(p.reports, 'no-csp.html'), noCsp);
    await open('no-csp.html');
    await openAllDetails(page);
    expect(await page.evaluate(() => (window as unknown as { __fgcPwned?: number }).__fgcPwned)).to.equal(
      undefined,
    );
    expect(await page.locator('script, img').count()).to.equal(0);
    await rm(join(p.reports, 'no-csp.html'));
  });

  it('prints cleanly: folded sections are printed, long bodies are not cut and the PDF renders', async () => {
    await open('conformance-report.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#req-GO-FSV-2').isVisible(), 'folded requirement table').to.equal(true);
    expect(await page.locator('#failures details.exchange pre').first().isVisible()).to.equal(true);
    const pre = await page
      .locator('pre')
      .first()
      .evaluate((el) => getComputedStyle(el).maxHeight);
    expect(pre).to.equal('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).to.equal('%PDF');
  });

  it('shows the cross-site matrix without running a hostile requirement text', async () => {
    const siteB = passingRun({ target: { name: 'pilot-site-b', baseUrl: 'https://b.example.org/fhir' } });
    const hostile = {
      ...siteB,
      requirements: [
        ...siteB.requirements,
        { id: 'X-1', text: HOSTILE_TEXT, source: 'javascript:alert(1)', level: 'MAY' as const },
      ],
    };
    await writeFile(join(p.reports, 'matrix.html'), renderMatrixHtml([p.run, hostile]));
    await open('matrix.html');
    expect(await page.locator('h1').innerText()).to.equal('Conformance matrix: 2 site run(s)');
    expect((await page.locator('#req-GO-FSV-2 td').allInnerTexts()).slice(1)).to.deep.equal([
      'failed',
      'passed',
    ]);
    expect(await page.evaluate(() => (window as unknown as { __fgcPwned?: number }).__fgcPwned)).to.equal(
      undefined,
    );
    expect(await page.locator('script, img, a[href^="javascript"]').count()).to.equal(0);
  });

  it('opens the single-file Allure report from file:// (without Java: says so and writes the rest)', async () => {
    if (!java) {
      expect(reportWarnings.join('\n')).to.match(/Allure HTML not built: Java is not installed/);
      expect(reportWarnings).to.have.length(1);
      return;
    }
    expect(reportWarnings).to.deep.equal([]);
    await open('allure-report.html');
    await page.getByText('test cases').first().waitFor({ timeout: 60_000 });
    expect(await page.innerText('body')).to.include('find-subject-variants');
  });
});

describe('the browser from npm (@sparticuz/chromium), for machines without a system Chromium', function () {
  this.timeout(180_000);

  it('starts and lays out the report like the system browser', async () => {
    const browser = await launchChromium({ prefer: 'npm' });
    try {
      expect(browser.binary.source).to.equal('npm');
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 400, height: 900 });
      await page.setContent(renderConformanceHtml(largeRun()));
      expect(await page.locator('#verdict').isVisible()).to.equal(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(400);
    } finally {
      await browser.close();
    }
  });
});
