// The conformance report's text (HTML and Markdown) without a browser: escaping, size limits, links.
import { expect } from 'chai';
import { renderConformanceHtml } from '../../src/reporters/conformance-html.js';
import { mdCode, mdText, renderConformanceMarkdown } from '../../src/reporters/conformance-md.js';
import { HOSTILE_TEXT, mixedRun } from './fixtures/runs.js';

describe('conformance report text', () => {
  it('Markdown shows server text without markup and keeps the request and response', () => {
    const md = renderConformanceMarkdown(mixedRun());
    expect(md).to.include('## ✖ Not conformant: 1 scenario(s) failed a SHALL requirement');
    expect(md).to.include('| GO-FSV-2 | SHALL | ✖ failed |');
    expect(md).to.include('authorization: Bearer ***');
    expect(md).to.include('HTTP 200');
    expect(md).to.include(
      '| genomics-operations/find-subject-variants/unknown-subject-404 | Returns 400 until release 2.3 |',
    );
    // Outside code blocks, markup is escaped; the hostile body only appears inside a fenced block.
    const outsideCode = md.replace(/(`{3,})http\n[^]*?\n\1/g, '');
    expect(outsideCode).not.to.include('<script>');
    expect(md).to.include(HOSTILE_TEXT.slice(0, 20));
  });

  it('Markdown leaves out requests and responses when it would be too large for a job summary', () => {
    const full = renderConformanceMarkdown(mixedRun());
    const small = renderConformanceMarkdown(mixedRun(), { maxBytes: full.length - 1 });
    expect(small).not.to.include('```http');
    expect(small).to.include('Requests and responses are left out');
    expect(small).to.include('presence-true');
  });

  it('Markdown follows the HTML order: faults, verdict, coverage, summary, failures, warnings, then the rest folded', () => {
    const md = renderConformanceMarkdown(
      mixedRun({ target: { ...mixedRun().target, faults: ['one-based-output'] } }),
    );
    const at = (text: string) => {
      const i = md.indexOf(text);
      expect(i, text).to.be.greaterThan(-1);
      return i;
    };
    const order = [
      '> **Injected faults:** one-based-output.',
      '## ✖ Not conformant',
      '**4 of 5 requirements exercised**',
      '| Requirements | in run |',
      '| find-subject-variants | 3 | 1 |',
      '**Genomics operations:** 2 claimed, 0 passing, 2 failing',
      '## Failures (1)',
      '- **SHALL failed: Each variants parameter SHALL carry presence.**',
      '  - Expected: true',
      '## Could not be judged (1)',
      '## Warnings (1)',
      '<details><summary><b>Operations (3)</b></summary>',
      '<details><summary><b>Requirements (7)</b></summary>',
      '<details><summary><b>Run facts and suites run</b></summary>',
    ].map(at);
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
  });

  it('HTML states the target and injected faults, and draws the summary as inline SVG', () => {
    const page = renderConformanceHtml(
      mixedRun({ target: { ...mixedRun().target, faults: ['one-based-output'] } }),
    );
    expect(page).to.match(
      /<p class="faults" id="faults">\s*<b>Injected faults:<\/b> <code>one-based-output<\/code>/,
    );
    const summary = page.slice(
      page.indexOf('id="summary"'),
      page.indexOf('</section>', page.indexOf('id="summary"')),
    );
    // All requirements, the operations, and one bar per group (4 groups have requirements in this run).
    expect(summary.match(/<svg\s+class="bar"/g)).to.have.length(2 + 4);
    // The caption counts as the coverage line does: 5 in scope, 1 out of scope, 1 outside the run.
    expect(summary).to.include('(5 in scope, 1 out of scope, 1 not in this run)');
    expect(summary)
      .to.include('<title>failed: 1</title>')
      .and.include('<title>claimed &amp; failing: 2</title>');
    expect(page.indexOf('id="summary"')).to.be.below(page.indexOf('id="failures"'));
    expect(page.indexOf('id="failures"')).to.be.below(page.indexOf('id="errors"'));
    expect(page.indexOf('id="errors"')).to.be.below(page.indexOf('id="warnings"'));
    expect(page.indexOf('id="warnings"')).to.be.below(
      page.indexOf('<details class="section" id="requirements"'),
    );
  });

  it('escapes Markdown and makes code fences that content cannot close', () => {
    expect(mdText('a|b *c* <i>\nnext')).to.equal('a\\|b \\*c\\* &lt;i&gt; next');
    expect(mdText('a&b &amp; &#60;')).to.equal('a&b &amp;amp; &amp;#60;');
    expect(mdCode('x ``` y')).to.equal('````\nx ``` y\n````');
  });

  it('HTML links only http(s) sources and says "1 scenario"', () => {
    const run = mixedRun();
    const page = renderConformanceHtml({
      ...run,
      requirements: [
        ...run.requirements,
        { id: 'X-1', text: 't', source: 'javascript:alert(1)', level: 'MAY' },
      ],
    });
    expect(page).not.to.include('href="javascript');
    expect(page).to.include('href="https://hl7.org/fhir/uv/genomics-reporting/STU3/operations.html"');
    expect(page).to.include('(1 scenario)').and.include('(3 scenarios)');
    expect(page).to.include('<a href="#failures">Failures (1)</a>');
    expect(page).to.include('<a href="#warnings">Warnings (1)</a>');
  });
});
