// Comparing two runs of one site: which scenarios newly fail, which were fixed, which requirements moved.
import type { RunResult, ScenarioResult, ScenarioStatus } from '../results/model.js';
import { allScenarios, requirementRows, rowStatus, type RequirementRowStatus } from './analysis.js';
import { mdText } from './conformance-md.js';
import { formatDate } from './report-format.js';

const BAD: ReadonlySet<ScenarioStatus> = new Set(['failed', 'error', 'warned']);

export interface ScenarioChange {
  readonly fullId: string;
  readonly title: string;
  /** Absent when the scenario did not exist in that run. */
  readonly before?: ScenarioStatus;
  readonly after?: ScenarioStatus;
  /** The new run's reason (or the old one's when the scenario is gone). */
  readonly reason?: string;
}

export interface RunDiff {
  readonly site: { readonly before: string; readonly after: string };
  /** Failing, warning or erroring now, and not before. */
  readonly newFailures: readonly ScenarioChange[];
  /** Failing, warning or erroring before, passing now. */
  readonly fixed: readonly ScenarioChange[];
  /** Failing before and now skipped, waived or gone: not fixed, just no longer checked. */
  readonly noLongerChecked: readonly ScenarioChange[];
  readonly stillFailing: readonly ScenarioChange[];
  readonly requirementChanges: readonly {
    readonly id: string;
    readonly before: RequirementRowStatus;
    readonly after: RequirementRowStatus;
  }[];
}

function byId(run: RunResult): Map<string, ScenarioResult> {
  return new Map(allScenarios(run).map((s) => [s.fullId, s]));
}

export function diffRuns(before: RunResult, after: RunResult): RunDiff {
  const old = byId(before);
  const now = byId(after);
  const newFailures: ScenarioChange[] = [];
  const fixed: ScenarioChange[] = [];
  const noLongerChecked: ScenarioChange[] = [];
  const stillFailing: ScenarioChange[] = [];
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(id);
    const b = now.get(id);
    const change: ScenarioChange = {
      fullId: id,
      title: (b ?? a)!.title,
      before: a?.status,
      after: b?.status,
      reason: (b ?? a)!.reason,
    };
    const wasBad = a !== undefined && BAD.has(a.status);
    const isBad = b !== undefined && BAD.has(b.status);
    if (isBad) (wasBad ? stillFailing : newFailures).push(change);
    else if (wasBad) (b?.status === 'passed' ? fixed : noLongerChecked).push(change);
  }
  const oldReqs = new Map(requirementRows(before).map((r) => [r.info.id, rowStatus(r)]));
  const requirementChanges = requirementRows(after)
    .map((row) => ({
      id: row.info.id,
      before: oldReqs.get(row.info.id) ?? ('not-in-run' as const),
      after: rowStatus(row),
    }))
    .filter((c) => c.before !== c.after);
  return {
    site: { before: before.target.name, after: after.target.name },
    newFailures,
    fixed,
    noLongerChecked,
    stillFailing,
    requirementChanges,
  };
}

function list(title: string, items: readonly ScenarioChange[]): string[] {
  if (!items.length) return [];
  return [
    `## ${title} (${items.length})`,
    '',
    ...items.map(
      (c) =>
        `- ${mdText(c.fullId)}: ${c.before ?? 'new'} → ${c.after ?? 'removed'}${c.reason ? ` — ${mdText(c.reason)}` : ''}`,
    ),
    '',
  ];
}

export function renderDiffMarkdown(
  before: RunResult,
  after: RunResult,
  diff = diffRuns(before, after),
): string {
  const out = [
    `# Changes for ${mdText(after.target.name)}: ${formatDate(before.finishedAt)} → ${formatDate(after.finishedAt)}`,
    '',
  ];
  if (diff.site.before !== diff.site.after) {
    out.push(
      `> ⚠️ These runs are of different sites (${mdText(diff.site.before)} and ${mdText(diff.site.after)}).`,
      '',
    );
  }
  out.push(
    `${diff.newFailures.length} new failure(s), ${diff.fixed.length} fixed, ${diff.stillFailing.length} still failing.`,
    '',
  );
  out.push(...list('New failures', diff.newFailures), ...list('Fixed', diff.fixed));
  out.push(
    ...list('No longer checked (skipped, waived or removed)', diff.noLongerChecked),
    ...list('Still failing', diff.stillFailing),
  );
  if (diff.requirementChanges.length) {
    out.push(`## Requirement changes (${diff.requirementChanges.length})`, '');
    out.push(...diff.requirementChanges.map((r) => `- ${mdText(r.id)}: ${r.before} → ${r.after}`), '');
  }
  return out.join('\n');
}
