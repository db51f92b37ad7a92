// The self-contained HTML conformance report (no scripts, no external assets; prints cleanly), in the order
// a reviewer reads it: the verdict, the coverage line and a summary picture on the first screen, then the
// SHALL failures, what could not be judged and the SHOULD warnings, each headed by its plain-English
// message, and then the rest (operations, every requirement, run facts) folded away.
import type {
  CheckResult,
  HttpExchange,
  RequirementInfo,
  RunResult,
  ScenarioResult,
  StepResult,
} from '../results/model.js';
import {
  CLAIM_LABELS,
  conformanceView,
  groupRequirements,
  rowStatus,
  type ConformanceView,
  type FailureItem,
  type RequirementRow,
  type RequirementRowStatus,
} from './analysis.js';
import { CHECK_DISPLAY, REQUIREMENT_DISPLAY, SCENARIO_DISPLAY, VERDICT_DISPLAY } from '../results/display.js';
import { checkEffect, EXIT_CODE_MEANING, SKIP_LABEL } from '../results/policy.js';
import { checkStory, servedResource } from './check-text.js';
import { clip, prettyBody, plural, curlCommand, formatDate } from './report-format.js';
import { prettyClipped, requestLines, responseLines } from './exchange-text.js';
import { html, type SafeHtml } from './html-template.js';
import { chip, link, reportPage } from './report-page.js';
import { groupAnchor, summaryPicture } from './summary-chart.js';
import { CONFORMANCE_HTML } from '../results/report-files.js';
import { textFileReporter } from './file-reporter.js';

/** Bodies longer than this are cut in the report (the full text stays in results.json). */
const MAX_BODY_CHARS = 20_000;
/** A resource shown beside a finding is cut shorter: it is there to point at the element, not to archive it. */
const MAX_RESOURCE_CHARS = 6_000;
/** Validation problems shown before the rest are folded. */
const MAX_ISSUES_SHOWN = 6;

type Requirements = ReadonlyMap<string, RequirementInfo>;

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

/** Title, target and injected faults: what was tested, stated before anything else. */
function header(run: RunResult): SafeHtml {
  const faults = run.target.faults ?? [];
  return html`<h1>Conformance report: ${run.target.name}</h1>
    <p class="target">
      Target
      <code>${run.target.baseUrl}</code
      >${run.target.embedded ? ` (the embedded ${run.target.embedded} server)` : ''} ·
      ${formatDate(run.startedAt)} · ${run.harness.name} ${run.harness.version}
    </p>
    ${
      faults.length
        ? html`<p class="faults" id="faults">
            <b>Injected faults:</b> ${faults.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}. The
            server was told to break these rules on purpose, so the failures below are a demonstration, not a
            finding about the server.
          </p>`
        : ''
    }`;
}

function verdictBlock({ run, verdict: v }: ConformanceView): SafeHtml {
  const d = VERDICT_DISPLAY[v.verdict];
  const warnings = run.warnings.length
    ? html`<ul class="warnings">
        ${run.warnings.map((w) => html`<li>${w}</li>`)}
      </ul>`
    : '';
  return html`<div class="verdict v-${d.tone}" id="verdict">
      <strong>${d.symbol} ${v.headline}</strong>
      <div class="coverage" id="coverage">${v.coverageText}</div>
      <div class="small">
        Scenarios: ${v.detail}. Exit code ${run.exitCode}: ${EXIT_CODE_MEANING[run.exitCode] ?? ''}.
      </div>
    </div>
    ${warnings}`;
}

/** A folded section: a heading that opens it. Links to an id inside open it too (the browser does that). */
function folded(id: string, title: string, body: SafeHtml, note?: string): SafeHtml {
  return html`<details class="section" id="${id}">
    <summary>
      <h2>${title}</h2>
      ${note ? html` <span class="small muted">${note}</span>` : ''}
    </summary>
    ${body}
  </details>`;
}

function operationsTable(rows: ConformanceView['operations']): SafeHtml {
  return html`<p class="muted small">
      Claims come from the server's CapabilityStatement; results from the scenarios that call each operation.
    </p>
    <table class="stack">
      <tr class="head">
        <th>Operation</th>
        <th>Verdict</th>
        <th>Scenarios</th>
      </tr>
      ${rows.map(
        (r) =>
          html`<tr>
            <td data-label="Operation"><code>$${r.code}</code></td>
            <td data-label="Verdict">${chip(r.claim, CLAIM_LABELS[r.claim])}</td>
            <td data-label="Scenarios">
              ${r.scenarios.length ? r.scenarios.map((s) => scenarioRef(s)) : html`<span class="muted">none in this run</span>`}
            </td>
          </tr>`,
      )}
    </table>`;
}

