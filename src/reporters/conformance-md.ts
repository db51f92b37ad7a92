// The Markdown conformance report: the same content as the HTML one, compact enough for a CI job summary.
import type { HttpExchange, RunResult } from '../model/results.js';
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
} from './analysis.js';
import { CHECK_DISPLAY, REQUIREMENT_DISPLAY, SCENARIO_DISPLAY } from '../results/display.js';
import { checkEffect, EXIT_CODE_MEANING } from '../results/policy.js';
import { prettyClipped, requestLines, responseLines } from './exchange-text.js';
import { formatDate, formatValue } from './report-format.js';

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
  const full = renderMarkdown(run, true);
  if (Buffer.byteLength(full) <= (options.maxBytes ?? MAX_MARKDOWN_BYTES)) return full;
  return renderMarkdown(run, false);
}

function renderMarkdown(run: RunResult, withExchanges: boolean): string {
  const rows = requirementRows(run);
  const v = verdict(run);
  const c = countRequirementStatuses(rows);
  const out: string[] = [];
  out.push(`# Conformance report: ${mdText(run.target.name)}`, '');
  out.push(
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
    '',
  );
  out.push(
    `**${mdText(v.headline)}**`,
    '',
    `${v.coverageText}. Scenarios: ${mdText(v.detail)}. Exit code ${run.exitCode}: ${mdText(EXIT_CODE_MEANING[run.exitCode] ?? '')}.`,
    '',
  );
  out.push(
    `Requirements: ${c.passed} passed, ${c.failed} failed, ${c.warned} warned, ${c.waived} waived, ${c.error} error, ${c['not-exercised']} not exercised, ${c.untested} untested, ${c['out-of-scope']} out of scope, ${c['not-in-run']} not in this run (of ${rows.length}).`,
    '',
  );
  for (const w of run.warnings) out.push(`> ⚠️ ${mdText(w)}`, '');
  if (!withExchanges) {
    out.push(
      '> Requests and responses are left out to keep this file small; see conformance-report.html.',
      '',
    );
  }

  const ops = operationRows(run);
  if (ops.length) {
    out.push('## Operations', '');
    out.push(
      table(
        ['Operation', 'Verdict', 'Scenarios'],
        ops.map((o) => [
          mdText(`$${o.code}`),
          CLAIM_LABELS[o.claim],
          o.scenarios.map((s) => `${mdText(s.fullId)} (${s.status})`).join('<br>') || 'none in this run',
        ]),
      ),
      '',
    );
  }

  out.push('## Requirements', '');
  for (const g of groupRequirements(rows)) {
    out.push(`### ${mdText(g.name)}`, '');
    out.push(
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
    );
  }

  const items = failures(run);
  out.push(`## Failures and warnings (${items.length})`, '');
  if (!items.length) out.push('None.', '');
  for (const { scenario: sc, steps } of items) {
    out.push(
      `### ${SCENARIO_DISPLAY[sc.status].symbol} ${SCENARIO_DISPLAY[sc.status].word}: ${mdText(sc.fullId)}`,
      '',
    );
    out.push(`${mdText(sc.title)} · ${sc.severity} · ${mdText(`${sc.loc.file}:${sc.loc.line}`)}`, '');
    if (sc.reason) out.push(mdText(sc.reason), '');
    if (sc.error) out.push(`**${mdText(sc.error.code)}**: ${mdText(sc.error.message)}`, '');
    for (const { step, checks } of steps) {
      out.push(`**Step ${step.index + 1}: ${mdText(step.name)}**`, '');
      if (checks.length) {
        out.push(
          table(
            ['Check', 'Severity', 'Expected', 'Actual', 'Where'],
            checks.map((ch) => [
              `${mdText(ch.id)}: ${mdText(ch.description)}${ch.message ? ` — ${mdText(ch.message)}` : ''}`,
              `${ch.severity} ${CHECK_DISPLAY[checkEffect(ch)].word}`,
              mdText(formatValue(ch.expected)),
              mdText(formatValue(ch.actual)),
              [ch.location, ch.loc && `suite ${ch.loc.file}:${ch.loc.line}`]
                .filter(Boolean)
                .map(mdText)
                .join('<br>'),
            ]),
          ),
          '',
        );
      }
      if (withExchanges) for (const x of step.exchanges) out.push(exchangeText(x), '');
    }
  }

  const info = informationalFindings(run);
  if (info.length) {
    out.push(`## Information (${info.length})`, '', 'Failed MAY checks: worth knowing, never a failure.', '');
    for (const { scenario, check } of info)
      out.push(`- ${mdText(scenario.fullId)}: ${mdText(check.message ?? check.description)}`);
    out.push('');
  }

  const uncovered = rows.filter((r) => r.status === undefined);
  out.push(`## Requirements not in this run (${uncovered.length})`, '');
  out.push(
    ...(uncovered.length
      ? uncovered.map((r) => `- ${mdText(r.info.id)} (${r.info.level}): ${mdText(r.info.text)}`)
      : ['None.']),
    '',
  );

  const ws = waivers(run);
  out.push(`## Waivers (${ws.length})`, '');
  if (ws.length) {
    out.push(
      table(
        ['Scenario', 'Reason', 'Owner', 'Expires'],
        ws.map((w) => [
          mdText(w.scenario.fullId),
          mdText(w.waiver.reason),
          mdText(w.waiver.owner),
          mdText(
            `${w.waiver.expires ?? 'never'}${w.daysLeft !== undefined ? (w.daysLeft < 0 ? ' (expired)' : ` (${w.daysLeft} days left)`) : ''}`,
          ),
        ]),
      ),
      '',
    );
  } else out.push('No waiver was applied.', '');
  return out.join('\n');
}
