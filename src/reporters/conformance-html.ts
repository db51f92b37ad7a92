// The self-contained HTML conformance report (no scripts, no external assets; prints cleanly).
import type { CheckResult, HttpExchange, RunResult, ScenarioResult } from '../model/results.js';
import {
  CLAIM_LABELS,
  countRequirementStatuses,
  failures,
  groupRequirements,
  informationalFindings,
  operationRows,
  requirementRows,
  rowStatus,
  verdict,
  waivers,
  type FailureItem,
  type RequirementRow,
  type RequirementRowStatus,
} from './analysis.js';
import { CHECK_DISPLAY, REQUIREMENT_DISPLAY, SCENARIO_DISPLAY, VERDICT_DISPLAY } from '../results/display.js';
import { checkEffect, EXIT_CODE_MEANING, SKIP_LABEL } from '../results/policy.js';
import { prettyClipped, requestLines, responseLines } from './exchange-text.js';
import { plural, curlCommand, formatDate, formatValue } from './report-format.js';
import { html, type SafeHtml } from './html-template.js';
import { chip, link, reportPage } from './report-page.js';

/** Bodies longer than this are cut in the report (the full text stays in results.json). */
const MAX_BODY_CHARS = 20_000;

function scenarioChip(sc: ScenarioResult): SafeHtml {
  const d = SCENARIO_DISPLAY[sc.status];
  const why = sc.skip ? ` (${SKIP_LABEL[sc.skip.kind]})` : '';
  return chip(d.tone, `${d.symbol} ${d.word}${why}`);
}

function requirementChip(status: RequirementRowStatus): SafeHtml {
  const d = REQUIREMENT_DISPLAY[status];
  return chip(d.tone, `${d.symbol} ${d.word}`);
}

function scenarioRef(sc: ScenarioResult, status?: RequirementRowStatus): SafeHtml {
  return html`<div>${status ? requirementChip(status) : scenarioChip(sc)} <code>${sc.fullId}</code></div>`;
}

function header(run: RunResult): SafeHtml {
  const suites = run.suites.map(
    (s) => html`<li><code>${s.id}</code> — ${s.title} (${plural(s.scenarios.length, 'scenario')})</li>`,
  );
  const packages = run.igPackages.map(
    (p) =>
      html`<li>
        <code>${p.id}#${p.version}</code
        >${p.sha256 ? html` <span class="muted small">sha256 ${p.sha256}</span>` : ''}
      </li>`,
  );
  const o = run.options;
  const filters = [
    o.grep && `grep ${o.grep}`,
    o.tags?.length && `tags ${o.tags.join(', ')}`,
    o.excludeTags?.length && `excluding ${o.excludeTags.join(', ')}`,
    o.shard && `shard ${o.shard}`,
  ].filter(Boolean);
  return html`<h1>Conformance report: ${run.target.name}</h1>
    <p class="muted">FHIR Genomics conformance (fgc) — generated from the run's results.json</p>
    <table class="meta">
      <tr>
        <th>Site</th>
        <td>${run.target.name}</td>
      </tr>
      <tr>
        <th>Target URL</th>
        <td>
          <code>${run.target.baseUrl}</code
          >${run.target.embedded ? ` (embedded ${run.target.embedded} server)` : ''}
        </td>
      </tr>
      ${
        run.target.faults?.length
          ? html`<tr>
              <th>Injected faults</th>
              <td>${run.target.faults.join(', ')}</td>
            </tr>`
          : ''
      }
      <tr>
        <th>Date</th>
        <td>${formatDate(run.startedAt)} → ${formatDate(run.finishedAt)}</td>
      </tr>
      <tr>
        <th>Harness</th>
        <td>${run.harness.name} ${run.harness.version}</td>
      </tr>
      <tr>
        <th>IG packages</th>
        <td>
          <ul>
            ${packages}
          </ul>
        </td>
      </tr>
      <tr>
        <th>Options</th>
        <td>
          concurrency ${o.concurrency}, retries
          ${o.retries}${o.strict ? ', strict (SHOULD failures fail)' : ''}${filters.length ? `, ${filters.join(', ')}` : ''}
        </td>
      </tr>
      <tr>
        <th>Suites run</th>
        <td>
          <ul>
            ${suites}
          </ul>
        </td>
      </tr>
    </table>`;
}

