// Allure HTML generation: both variants when Java is there, a clear warning (not a crash) when it is not.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAllureHtml, findJava } from '../../src/reporters/allure-html.js';
import { writeAllureResults } from './fixtures/allure.js';

describe('Allure HTML', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'fgc-allure-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('builds the multi-file report and a single-file copy (on a machine without Java: says so)', async function () {
    await writeAllureResults(join(dir, 'allure-results'));
    const result = await buildAllureHtml(join(dir, 'allure-results'), join(dir, 'allure-report'));
    // Java is optional on a developer's or CI machine: without it, this machine tests the warning instead.
    if (!(await findJava(process.env))) {
      expect(result.written).to.deep.equal([]);
      expect(result.warning).to.match(/Java is not installed/);
      return;
    }
    expect(result.warning).to.equal(undefined);
    expect(result.written).to.deep.equal([join(dir, 'allure-report'), join(dir, 'allure-report.html')]);
    expect((await stat(join(dir, 'allure-report', 'index.html'))).isFile()).to.equal(true);
    const single = await readFile(join(dir, 'allure-report.html'), 'utf8');
    // The single file inlines its data, so it needs nothing beside it.
    expect(single).to.include('data:');
  });

  it('says Java is missing instead of failing, and writes nothing', async () => {
    await writeAllureResults(join(dir, 'allure-results'));
    const result = await buildAllureHtml(join(dir, 'allure-results'), join(dir, 'allure-report'), {
      env: { PATH: join(dir, 'no-such-bin') },
    });
    expect(result.written).to.deep.equal([]);
    expect(result.warning)
      .to.match(/Java is not installed/)
      .and.include('Every other report was written');
  });

  it('warns when there are no Allure results', async () => {
    const missing = await buildAllureHtml(join(dir, 'nope'), join(dir, 'allure-report'));
    expect(missing.warning).to.match(/does not exist/);
    const empty = await buildAllureHtml(dir, join(dir, 'allure-report'));
    expect(empty.warning).to.match(/holds no test results/);
  });
});
