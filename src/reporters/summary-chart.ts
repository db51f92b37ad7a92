// The summary picture at the top of the conformance report, as inline SVG (no script, no image file, so
// it works under the report's Content-Security-Policy and prints): requirements by coverage status, over
// all and per group, and the genomics operations by claim verdict. Colours are the policy's tones
// (src/results/display.ts); the three statuses that share the grey "skip" tone get three shades of it.
import type { RunResult } from '../results/model.js';
import { REQUIREMENT_PRIORITY, type RequirementStatus } from '../results/policy.js';
import { REQUIREMENT_DISPLAY } from '../results/display.js';
import {
  CLAIM_LABELS,
  countRequirementStatuses,
  groupRequirements,
  operationRows,
  type OperationClaim,
  type RequirementRow,
} from './analysis.js';
import { html, type SafeHtml } from './html-template.js';
import { slug } from './report-format.js';

export interface Segment {
  /** CSS class of the segment's fill (`c-<status>`). */
  readonly cls: string;
  readonly label: string;
  readonly count: number;
}

/** A horizontal stacked bar, one rect per non-empty segment; each says its count on hover and in print. */
export function stackedBar(segments: readonly Segment[], label: string): SafeHtml {
  const total = segments.reduce((n, s) => n + s.count, 0);
  let x = 0;
  const rects = segments
    .filter((s) => s.count > 0)
    .map((s) => {
      const width = (s.count / total) * 1000;
      const rect = html`<rect
        x="${x.toFixed(2)}"
        y="0"
        width="${width.toFixed(2)}"
        height="10"
        class="${s.cls}"
        ><title>${s.label}: ${s.count}</title></rect
      >`;
      x += width;
      return rect;
    });
  return html`<svg
    class="bar"
    viewBox="0 0 1000 10"
    preserveAspectRatio="none"
    role="img"
    aria-label="${label}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <rect x="0" y="0" width="1000" height="10" class="c-empty" />
    ${rects}
  </svg>`;
}

function legend(segments: readonly Segment[]): SafeHtml {
  return html`<ul class="legend">
    ${segments
      .filter((s) => s.count > 0)
      .map(
        (s) =>
          html`<li>
            <svg class="key" viewBox="0 0 10 10" aria-hidden="true">
              <rect width="10" height="10" class="${s.cls}" />
            </svg>
            ${s.label} <b>${s.count}</b>
          </li>`,
      )}
  </ul>`;
}

/** Requirement statuses worst first, with the words every report uses. */
function requirementSegments(counts: Readonly<Record<RequirementStatus, number>>): Segment[] {
  return REQUIREMENT_PRIORITY.map((status) => ({
    cls: `c-${status}`,
    label: REQUIREMENT_DISPLAY[status].word,
    count: counts[status],
  }));
}

const CLAIM_ORDER: readonly OperationClaim[] = [
  'claimed-failing',
  'claimed-passing',
  'claimed-untested',
  'not-claimed',
  'claim-unknown',
];

/** The anchor of a requirement group's table in the report. */
export function groupAnchor(name: string): string {
  return `group-${slug(name)}`;
}

export function summaryPicture(run: RunResult, rows: readonly RequirementRow[]): SafeHtml {
  const inRun = rows.filter((r) => r.status !== undefined);
  const counts = countRequirementStatuses(inRun);
  const all = requirementSegments(counts);
  const notInRun = rows.length - inRun.length;
  // The same M as the coverage line: out-of-scope requirements and those outside the run are counted apart.
  const scope = [
    `${inRun.length - counts['out-of-scope']} in scope`,
    ...(counts['out-of-scope'] ? [`${counts['out-of-scope']} out of scope`] : []),
    ...(notInRun ? [`${notInRun} not in this run`] : []),
  ].join(', ');
  const groups = groupRequirements(inRun);
  const ops = operationRows(run);
  const opSegments = CLAIM_ORDER.map((claim) => ({
    cls: `c-${claim}`,
    label: CLAIM_LABELS[claim],
    count: ops.filter((o) => o.claim === claim).length,
  }));
  const claimed = ops.filter((o) => o.claim.startsWith('claimed')).length;
  const failing = ops.filter((o) => o.claim === 'claimed-failing');
  return html`<section class="summary" id="summary" aria-label="Summary picture">
    <div class="sum-row">
      <figure>
        <figcaption><b>Requirements</b> (${scope})</figcaption>
        ${stackedBar(all, 'Requirements by status')} ${legend(all)}
      </figure>
      ${
        ops.length
          ? html`<figure>
              <figcaption>
                <b>Genomics operations</b>: ${claimed} claimed,
                ${ops.filter((o) => o.claim === 'claimed-passing').length} passing, ${failing.length} failing
              </figcaption>
              ${stackedBar(opSegments, 'Operations by claim')} ${legend(opSegments)}
              ${
                failing.length
                  ? html`<div class="small">
                      Failing: ${failing.map((o, i) => html`${i ? ', ' : ''}<code>$${o.code}</code>`)}
                    </div>`
                  : ''
              }
            </figure>`
          : ''
      }
    </div>
    <figure>
      <figcaption><b>By group</b> (profile or operation)</figcaption>
      <ul class="groups">
        ${groups.map((g) => {
          const segments = requirementSegments(countRequirementStatuses(g.rows));
          const summary = segments
            .filter((s) => s.count > 0)
            .map((s) => `${s.count} ${s.label}`)
            .join(', ');
          return html`<li>
            <a href="#${groupAnchor(g.name)}" title="${g.name}: ${summary}">${g.name}</a>
            ${stackedBar(segments, `${g.name}: ${summary}`)}<span class="n">${g.rows.length}</span>
          </li>`;
        })}
      </ul>
    </figure>
  </section>`;
}