function verdictBlock(run: RunResult, rows: readonly RequirementRow[]): SafeHtml {
  const v = verdict(run);
  const c = countRequirementStatuses(rows);
  const warnings = run.warnings.length
    ? html`<h3>Run warnings</h3>
        <ul class="warnings">
          ${run.warnings.map((w) => html`<li>${w}</li>`)}
        </ul>`
    : '';
  return html`<div class="verdict v-${VERDICT_DISPLAY[v.verdict].tone}" id="verdict">
      <strong>${v.headline}</strong>${v.coverageText}. Scenarios: ${v.detail}. Exit code ${run.exitCode}:
      ${EXIT_CODE_MEANING[run.exitCode] ?? ''}.
    </div>
    <p>
      Requirements: ${c.passed} passed, ${c.failed} failed, ${c.warned} warned, ${c.waived} waived, ${c.error}
      error, ${c['not-exercised']} not exercised, ${c.untested} untested, ${c['out-of-scope']} out of scope,
      ${c['not-in-run']} not in this run (of ${rows.length}).
    </p>
    ${warnings}`;
}

function operationsSection(run: RunResult): SafeHtml {
  const rows = operationRows(run);
  if (rows.length === 0) return html``;
  return html`<h2 id="operations">Operations</h2>
    <p class="muted small">
      Claims come from the server's CapabilityStatement; results from the scenarios that call each operation.
    </p>
    <table>
      <tr>
        <th>Operation</th>
        <th>Verdict</th>
        <th>Scenarios</th>
      </tr>
      ${rows.map(
        (r) =>
          html`<tr>
            <td><code>$${r.code}</code></td>
            <td>${chip(r.claim, CLAIM_LABELS[r.claim])}</td>
            <td>
              ${r.scenarios.length ? r.scenarios.map((s) => scenarioRef(s)) : html`<span class="muted">none in this run</span>`}
            </td>
          </tr>`,
      )}
    </table>`;
}

function requirementsSection(rows: readonly RequirementRow[]): SafeHtml {
  return html`<h2 id="requirements">Requirements</h2>
    ${groupRequirements(rows).map(
      (g) =>
        html`<h3>${g.name}</h3>
          <table>
            <tr>
              <th style="width:120px">Requirement</th>
              <th style="width:70px">Level</th>
              <th style="width:90px">Result</th>
              <th>Text</th>
              <th style="width:32%">Scenarios</th>
            </tr>
            ${g.rows.map(
              (r) =>
                html`<tr id="req-${r.info.id}">
                  <td><code>${r.info.id}</code></td>
                  <td>${r.info.level}</td>
                  <td class="result">${requirementChip(rowStatus(r))}</td>
                  <td>
                    ${r.info.text}${r.info.source ? html`<div class="small">${link(r.info.source, r.info.source)}</div>` : ''}
                  </td>
                  <td>${r.evidence.map((e) => scenarioRef(e.scenario, e.status))}</td>
                </tr>`,
            )}
          </table>`,
    )}`;
}

function checkChip(c: CheckResult): SafeHtml {
  const d = CHECK_DISPLAY[checkEffect(c)];
  return chip(d.tone, `${c.severity} ${d.word}`);
}

function checkRows(checks: readonly CheckResult[]): SafeHtml {
  return html`<table class="checks">
    <tr>
      <th style="width:38%">Check</th>
      <th style="width:19%">Expected</th>
      <th style="width:19%">Actual</th>
      <th style="width:24%">Where</th>
    </tr>
    ${checks.map(
      (c) =>
        html`<tr>
            <td>
              <code>${c.id}</code>
              ${checkChip(c)}
              <div>${c.description}</div>
              ${c.requirements.length ? html`<div class="small muted">requirements: ${c.requirements.join(', ')}</div>` : ''}
              ${c.message ? html`<div class="small">${c.message}</div>` : ''}
            </td>
            <td><pre>${formatValue(c.expected)}</pre></td>
            <td><pre>${formatValue(c.actual)}</pre></td>
            <td>
              ${c.location ? html`<div><code>${c.location}</code></div>` : ''}${c.loc ? html`<div class="small muted">suite: ${c.loc.file}:${c.loc.line}:${c.loc.col}</div>` : ''}
            </td>
          </tr>
          ${
            c.issues?.length
              ? html`<tr>
                  <td colspan="4">
                    <ul class="small">
                      ${c.issues.map((i) => html`<li><b>${i.severity}</b> <code>${i.location}</code>: ${i.message}</li>`)}
                    </ul>
                  </td>
                </tr>`
              : ''
          }`,
    )}
  </table>`;
}

function exchangeBlock(x: HttpExchange): SafeHtml {
  const body = prettyClipped(MAX_BODY_CHARS);
  const request = requestLines(x, body).join('\n');
  const response = responseLines(x, body).join('\n');
  return html`<details open>
    <summary>${x.method} ${x.url} → ${x.error ? x.error.code : x.status}</summary>
    <div class="small muted">Request (credentials redacted)</div>
    <pre>${request}</pre>
    <div class="small muted">Response</div>
    <pre>${response}</pre>
    <div class="small muted">Reproduce</div>
    <pre>${curlCommand(x)}</pre>
  </details>`;
}