function requirementsTable(rows: readonly RequirementRow[]): SafeHtml {
  return html`${groupRequirements(rows).map(
    (g) =>
      html`<h3 id="${groupAnchor(g.name)}">${g.name}</h3>
        <table class="stack reqs">
          <tr class="head">
            <th class="c-id">Requirement</th>
            <th class="c-level">Level</th>
            <th class="c-result">Result</th>
            <th>Text</th>
            <th class="c-scen">Scenarios</th>
          </tr>
          ${g.rows.map(
            (r) =>
              html`<tr id="req-${r.info.id}">
                <td data-label="Requirement"><code>${r.info.id}</code></td>
                <td data-label="Level">${r.info.level}</td>
                <td data-label="Result" class="result">${requirementChip(rowStatus(r))}</td>
                <td data-label="Text">
                  ${r.info.text}${r.info.source ? html`<div class="small">${link(r.info.source, r.info.source)}</div>` : ''}
                </td>
                <td data-label="Scenarios">${r.evidence.map((e) => scenarioRef(e.scenario, e.status))}</td>
              </tr>`,
          )}
        </table>`,
  )}`;
}

function checkChip(c: CheckResult, strict: boolean): SafeHtml {
  const d = CHECK_DISPLAY[checkEffect(c, strict)];
  return chip(d.tone, `${c.severity} ${d.word}`);
}

/** The requirements a check cites, with their text (except the one already shown as the headline). */
function requirementLine(ids: readonly string[], requirements: Requirements, shown?: string): SafeHtml {
  return html`${ids.map((id) => {
    const info = requirements.get(id);
    return html`<div>
      <a href="#req-${id}"><code>${id}</code></a
      >${info ? ` (${info.level})${id === shown ? '' : `: ${info.text}`}` : ''}
    </div>`;
  })}`;
}

/** Validation problems: the first few in view, the rest folded. */
function issueList(issues: NonNullable<CheckResult['issues']>): SafeHtml {
  const item = (i: (typeof issues)[number]) =>
    html`<li><b>${i.severity}</b> <code>${i.location}</code>: ${i.message}</li>`;
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  const rest = issues.slice(MAX_ISSUES_SHOWN);
  return html`<ul class="issues">
      ${shown.map(item)}
    </ul>
    ${
      rest.length
        ? html`<details class="tech">
            <summary>${rest.length} more</summary>
            <ul class="issues">
              ${rest.map(item)}
            </ul>
          </details>`
        : ''
    }`;
}

/** One failing check: the headline in words, expected and actual in words, then the technical detail folded. */
function finding(c: CheckResult, step: StepResult, run: RunResult, requirements: Requirements): SafeHtml {
  const story = checkStory(c, requirements);
  const served = story.resources.flatMap((ref) => {
    const resource = servedResource(step.exchanges, ref);
    return resource ? [{ ref, text: clip(prettyBody(JSON.stringify(resource)), MAX_RESOURCE_CHARS) }] : [];
  });
  return html`<div class="finding">
    <p class="what">${checkChip(c, run.options.strict)} <b>${story.headline}</b></p>
    <dl>
      ${
        c.requirements.length
          ? html`<dt>Requirement</dt>
              <dd>${requirementLine(c.requirements, requirements, story.headlineRequirement)}</dd>`
          : ''
      }
      <dt>Expected</dt>
      <dd>${story.expected}</dd>
      <dt>Actual</dt>
      <dd>${story.actual}</dd>
      ${
        story.where
          ? html`<dt>Where</dt>
              <dd><code>${story.where}</code></dd>`
          : ''
      }
      ${
        c.issues?.length
          ? html`<dt>Problems</dt>
              <dd>${issueList(c.issues)}</dd>`
          : ''
      }
    </dl>
    ${served.map(
      (s) =>
        html`<details class="resource">
          <summary>${s.ref} as the server sent it</summary>
          <pre>${s.text}</pre>
        </details>`,
    )}
    <details class="tech">
      <summary>The check (${c.kind === 'fhirpath' ? 'FHIRPath' : c.kind})</summary>
      <pre>${story.technical}</pre>
      <div class="small">
        <code>${c.id}</code>${c.loc ? html` · suite ${c.loc.file}:${c.loc.line}:${c.loc.col}` : ''}
      </div>
      ${c.message ? html`<div class="small muted">${c.message}</div>` : ''}
    </details>
  </div>`;
}

