// Cross-site matrix and run-to-run diff.
import { expect } from 'chai';
import { comparabilityWarnings, matrixColumns, renderMatrixHtml } from '../../src/reporters/matrix.js';
import { diffRuns, renderDiffMarkdown } from '../../src/reporters/diff.js';
import { mixedRun, passingRun } from './fixtures/runs.js';

const siteB = () =>
  passingRun({
    target: { name: 'pilot-site-b', baseUrl: 'https://b.example.org/fhir' },
    finishedAt: '2026-11-28T09:00:00.000Z',
  });

describe('matrix', () => {
  it('puts every requirement in a row and every site in a column', () => {
    const page = renderMatrixHtml([mixedRun(), siteB()]);
    expect(page).to.include('<th>pilot-site-a</th>').and.include('<th>pilot-site-b</th>');
    const row = page.slice(
      page.indexOf('id="req-GO-FSV-2"'),
      page.indexOf('</tr>', page.indexOf('id="req-GO-FSV-2"')),
    );
    expect(row).to.match(/s-fail[^]*s-pass/);
    expect(page).to.include('claimed &amp; failing').and.include('claimed &amp; passing');
  });

  it('lists first the requirements whose result differs between sites', () => {
    const page = renderMatrixHtml([mixedRun(), siteB()]);
    const differ = page.slice(page.indexOf('id="differences"'), page.indexOf('id="requirements"'));
    expect(differ).to.include('Where the sites differ (5)');
    expect(differ).to.include('id="diff-GO-FSV-2"').and.not.include('id="diff-GO-FSV-1"');
    const same = renderMatrixHtml([
      mixedRun(),
      mixedRun({ target: { name: 'twin', baseUrl: 'https://t.example.org' } }),
    ]);
    expect(same).to.include('Every requirement has the same result at every site.');
  });

  it('tells two runs of one site apart by date, and says when runs are not comparable', () => {
    const later = mixedRun({
      finishedAt: '2026-12-01T10:00:00.000Z',
      harness: { name: 'fgc', version: '0.2.0' },
    });
    expect(matrixColumns([mixedRun(), later]).map((c) => c.label)).to.deep.equal([
      'pilot-site-a (2026-11-27 08:01 UTC)',
      'pilot-site-a (2026-12-01 10:00 UTC)',
    ]);
    expect(comparabilityWarnings([mixedRun(), later])).to.deep.equal([
      'The runs used different harness versions (0.1.0, 0.2.0).',
    ]);
    const otherIg = siteB();
    expect(comparabilityWarnings([mixedRun(), { ...otherIg, igPackages: [] }])[0]).to.include(
      'different IG packages',
    );
  });

  it('shows "not run" for a requirement a site never ran', () => {
    const run = mixedRun();
    const without = { ...siteB(), requirements: run.requirements.filter((r) => r.id !== 'GR-VAR-9') };
    const page = renderMatrixHtml([run, without]);
    const row = page.slice(
      page.indexOf('id="req-GR-VAR-9"'),
      page.indexOf('</tr>', page.indexOf('id="req-GR-VAR-9"')),
    );
    expect(row).to.include('not in this run').and.include('not run');
  });
});

describe('diff', () => {
  it('lists new failures and fixes between two runs of a site', () => {
    const d = diffRuns(passingRun(), mixedRun());
    expect(d.newFailures.map((c) => c.fullId)).to.have.members([
      'genomics-operations/find-subject-variants/range-output-shape',
      'genomics-operations/find-study-metadata/study-metadata-by-test',
      'profiles/variant/variant-has-interpretation',
    ]);
    expect(d.fixed).to.deep.equal([]);
    const back = diffRuns(mixedRun(), passingRun());
    expect(back.fixed.map((c) => c.fullId)).to.have.length(3);
    expect(back.newFailures).to.deep.equal([]);
    expect(back.requirementChanges).to.deep.include({ id: 'GO-FSV-2', before: 'failed', after: 'passed' });
  });

  it('keeps "no longer checked" apart from fixed', () => {
    const run = mixedRun();
    const skippedNow = {
      ...run,
      suites: run.suites.map((s) => ({
        ...s,
        scenarios: s.scenarios.map((sc) =>
          sc.status === 'failed' ? { ...sc, status: 'skipped' as const, reason: 'not claimed' } : sc,
        ),
      })),
    };
    const d = diffRuns(run, skippedNow);
    expect(d.noLongerChecked.map((c) => c.fullId)).to.deep.equal([
      'genomics-operations/find-subject-variants/range-output-shape',
    ]);
    expect(d.fixed).to.deep.equal([]);
  });

  it('renders Markdown and warns when the sites differ', () => {
    const text = renderDiffMarkdown(siteB(), mixedRun());
    expect(text).to.include('## New failures (3)').and.include('passed → failed');
    expect(text).to.include('different sites');
  });
});
