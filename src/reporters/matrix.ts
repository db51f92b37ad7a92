// The cross-site matrix: one HTML page of sites × requirements (and operations) for a programme office.
import type { RequirementInfo, RunResult } from '../results/model.js';
import {
  CLAIM_LABELS,
  countRequirementStatuses,
  groupRequirements,
  operationRows,
  requirementRows,
  rowStatus,
  verdict,
  type OperationClaim,
} from './analysis.js';
import { REQUIREMENT_DISPLAY, VERDICT_DISPLAY } from '../results/display.js';
import { html, type SafeHtml } from './html-template.js';
import { chip, reportPage } from './report-page.js';
import { formatDate } from './report-format.js';

export interface MatrixColumn {
  /** Column heading: the site name, plus the run date when two columns share a site. */
  readonly label: string;
  readonly run: RunResult;
}

export function matrixColumns(runs: readonly RunResult[]): MatrixColumn[] {
  const names = runs.map((r) => r.target.name);
  return runs.map((run) => ({
    label:
      names.filter((n) => n === run.target.name).length > 1
        ? `${run.target.name} (${formatDate(run.finishedAt)})`
        : run.target.name,
    run,
  }));
}

/** Things that make columns hard to compare: different IG package versions or harness versions. */
export function comparabilityWarnings(runs: readonly RunResult[]): string[] {
  const warnings: string[] = [];
  const harness = new Set(runs.map((r) => r.harness.version));
  if (harness.size > 1)
    warnings.push(`The runs used different harness versions (${[...harness].join(', ')}).`);
  const packages = new Set(
    runs.map((r) =>
      r.igPackages
        .map((p) => `${p.id}#${p.version}`)
        .sort()
        .join(' '),
    ),
  );
  if (packages.size > 1)
    warnings.push(
      `The runs used different IG packages: ${[...packages].map((p) => p || '(none)').join(' / ')}.`,
    );
  return warnings;
}

const NOT_RUN = 'not run';

export function renderMatrixHtml(runs: readonly RunResult[]): string {
  const columns = matrixColumns(runs);
  const perRun = columns.map((c) => ({
    rows: new Map(requirementRows(c.run).map((r) => [r.info.id, r])),
    ops: new Map(operationRows(c.run).map((o) => [o.code, o.claim])),
  }));
  // Every requirement any run knows, in first-seen order (catalogs may differ between runs).
  const infos = new Map<string, RequirementInfo>();
  for (const p of perRun)
    for (const row of p.rows.values()) if (!infos.has(row.info.id)) infos.set(row.info.id, row.info);
  const groups = groupRequirements([...infos.values()].map((info) => ({ info, evidence: [] })));
  const opCodes = [...new Set(perRun.flatMap((p) => [...p.ops.keys()]))].sort();
  const head = html`<tr>
    <th></th>
    ${columns.map((c) => html`<th>${c.label}</th>`)}
  </tr>`;
  const reqCell = (i: number, id: string): SafeHtml => {
    const row = perRun[i]!.rows.get(id);
    const d = row ? REQUIREMENT_DISPLAY[rowStatus(row)] : undefined;
    return html`<td>${d ? chip(d.tone, d.word) : html`<span class="muted">${NOT_RUN}</span>`}</td>`;
  };
  const opCell = (i: number, code: string): SafeHtml => {
    const claim: OperationClaim | undefined = perRun[i]!.ops.get(code);
    return html`<td>
      ${claim ? chip(claim, CLAIM_LABELS[claim]) : html`<span class="muted">${NOT_RUN}</span>`}
    </td>`;
  };
  const requirementRow = (info: RequirementInfo, idPrefix: string): SafeHtml =>
    html`<tr id="${idPrefix}${info.id}">
      <td>
        <code>${info.id}</code> <span class="small muted">${info.level}</span>
        <div class="small">${info.text}</div>
      </td>
      ${columns.map((_, i) => reqCell(i, info.id))}
    </tr>`;
  const statusesOf = (id: string) =>
    new Set(
      perRun.map((p) => {
        const row = p.rows.get(id);
        return row ? rowStatus(row) : NOT_RUN;
      }),
    );
  const differing = [...infos.values()].filter((info) => statusesOf(info.id).size > 1);
  const warnings = comparabilityWarnings(runs);
  const body = html`<h1>Conformance matrix: ${columns.length} site run(s)</h1>
    ${
      warnings.length
        ? html`<ul class="warnings">
            ${warnings.map((w) => html`<li>${w}</li>`)}
          </ul>`
        : ''
    }
    <h2 id="sites">Sites</h2>
    <table>
      <tr>
        <th>Site</th>
        <th>Target URL</th>
        <th>Run</th>
        <th>Harness / IG</th>
        <th>Verdict</th>
        <th>Requirements</th>
      </tr>
      ${columns.map((c) => {
        const v = verdict(c.run);
        const n = countRequirementStatuses(requirementRows(c.run));
        const d = VERDICT_DISPLAY[v.verdict];
        return html`<tr>
          <td>${c.label}</td>
          <td><code>${c.run.target.baseUrl}</code></td>
          <td>${formatDate(c.run.finishedAt)}</td>
          <td>
            ${c.run.harness.name} ${c.run.harness.version}
            <div class="small muted">${c.run.igPackages.map((p) => `${p.id}#${p.version}`).join(', ')}</div>
          </td>
          <td>
            ${chip(d.tone, d.word)} ${v.headline}
            <div class="small muted">${v.coverageText}</div>
          </td>
          <td class="small">
            ${n.passed} passed, ${n.failed} failed, ${n.warned} warned, ${n.waived} waived, ${n.error} error,
            ${n['not-exercised']} not exercised, ${n.untested} untested, ${n['out-of-scope']} out of scope
          </td>
        </tr>`;
      })}
    </table>
    ${
      opCodes.length
        ? html`<h2 id="operations">Operations</h2>
            <table>
              ${head}
              ${opCodes.map(
                (code) =>
                  html`<tr>
                    <td><code>$${code}</code></td>
                    ${columns.map((_, i) => opCell(i, code))}
                  </tr>`,
              )}
            </table>`
        : ''
    }
    <h2 id="differences">Where the sites differ (${differing.length})</h2>
    ${
      differing.length
        ? html`<table>
            ${head} ${differing.map((info) => requirementRow(info, 'diff-'))}
          </table>`
        : html`<p>Every requirement has the same result at every site.</p>`
    }
    <h2 id="requirements">All requirements</h2>
    ${groups.map(
      (g) =>
        html`<h3>${g.name}</h3>
          <table>
            ${head} ${g.rows.map((r) => requirementRow(r.info, 'req-'))}
          </table>`,
    )}`;
  return reportPage('Conformance matrix', body, { wide: true });
}
