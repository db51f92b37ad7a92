// The Markdown conformance report: the same content, in the same order, as the HTML one (verdict, coverage
// and summary first; then failures, what could not be judged, warnings; the rest folded), compact enough
// for a CI job summary.
import type { HttpExchange, RequirementInfo, RunResult } from '../results/model.js';
import {
  CLAIM_LABELS,
  conformanceView,
  countRequirementStatuses,
  groupRequirements,
  rowStatus,
  type ConformanceView,
  type FailureItem,
  type RequirementRow,
} from './analysis.js';
import { CHECK_DISPLAY, REQUIREMENT_DISPLAY, SCENARIO_DISPLAY, VERDICT_DISPLAY } from '../results/display.js';
import { checkEffect, EXIT_CODE_MEANING, REQUIREMENT_PRIORITY } from '../results/policy.js';
import { checkStory } from './check-text.js';
import { prettyClipped, requestLines, responseLines } from './exchange-text.js';
import { formatDate } from './report-format.js';
import { CONFORMANCE_MD } from '../results/report-files.js';
import { textFileReporter } from './file-reporter.js';

/** Bodies are shorter here than in HTML: job summaries are limited to 1 MiB. */
const MAX_BODY_CHARS = 3_000;

/** Escapes text for Markdown (inline or a table cell): no markup, no raw HTML, no line breaks. */
export function mdText(value: unknown): string {
  return (
    String(value)
      .replace(/\r?\n/g, ' ')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      // Only an ampersand that would start an entity needs escaping; others stay readable in a terminal.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** A fenced code block whose fence cannot be closed by the content. */
export function mdCode(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function exchangeText(x: HttpExchange): string {
  const body = prettyClipped(MAX_BODY_CHARS);
  return mdCode([...requestLines(x, body), '', ...responseLines(x, body)].join('\n'), 'http');
}

/** GitHub refuses job summaries over 1 MiB; stay well under it. */
export const MAX_MARKDOWN_BYTES = 900_000;

/**
 * The Markdown report. When it would be larger than maxBytes, the requests and responses are left out
 * (with a note pointing to the HTML report) so the file still fits a CI job summary.
 */
export function renderConformanceMarkdown(run: RunResult, options: { maxBytes?: number } = {}): string {
  const view = conformanceView(run);
  const full = renderMarkdown(view, true);
  if (Buffer.byteLength(full) <= (options.maxBytes ?? MAX_MARKDOWN_BYTES)) return full;
  return renderMarkdown(view, false);
}

function renderMarkdown(view: ConformanceView, withExchanges: boolean): string {
  const { run, verdict: v, requirements: rows, findings: sections } = view;
  const requirements = new Map(rows.map((r) => [r.info.id, r.info]));
  const out: string[] = [];
  // What was tested, then the verdict and its coverage, then a summary: as the HTML report's first screen.
  out.push(`# Conformance report: ${mdText(run.target.name)}`, '');
  out.push(
    `Target ${mdText(run.target.baseUrl)}${run.target.embedded ? ` (the embedded ${mdText(run.target.embedded)} server)` : ''} · ${formatDate(run.startedAt)} · ${mdText(`${run.harness.name} ${run.harness.version}`)}`,
    '',
  );
  if (run.target.faults?.length) {
    out.push(
      `> **Injected faults:** ${mdText(run.target.faults.join(', '))}. The server was told to break these rules on purpose, so the failures below are a demonstration, not a finding about the server.`,
      '',
    );
  }
  out.push(`## ${VERDICT_DISPLAY[v.verdict].symbol} ${mdText(v.headline)}`, '');
  out.push(
    `**${v.coverageText}**. Scenarios: ${mdText(v.detail)}. Exit code ${run.exitCode}: ${mdText(EXIT_CODE_MEANING[run.exitCode] ?? '')}.`,
    '',
  );
  for (const w of run.warnings) out.push(`> ⚠️ ${mdText(w)}`, '');
  out.push(...summaryTables(view));
  if (!withExchanges) {
    out.push(
      '> Requests and responses are left out to keep this file small; see conformance-report.html.',
      '',
    );
  }

  const findings: [string, string, readonly FailureItem[]][] = [
    [
      'Failures',
      'Checks of SHALL requirements (and SHOULD ones under --strict) that did not hold, or requests the server did not answer.',
      sections.failures,
    ],
    [
      'Could not be judged',
      'Not authorised, or a fault in a suite or in fgc. These make the verdict Incomplete.',
      sections.errors,
    ],
    ['Warnings', 'SHOULD requirements that did not hold: reported, but not failures.', sections.warnings],
  ];
  for (const [title, note, items] of findings) {
    if (!items.length) continue;
    out.push(`## ${title} (${items.length})`, '', note, '');
    for (const item of items) out.push(...findingText(item, run, requirements, withExchanges));
  }
  if (sections.failures.length + sections.errors.length + sections.warnings.length === 0)
    out.push('No failures and no warnings.', '');

  const info = view.information;
  if (info.length) {
    out.push(`## Information (${info.length})`, '', 'Failed MAY checks: worth knowing, never a failure.', '');
    for (const { scenario, check } of info)
      out.push(`- ${mdText(scenario.fullId)}: ${mdText(check.message ?? check.description)}`);
    out.push('');
  }

  // The rest, folded (GitHub renders <details> in job summaries and issues).
  const ops = view.operations;
  if (ops.length) {
    out.push(
      ...folded(`Operations (${ops.length})`, [
        table(
          ['Operation', 'Verdict', 'Scenarios'],
          ops.map((o) => [
            mdText(`$${o.code}`),
            CLAIM_LABELS[o.claim],
            o.scenarios.map((s) => `${mdText(s.fullId)} (${s.status})`).join('<br>') || 'none in this run',
          ]),
        ),
      ]),
    );
  }
  out.push(
    ...folded(
      `Requirements (${rows.length})`,
      groupRequirements(rows).flatMap((g) => [
        `### ${mdText(g.name)}`,
        '',
        table(
          ['Requirement', 'Level', 'Result', 'Text', 'Scenarios'],
          g.rows.map((r) => [
            mdText(r.info.id),
            r.info.level,
            `${REQUIREMENT_DISPLAY[rowStatus(r)].symbol} ${REQUIREMENT_DISPLAY[rowStatus(r)].word}`,
            mdText(r.info.text),
            r.evidence.map((e) => `${mdText(e.scenario.fullId)} (${e.status})`).join('<br>'),
          ]),
        ),
        '',
      ]),
    ),
  );
  const uncovered = rows.filter((r) => r.status === undefined);
  out.push(
    ...folded(
      `Requirements not in this run (${uncovered.length})`,
      uncovered.length
        ? uncovered.map((r) => `- ${mdText(r.info.id)} (${r.info.level}): ${mdText(r.info.text)}`)
        : ['None.'],
    ),
  );
  const ws = view.waivers;
  out.push(
    ...folded(`Waivers (${ws.length})`, [
      ws.length
        ? table(
            ['Scenario', 'Reason', 'Owner', 'Expires'],
            ws.map((w) => [
              mdText(w.scenario.fullId),
              mdText(w.waiver.reason),
              mdText(w.waiver.owner),
              mdText(
                `${w.waiver.expires ?? 'never'}${w.daysLeft !== undefined ? (w.daysLeft < 0 ? ' (expired)' : ` (${w.daysLeft} days left)`) : ''}`,
              ),
            ]),
          )
        : 'No waiver was applied.',
    ]),
  );
  out.push(
    ...folded('Run facts and suites run', [
      table(
        ['', ''],
        [
          ['Target URL', mdText(run.target.baseUrl)],
          ['Date', `${formatDate(run.startedAt)} → ${formatDate(run.finishedAt)}`],
          ['Harness', mdText(`${run.harness.name} ${run.harness.version}`)],
          [
            'IG packages',
            run.igPackages
              .map((p) => mdText(`${p.id}#${p.version}${p.sha256 ? ` (sha256 ${p.sha256})` : ''}`))
              .join('<br>'),
          ],
          ...(run.target.faults?.length ? [['Injected faults', mdText(run.target.faults.join(', '))]] : []),
          ['Suites run', run.suites.map((s) => mdText(s.id)).join(', ')],
        ],
      ),
    ]),
  );
  return out.join('\n');
}

/** A section GitHub shows folded: `<details>` with a blank line so the Markdown inside is rendered. */
function folded(title: string, body: readonly string[]): string[] {
  return [`<details><summary><b>${mdText(title)}</b></summary>`, '', ...body, '', '</details>', ''];
}

/** The summary picture in text: requirements by status (over all and per group) and the operations. */
function summaryTables(view: ConformanceView): string[] {
  const rows = view.requirements;
  const inRun = rows.filter((r) => r.status !== undefined);
  const statuses = REQUIREMENT_PRIORITY.filter((s) => inRun.some((r) => r.status === s));
  const line = (name: string, group: readonly RequirementRow[]) => {
    const c = countRequirementStatuses(group);
    return [name, String(group.length), ...statuses.map((s) => (c[s] ? String(c[s]) : ''))];
  };
  const out = [
    table(
      [
        'Requirements',
        'in run',
        ...statuses.map((s) => `${REQUIREMENT_DISPLAY[s].symbol} ${REQUIREMENT_DISPLAY[s].word}`),
      ],
      [line('**all**', inRun), ...groupRequirements(inRun).map((g) => line(mdText(g.name), g.rows))],
    ),
    '',
  ];
  const notInRun = rows.length - inRun.length;
  if (notInRun) out.push(`${notInRun} catalog requirement(s) are not in this run.`, '');
  const ops = view.operations;
  if (ops.length) {
    const n = (claim: string) => ops.filter((o) => o.claim === claim).length;
    const failing = ops.filter((o) => o.claim === 'claimed-failing').map((o) => mdText(`$${o.code}`));
    out.push(
      `**Genomics operations:** ${ops.filter((o) => o.claim.startsWith('claimed')).length} claimed, ${n('claimed-passing')} passing, ${failing.length} failing, ${n('claimed-untested')} not tested, ${n('not-claimed')} not claimed.${failing.length ? ` Failing: ${failing.join(', ')}.` : ''}`,
      '',
    );
  }
  return out;
}

/** One failed, warned or errored scenario: each failing check headed by its plain-English message. */
function findingText(
  { scenario: sc, steps }: FailureItem,
  run: RunResult,
  requirements: ReadonlyMap<string, RequirementInfo>,
  withExchanges: boolean,
): string[] {
  const out: string[] = [];
  const d = SCENARIO_DISPLAY[sc.status];
  out.push(`### ${d.symbol} ${d.word}: ${mdText(sc.title)}`, '');
  out.push(`${mdText(sc.fullId)} · ${sc.severity} · ${mdText(`${sc.loc.file}:${sc.loc.line}`)}`, '');
  if (sc.error) out.push(`**${mdText(sc.error.message)}** (${mdText(sc.error.code)})`, '');
  else if (steps.every((s) => s.checks.length === 0) && sc.reason) out.push(`**${mdText(sc.reason)}**`, '');
  for (const { step, checks } of steps) {
    out.push(`Step ${step.index + 1}: ${mdText(step.name)}`, '');
    for (const c of checks) {
      const story = checkStory(c, requirements);
      const cited = c.requirements.map((id) => {
        const info = requirements.get(id);
        return `${mdText(id)}${info ? ` (${info.level})${id === story.headlineRequirement ? '' : `: ${mdText(info.text)}`}` : ''}`;
      });
      out.push(
        `- **${c.severity} ${CHECK_DISPLAY[checkEffect(c, run.options.strict)].word}: ${mdText(story.headline)}**`,
        ...(cited.length ? [`  - Requirement: ${cited.join('; ')}`] : []),
        `  - Expected: ${mdText(story.expected)}`,
        `  - Actual: ${mdText(story.actual)}`,
        ...(story.where ? [`  - Where: ${mdText(story.where)}`] : []),
        ...(c.issues ?? []).map((i) => `  - ${i.severity} ${mdText(i.location)}: ${mdText(i.message)}`),
        `  - Check ${mdText(c.id)}${c.loc ? ` (suite ${mdText(`${c.loc.file}:${c.loc.line}`)})` : ''}: ${mdText(story.technical)}`,
      );
    }
    out.push('');
    if (withExchanges)
      for (const x of step.exchanges)
        out.push(...folded(`Request and response: ${x.method} ${x.url}`, [exchangeText(x)]));
  }
  return out;
}

export const conformanceMarkdownReporter = textFileReporter({
  name: 'conformance-md',
  file: CONFORMANCE_MD,
  stage: 'report',
  render: (run) => renderConformanceMarkdown(run),
});