function failureCard(item: FailureItem): SafeHtml {
  const sc = item.scenario;
  return html`<div class="card ${sc.status}" id="fail-${sc.fullId}">
    <h3>${scenarioChip(sc)} ${sc.title}</h3>
    <div>
      <code>${sc.fullId}</code> · ${sc.severity} ·
      <span class="muted">${sc.loc.file}:${sc.loc.line}</span
      >${sc.attempts > 1 ? ` · ${sc.attempts} attempts` : ''}
    </div>
    ${sc.reason ? html`<p>${sc.reason}</p>` : ''}
    ${
      sc.error
        ? html`<p><b>${sc.error.code}</b>: ${sc.error.message}</p>
            ${sc.error.stack ? html`<pre>${sc.error.stack}</pre>` : ''}`
        : ''
    }
    ${
      Object.keys(sc.parameters).length
        ? html`<div class="small muted">
            parameters:
            ${Object.entries(sc.parameters)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}
          </div>`
        : ''
    }
    ${item.steps.map(
      ({ step, checks }) =>
        html`<h4>
            Step ${step.index + 1}: <code>${step.name}</code>
            <span class="small muted">${step.loc.file}:${step.loc.line}</span>
          </h4>
          ${checks.length ? checkRows(checks) : ''}${step.exchanges.map(exchangeBlock)}`,
    )}
  </div>`;
}

function failuresSection(run: RunResult): SafeHtml {
  const items = failures(run);
  return html`<h2 id="failures">Failures and warnings (${items.length})</h2>
    ${items.length ? items.map(failureCard) : html`<p>None.</p>`}`;
}

function uncoveredSection(rows: readonly RequirementRow[]): SafeHtml {
  const uncovered = rows.filter((r) => r.status === undefined);
  return html`<h2 id="uncovered">Requirements not in this run (${uncovered.length})</h2>
    ${
      uncovered.length
        ? html`<p class="muted small">
              No scenario of this run names these (left out by the selection, or no suite checks them).
            </p>
            <ul>
              ${uncovered.map((r) => html`<li><code>${r.info.id}</code> (${r.info.level}) ${r.info.text}</li>`)}
            </ul>`
        : html`<p>Every requirement in the catalog was named by at least one scenario of this run.</p>`
    }`;
}

function informationSection(run: RunResult): SafeHtml {
  const found = informationalFindings(run);
  if (found.length === 0) return html``;
  return html`<h2 id="information">Information (${found.length})</h2>
    <p class="muted small">Failed MAY checks: worth knowing, never a failure.</p>
    <ul>
      ${found.map(
        ({ scenario, check }) =>
          html`<li><code>${scenario.fullId}</code>: ${check.message ?? check.description}</li>`,
      )}
    </ul>`;
}

function waiversSection(run: RunResult): SafeHtml {
  const rows = waivers(run);
  return html`<h2 id="waivers">Waivers (${rows.length})</h2>
    ${
      rows.length
        ? html`<table>
            <tr>
              <th>Scenario</th>
              <th>Reason</th>
              <th>Owner</th>
              <th>Expires</th>
            </tr>
            ${rows.map(
              (w) =>
                html`<tr>
                  <td><code>${w.scenario.fullId}</code></td>
                  <td>${w.waiver.reason}</td>
                  <td>${w.waiver.owner}</td>
                  <td>
                    ${w.waiver.expires ?? 'never'}${w.daysLeft !== undefined ? html` <span class="small muted">(${w.daysLeft < 0 ? 'expired' : `${w.daysLeft} days left`})</span>` : ''}
                  </td>
                </tr>`,
            )}
          </table>`
        : html`<p>No waiver was applied.</p>`
    }`;
}

/** Links to the sections, with their sizes: the report of a full run is long. */
function contents(run: RunResult, rows: readonly RequirementRow[]): SafeHtml {
  const sections: [string, string][] = [
    ['operations', 'Operations'],
    ['requirements', `Requirements (${rows.length})`],
    ['failures', `Failures and warnings (${failures(run).length})`],
    ['uncovered', `Not in this run (${rows.filter((r) => r.status === undefined).length})`],
    ['waivers', `Waivers (${waivers(run).length})`],
  ];
  const shown = operationRows(run).length ? sections : sections.slice(1);
  return html`<nav class="contents small">
    ${shown.map(([id, label]) => html`<a href="#${id}">${label}</a> `)}
  </nav>`;
}

export function renderConformanceHtml(run: RunResult): string {
  const rows = requirementRows(run);
  return reportPage(
    `Conformance report: ${run.target.name}`,
    html`${header(run)} ${verdictBlock(run, rows)} ${contents(run, rows)} ${operationsSection(run)}
      ${requirementsSection(rows)} ${failuresSection(run)} ${informationSection(run)}
      ${uncoveredSection(rows)} ${waiversSection(run)}
      <p class="muted small">
        Generated by ${run.harness.name} ${run.harness.version}. Server content in this report is shown as
        text only.
      </p>`,
  );
}
