// Replays a finished ScenarioResult into the Allure runtime of the current mocha test: labels, links and
// parameters. Its steps (one per request and per check, with the already redacted exchanges attached) go
// to the writer, which adds them to the test's result (allure-steps.ts). The Allure status of each result
// comes from the verdict policy (allureStatus), applied by the writer.
import { LabelName, Status } from 'allure-js-commons';
import type { Category } from 'allure-js-commons/sdk';
// The synchronous API: thousands of steps per run make the async one's promise hops a real cost.
import * as allure from 'allure-js-commons/sync';
import type { RequirementInfo, ScenarioResult, StepResult } from '../../results/model.js';
import type { ScenarioStatus } from '../../results/model.js';
import type { Severity } from '../../model/suite.js';
import { SKIP_LABEL } from '../../results/policy.js';

/** The labels that carry the fgc status of a result, why, and when the scenario ran, to the writer. */
export const STATUS_LABEL = 'fgcStatus';
export const REASON_LABEL = 'fgcReason';
export const START_LABEL = 'fgcStart';
export const STOP_LABEL = 'fgcStop';
/** The label by which the writer finds the steps held for a result (StepsHolder). */
export const STEPS_LABEL = 'fgcSteps';

/** Where the replay leaves each scenario's steps for the writer: hold returns the key the label carries. */
export interface StepsHolder {
  hold(steps: readonly StepResult[]): string;
}

/**
 * Allure's status for each scenario status. Allure has no "warned" or "could not judge": a warning is
 * `broken` (yellow, never a green pass), a scenario that could not be judged is `unknown` (purple), a waived
 * one `skipped` with the waiver as its message. --strict makes a warning a failure.
 */
export function allureStatus(status: ScenarioStatus, strict: boolean): string {
  const map: Record<ScenarioStatus, string> = {
    passed: 'passed',
    failed: 'failed',
    warned: strict ? 'failed' : 'broken',
    skipped: 'skipped',
    waived: 'skipped',
    error: 'unknown',
  };
  return map[status];
}

/** Allure categories for the causes of non-passing results (Allure's "Categories" tab). */
export const ALLURE_CATEGORIES: Category[] = [
  { name: 'SHALL failures', matchedStatuses: [Status.FAILED] },
  { name: 'SHOULD warnings', matchedStatuses: [Status.BROKEN] },
  {
    name: 'Not authorised (check auth)',
    matchedStatuses: ['unknown' as Status],
    messageRegex: '[\\s\\S]*not authorised[\\s\\S]*',
  },
  { name: 'Could not be judged (suite or harness fault)', matchedStatuses: ['unknown' as Status] },
  { name: 'Waived (known failures)', matchedStatuses: [Status.SKIPPED], messageRegex: 'waived: [\\s\\S]*' },
  // One per skip cause: the message of a skipped result starts with the cause (reasonText).
  ...(Object.values(SKIP_LABEL) as string[]).map((label) => ({
    name: `Skipped: ${label}`,
    matchedStatuses: [Status.SKIPPED],
    messageRegex: `${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\s\\S]*`,
  })),
];

const ALLURE_SEVERITY: Record<Severity, string> = { SHALL: 'critical', SHOULD: 'normal', MAY: 'minor' };

export function replayIntoAllure(
  result: ScenarioResult,
  suiteTitle: string,
  requirements: ReadonlyMap<string, RequirementInfo>,
  steps: StepsHolder,
): void {
  // One call each for labels and links: every call is a message through the Allure runtime.
  const label = (name: string, value: string) => ({ name, value });
  allure.labels(
    label(LabelName.PARENT_SUITE, result.suiteId.split('/')[0] ?? result.suiteId),
    label(LabelName.SUITE, suiteTitle),
    label('scenario', result.fullId),
    label(STATUS_LABEL, result.status),
    ...(result.reason && result.status !== 'passed' ? [label(REASON_LABEL, reasonText(result))] : []),
    // The scenario's own time, not the moment mocha reported it (or `fgc report` replayed it).
    ...timeLabels(result),
    label(LabelName.SEVERITY, ALLURE_SEVERITY[result.severity]),
    ...[...result.tags, ...(result.flaky ? ['flaky'] : [])].map((tag) => label(LabelName.TAG, tag)),
    ...result.requirements.map((id) => label('requirement', id)),
    label(STEPS_LABEL, steps.hold(result.steps)),
  );
  const links = result.requirements.flatMap((id) => {
    const req = requirements.get(id);
    return req ? [{ url: req.source, name: `${id} (${req.level})`, type: 'requirement' }] : [];
  });
  if (links.length > 0) allure.links(...links);
  for (const [name, value] of Object.entries(result.parameters)) allure.parameter(name, value);
  if (result.attempts > 1) allure.parameter('attempts', String(result.attempts), { excluded: true });
  allure.parameter('source', `${result.loc.file}:${result.loc.line}`, { excluded: true });
  if (result.waiver) {
    allure.description(
      `Waived: ${result.waiver.reason} (owner ${result.waiver.owner}` +
        `${result.waiver.expires ? `, expires ${result.waiver.expires}` : ''})`,
    );
  }
}

/** A skip's reason leads with its cause, as in JUnit, so Allure's categories can sort by it. */
function reasonText(result: ScenarioResult): string {
  const reason = result.reason ?? '';
  if (result.status === 'skipped' && result.skip) return `${SKIP_LABEL[result.skip.kind]}: ${reason}`;
  if (result.status === 'waived') return `waived: ${reason}`;
  return reason;
}

function timeLabels(result: ScenarioResult): { name: string; value: string }[] {
  const start = Date.parse(result.startedAt);
  if (Number.isNaN(start)) return [];
  return [
    { name: START_LABEL, value: String(start) },
    { name: STOP_LABEL, value: String(Math.round(start + result.durationMs)) },
  ];
}