function exchangeBlock(x: HttpExchange): SafeHtml {
  const body = prettyClipped(MAX_BODY_CHARS);
  const request = requestLines(x, body).join('\n');
  const response = responseLines(x, body).join('\n');
  return html`<details class="exchange">
    <summary>
      Request and response: <code>${x.method} ${x.url}</code> → ${x.error ? x.error.code : x.status}
    </summary>
    <div class="small muted">Request (credentials redacted)</div>
    <pre>${request}</pre>
    <div class="small muted">Response</div>
    <pre>${response}</pre>
    <div class="small muted">Reproduce</div>
    <pre>${curlCommand(x)}</pre>
  </details>`;
}

function failureCard(item: FailureItem, run: RunResult, requirements: Requirements): SafeHtml {
  const sc = item.scenario;
  const parameters = Object.entries(sc.parameters);
  return html`<article class="card ${sc.status}" id="fail-${sc.fullId}">
    <h3>${scenarioChip(sc)} ${sc.title}</h3>
    <div class="small muted">
      <code>${sc.fullId}</code> · ${sc.severity} ·
      ${sc.loc.file}:${sc.loc.line}${sc.attempts > 1 ? ` · ${sc.attempts} attempts` : ''}${
        parameters.length ? ` · ${parameters.map(([k, v]) => `${k}=${v}`).join(', ')}` : ''
      }
    </div>
    ${
      sc.error
        ? html`<p><b>${sc.error.message}</b> <span class="small muted">(${sc.error.code})</span></p>
            ${
              sc.error.stack
                ? html`<details class="tech">
                    <summary>Stack</summary>
                    <pre>${sc.error.stack}</pre>
                  </details>`
                : ''
            }`
        : item.steps.every((s) => s.checks.length === 0) && sc.reason
          ? html`<p><b>${sc.reason}</b></p>`
          : ''
    }
    ${item.steps.map(
      ({ step, checks }) =>
        html`<div class="step">
          <div class="small muted">
            Step ${step.index + 1}: <code>${step.name}</code> · ${step.loc.file}:${step.loc.line}
          </div>
          ${checks.map((c) => finding(c, step, run, requirements))}${step.exchanges.map(exchangeBlock)}
        </div>`,
    )}
  </article>`;
}

function findingsSection(
  id: string,
  title: string,
  note: string,
  items: readonly FailureItem[],
  run: RunResult,
  requirements: Requirements,
): SafeHtml {
  if (items.length === 0) return html``;
  return html`<section id="${id}">
    <h2>${title} (${items.length})</h2>
    <p class="muted small">${note}</p>
    ${items.map((item) => failureCard(item, run, requirements))}
  </section>`;
}

function informationList(found: ConformanceView['information']): SafeHtml {
  if (found.length === 0) return html``;
  return html`<section id="information">
    <h2>Information (${found.length})</h2>
    <p class="muted small">Failed MAY checks: worth knowing, never a failure.</p>
    <ul>
      ${found.map(
        ({ scenario, check }) =>
          html`<li><code>${scenario.fullId}</code>: ${check.message ?? check.description}</li>`,
      )}
    </ul>
  </section>`;
}

function uncoveredList(uncovered: readonly RequirementRow[]): SafeHtml {
  return uncovered.length
    ? html`<p class="muted small">
          No scenario of this run names these (left out by the selection, or no suite checks them).
        </p>
        <ul>
          ${uncovered.map((r) => html`<li><code>${r.info.id}</code> (${r.info.level}) ${r.info.text}</li>`)}
        </ul>`
    : html`<p>Every requirement in the catalog was named by at least one scenario of this run.</p>`;
}

function waiversTable(rows: ConformanceView['waivers']): SafeHtml {
  return rows.length
    ? html`<table class="stack">
        <tr class="head">
          <th>Scenario</th>
          <th>Reason</th>
          <th>Owner</th>
          <th>Expires</th>
        </tr>
        ${rows.map(
          (w) =>
            html`<tr>
              <td data-label="Scenario"><code>${w.scenario.fullId}</code></td>
              <td data-label="Reason">${w.waiver.reason}</td>
              <td data-label="Owner">${w.waiver.owner}</td>
              <td data-label="Expires">
                ${w.waiver.expires ?? 'never'}${w.daysLeft !== undefined ? html` <span class="small muted">(${w.daysLeft < 0 ? 'expired' : `${w.daysLeft} days left`})</span>` : ''}
              </td>
            </tr>`,
        )}
      </table>`
    : html`<p>No waiver was applied.</p>`;
}

