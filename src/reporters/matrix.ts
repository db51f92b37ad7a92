// The cross-site matrix: one HTML page of sites × requirements (and operations) for a programme office.
import type { RequirementInfo, RunResult } from '../model/results.js';
import {
  CLAIM_LABELS,
  countStatuses,
  groupRequirements,
  operationRows,
  requirementRows,
  verdict,
  type OperationClaim,
  type RequirementStatus,
} from './analysis.js';
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
  const groups = groupRequirements(
    [...infos.values()].map((info) => ({ info, status: 'uncovered' as const, evidence: [] })),
  );
  const opCodes = [...new Set(perRun.flatMap((p) => [...p.ops.keys()]))].sort();
  const head = html`<tr>
    <th></th>
    ${columns.map((c) => html`<th>${c.label}</th>`)}
  </tr>`;
  const reqCell = (i: number, id: string): SafeHtml => {
    const status: RequirementStatus | undefined = perRun[i]!.rows.get(id)?.status;
    return html`<td>
      ${status ? chip(status, status === 'uncovered' ? 'not covered' : status) : html`<span class="muted">${NOT_RUN}</span>`}
    </td>`;
  };
  const opCell = (i: number, code: string): SafeHtml => {
    const claim: OperationClaim | undefined = perRun[i]!.ops.get(code);
    return html`<td>
      ${claim ? chip(claim, CLAIM_LABELS[claim]) : html`<span class="muted">${NOT_RUN}</span>`}
    </td>`;
  };
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
        const n = countStatuses([...requirementRows(c.run)]);
        return html`<tr>
          <td>${c.label}</td>
          <td><code>${c.run.target.baseUrl}</code></td>
          <td>${formatDate(c.run.finishedAt)}</td>
          <td>
            ${c.run.harness.name} ${c.run.harness.version}
            <div class="small muted">${c.run.igPackages.map((p) => `${p.id}#${p.version}`).join(', ')}</div>
          </td>
          <td>
            ${chip(v.level === 'pass' ? 'pass' : v.level === 'warn' ? 'warn' : v.level === 'fail' ? 'fail' : 'skip', v.level)}
            ${v.headline}
          </td>
          <td class="small">
            ${n.pass} pass, ${n.fail} fail, ${n.warn} warn, ${n.waived} waived, ${n.error} error, ${n.skip}
            skipped, ${n.uncovered} not covered
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
    <h2 id="requirements">Requirements</h2>
    ${groups.map(
      (g) =>
        html`<h3>${g.name}</h3>
          <table>
            ${head}
            ${g.rows.map(
              (r) =>
                html`<tr id="req-${r.info.id}">
                  <td>
                    <code>${r.info.id}</code> <span class="small muted">${r.info.level}</span>
                    <div class="small">${r.info.text}</div>
                  </td>
                  ${columns.map((_, i) => reqCell(i, r.info.id))}
                </tr>`,
            )}
          </table>`,
    )}`;
  return reportPage('Conformance matrix', body);
}
