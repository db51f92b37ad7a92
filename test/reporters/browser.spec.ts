// The reports in a real browser (headless Debian Chromium): content, print layout, hostile server text
// that must not run, and the single-file Allure report opening from file://.
// FGC_UPDATE_SCREENSHOT=1 also refreshes docs/images/conformance-report.png.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { writeRunReports } from '../../src/reporters/run-reports.js';
import { CHROMIUM_PATH, launchChromium, type Browser } from '../helpers/chromium.js';
import { writeAllureResults } from './fixtures/allure.js';
import { makeProject, type Project } from './fixtures/project.js';
import { renderMatrixHtml } from '../../src/reporters/matrix.js';
import { FIXTURE_SECRETS, HOSTILE_TEXT, passingRun } from './fixtures/runs.js';

const SCREENSHOT = new URL('../../docs/images/conformance-report.png', import.meta.url);

describe('reports in the browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let p: Project;
  let page: Page;

  before(async () => {
    if (!existsSync(CHROMIUM_PATH))
      throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
    browser = await launchChromium();
    p = await makeProject();
    await writeAllureResults(join(p.reports, 'allure-results'));
    const result = await writeRunReports(p.run, p.reports, {
      allure: true,
      cwd: p.cwd,
      env: { ...process.env, ...p.env },
      secrets: [FIXTURE_SECRETS[1]],
    });
    expect(result.warnings).to.deep.equal([]);
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
    const text = await page.innerText('body');
    for (const expected of [
      'https://fhir.pilot.example.org/r4',
      'fgc 0.1.0',
      'hl7.fhir.uv.genomics-reporting#3.0.0',
      'genomics-operations/find-subject-variants — Find subject variants',
      'Not conformant: 1 scenario(s) failed a SHALL requirement',
      'claimed & failing',
      'not claimed',
      'GO-FSV-2',
      "parameter.where(name='variants').part.where(name='presence').value equals true",
      'Parameters.parameter[0].part[1].valueBoolean',
      'suite: suites/genomics-operations/find-subject-variants.yaml:31:5',
      'authorization: Bearer ***',
      'site-team@example.org',
      '2027-03-01',
      'GR-VAR-9',
      'FIXTURE_MISSING',
    ]) {
      expect(text, expected).to.include(expected);
    }
    const groups = await page.locator('#requirements ~ h3').allInnerTexts();
    expect(groups.slice(0, 4)).to.deep.equal([
      'find-subject-variants',
      'find-subject-haplotypes',
      'find-study-metadata',
      'Variant',
    ]);
    expect(await page.locator('#req-GO-FSV-2 .result').innerText()).to.equal('✖ failed');
    expect(await page.locator('#req-GR-VAR-9 .result').innerText()).to.equal('· not in this run');
  });

  it('does not run a <script> from a server response, and shows it as text', async () => {
    await open('conformance-report.html');
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
    expect(await page.evaluate(() => (window as unknown as { __fgcPwned?: number }).__fgcPwned)).to.equal(
      undefined,
    );
    expect(await page.locator('script, img').count()).to.equal(0);
    await rm(join(p.reports, 'no-csp.html'));
  });

  it('prints cleanly: long bodies are not cut and the PDF renders', async () => {
    await open('conformance-report.html');
    await page.emulateMedia({ media: 'print' });
    const pre = await page
      .locator('pre')
      .first()
      .evaluate((el) => getComputedStyle(el).maxHeight);
    expect(pre).to.equal('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).to.equal('%PDF');
    if (process.env.FGC_UPDATE_SCREENSHOT) {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 1500 });
      await mkdir(new URL('.', SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT.pathname });
    }
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

  it('opens the single-file Allure report from file://', async () => {
    await open('allure-report.html');
    await page.getByText('test cases').first().waitFor({ timeout: 60_000 });
    expect(await page.innerText('body')).to.include('find-subject-variants');
  });
});