function runFacts(run: RunResult): SafeHtml {
  const o = run.options;
  const filters = [
    o.grep && `grep ${o.grep}`,
    o.tags?.length && `tags ${o.tags.join(', ')}`,
    o.excludeTags?.length && `excluding ${o.excludeTags.join(', ')}`,
    o.shard && `shard ${o.shard}`,
  ].filter(Boolean);
  const fact = (label: string, value: SafeHtml | string) =>
    html`<tr>
      <th>${label}</th>
      <td>${value}</td>
    </tr>`;
  return html`<table class="meta stack">
    ${fact('Site', run.target.name)}
    ${fact(
      'Target URL',
      html`<code>${run.target.baseUrl}</code
        >${run.target.embedded ? ` (embedded ${run.target.embedded} server)` : ''}`,
    )}
    ${run.target.faults?.length ? fact('Injected faults', run.target.faults.join(', ')) : ''}
    ${fact('Date', `${formatDate(run.startedAt)} → ${formatDate(run.finishedAt)}`)}
    ${fact('Harness', `${run.harness.name} ${run.harness.version}`)}
    ${fact(
      'IG packages',
      html`<ul>
        ${run.igPackages.map(
          (p) =>
            html`<li>
              <code>${p.id}#${p.version}</code
              >${p.sha256 ? html` <span class="muted small">sha256 ${p.sha256}</span>` : ''}
            </li>`,
        )}
      </ul>`,
    )}
    ${fact(
      'Options',
      `concurrency ${o.concurrency}, retries ${o.retries}${o.strict ? ', strict (SHOULD failures fail)' : ''}${filters.length ? `, ${filters.join(', ')}` : ''}`,
    )}
    ${fact(
      'Suites run',
      html`<ul>
        ${run.suites.map(
          (s) => html`<li><code>${s.id}</code> — ${s.title} (${plural(s.scenarios.length, 'scenario')})</li>`,
        )}
      </ul>`,
    )}
  </table>`;
}

/** Links to the sections, with their sizes. */
function contents(entries: readonly (readonly [string, string, number])[]): SafeHtml {
  return html`<nav class="contents small">
    ${entries.map(([id, label, n]) => html`<a href="#${id}">${label} (${n})</a> `)}
  </nav>`;
}

export function renderConformanceHtml(run: RunResult): string {
  const view = conformanceView(run);
  const { requirements: rows, findings: sections, operations: ops } = view;
  const requirements: Requirements = new Map(rows.map((r) => [r.info.id, r.info]));
  const uncovered = rows.filter((r) => r.status === undefined);
  const toc: [string, string, number][] = [
    ['failures', 'Failures', sections.failures.length],
    ['errors', 'Could not be judged', sections.errors.length],
    ['warnings', 'Warnings', sections.warnings.length],
    ['information', 'Information', view.information.length],
    ['operations', 'Operations', ops.length],
    ['requirements', 'Requirements', rows.length],
    ['uncovered', 'Not in this run', uncovered.length],
    ['waivers', 'Waivers', view.waivers.length],
    ['run', 'Suites run', run.suites.length],
  ];
  const first = toc.filter(([, , n], i) => i >= 4 || n > 0);
  return reportPage(
    `Conformance report: ${run.target.name}`,
    html`${header(run)} ${verdictBlock(view)} ${summaryPicture(run, rows)} ${contents(first)}
      ${findingsSection(
        'failures',
        'Failures',
        'Checks of SHALL requirements (and SHOULD ones under --strict) that did not hold, or requests the server did not answer.',
        sections.failures,
        run,
        requirements,
      )}
      ${findingsSection(
        'errors',
        'Could not be judged',
        'Scenarios the run could not judge: not authorised, or a fault in a suite or in fgc. They make the verdict Incomplete.',
        sections.errors,
        run,
        requirements,
      )}
      ${findingsSection(
        'warnings',
        'Warnings',
        'SHOULD requirements that did not hold: reported, but not failures.',
        sections.warnings,
        run,
        requirements,
      )}
      ${
        sections.failures.length + sections.errors.length + sections.warnings.length === 0
          ? html`<p id="no-failures">No failures and no warnings.</p>`
          : ''
      }
      ${informationList(view.information)}
      ${ops.length ? folded('operations', `Operations (${ops.length})`, operationsTable(ops)) : ''}
      ${folded('requirements', `Requirements (${rows.length})`, requirementsTable(rows), 'every requirement with its scenarios')}
      ${folded('uncovered', `Requirements not in this run (${uncovered.length})`, uncoveredList(uncovered))}
      ${folded('waivers', `Waivers (${view.waivers.length})`, waiversTable(view.waivers))}
      ${folded('run', 'Run facts and suites run', runFacts(run), `${plural(run.suites.length, 'suite')}, IG packages, options`)}
      <p class="muted small">
        Generated by ${run.harness.name} ${run.harness.version} from the run's results.json. Server content in
        this report is shown as text only.
      </p>`,
  );
}

export const conformanceHtmlReporter = textFileReporter({
  name: 'conformance-html',
  file: CONFORMANCE_HTML,
  stage: 'report',
  render: renderConformanceHtml,
});
