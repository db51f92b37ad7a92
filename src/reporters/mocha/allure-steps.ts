// The steps of one scenario as Allure step results: one per request step, holding a sub-step per HTTP
// exchange (with the request and its answer attached, as allure-js records an attachment) and a sub-step
// per check. They are built here and added by the writer, not sent through the Allure runtime's step and
// attachment calls: at thousands of steps those messages (each copied and base64-encoded on its way) cost
// more CPU than the requests themselves (npm run bench, concurrency 16).
import { Stage, Status, type StepResult as AllureStep } from 'allure-js-commons';
import type { CheckResult, HttpExchange, StepResult } from '../../results/model.js';
import { checkEffect, type CheckEffect } from '../../results/policy.js';
import { CHECK_DISPLAY } from '../../results/display.js';
import { asStored, requestLines, responseLines } from '../exchange-text.js';

/** Stores an attachment's text and returns its file name in the results folder. */
export type AttachText = (text: string) => string;

/** Allure's step status for each check effect (steps have no `unknown`). */
const CHECK_STATUS: Record<CheckEffect, Status> = {
  pass: Status.PASSED,
  info: Status.PASSED,
  fail: Status.FAILED,
  warn: Status.BROKEN,
  waived: Status.SKIPPED,
  error: Status.BROKEN,
  inconclusive: Status.SKIPPED,
};

const STEP_STATUS: Record<StepResult['outcome'], Status> = {
  pass: Status.PASSED,
  fail: Status.FAILED,
  warn: Status.BROKEN,
  error: Status.BROKEN,
  skipped: Status.SKIPPED,
};

/** Allure's status for one check step. */
export function allureCheckStatus(check: CheckResult): Status {
  return CHECK_STATUS[checkEffect(check)];
}

export function allureSteps(steps: readonly StepResult[], attach: AttachText): AllureStep[] {
  return steps.map((step) => {
    const start = Date.parse(step.startedAt);
    const times = Number.isNaN(start) ? {} : { start, stop: Math.round(start + step.durationMs) };
    return {
      name: `${step.phase === 'scenario' ? '' : `${step.phase}: `}${step.name}`,
      status: STEP_STATUS[step.outcome],
      statusDetails: {},
      stage: Stage.FINISHED,
      steps: [
        ...step.exchanges.map((exchange, i) => exchangeStep(exchange, i, attach, times)),
        ...step.checks.map((check) => checkStep(check, times)),
      ],
      attachments: [],
      parameters: [],
      ...times,
    };
  });
}

/** One attachment per request: the request and what came back in one text (one file instead of two). */
function exchangeStep(exchange: HttpExchange, index: number, attach: AttachText, times: object): AllureStep {
  const name = `HTTP exchange${index > 0 ? ` (page ${index + 1})` : ''}`;
  const text = [
    '--- request ---',
    ...requestLines(exchange, asStored),
    '',
    '--- response ---',
    ...responseLines(exchange, asStored),
  ].join('\n');
  return {
    name,
    statusDetails: {},
    stage: Stage.FINISHED,
    steps: [],
    attachments: [{ name, source: attach(text), type: 'text/plain' }],
    parameters: [],
    ...times,
  };
}

function checkStep(check: CheckResult, times: object): AllureStep {
  return {
    name: checkTitle(check),
    status: allureCheckStatus(check),
    statusDetails: check.outcome === 'pass' ? {} : { message: check.message ?? check.description },
    stage: Stage.FINISHED,
    steps: [],
    attachments: [],
    parameters: [],
    ...times,
  };
}

function checkTitle(check: CheckResult): string {
  const reqs = check.requirements.length ? ` [${check.requirements.join(', ')}]` : '';
  const effect = checkEffect(check);
  const note =
    effect === 'pass'
      ? check.exercised === false
        ? ' (nothing to check)'
        : ''
      : ` — ${CHECK_DISPLAY[effect].word}`;
  return `${check.severity} ${check.description}${reqs}${note}`;
}
