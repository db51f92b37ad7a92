// Gives one attempt of a scenario (or a throw while running it) its status, following the verdict policy (src/results/policy.ts): the
// worst check effect decides, a live waiver turns a failure into `waived`, and a step that found no data, was
// refused, or could only read part of a search skips the scenario instead of passing it on nothing.
import type {
  CheckResult,
  ErrorCause,
  ScenarioResult,
  ScenarioStatus,
  SkipInfo,
  StepResult,
  WaiverApplied,
} from '../results/model.js';
import { HarnessBug, type EngineError } from '../common/errors.js';
import type { FhirpathRuntimeError } from '../fhirpath/evaluate.js';
import { checkEffect, statusFromEffects } from '../results/policy.js';

export interface Attempt {
  readonly steps: StepResult[];
  error?: { code: string; cause: ErrorCause; message: string; stack?: string };
  /** Why the attempt stopped before its checks could judge anything (`requireData` found nothing...). */
  skip?: { readonly info: SkipInfo; readonly reason: string };
  /** The run cancelled one of its requests (it was interrupted): the attempt cannot be judged. */
  cancelled?: true;
}

export interface ScenarioVerdict {
  readonly status: ScenarioStatus;
  readonly reason?: string;
  readonly skip?: SkipInfo;
  readonly waiver?: WaiverApplied;
}

/** Finds the waiver for the scenario (no check id) or one of its checks; `expiredNote` when it has lapsed. */
export interface WaiverLookup {
  (
    checkId?: string,
  ): { readonly live: boolean; readonly applied: WaiverApplied; readonly note: string } | undefined;
}

export function judgeAttempt(attempt: Attempt, waiverFor: WaiverLookup): ScenarioVerdict {
  if (attempt.error) return { status: 'error', reason: attempt.error.message };
  const checks = attempt.steps.flatMap((step) => step.checks.map((check) => ({ step, check })));
  const { status, inconclusive, waived } = statusFromEffects(checks.map(({ check }) => checkEffect(check)));
  if (status === 'error') {
    const found = checks.find(({ check }) => check.outcome === 'error')!;
    return { status: 'error', reason: describe(found.step, found.check) };
  }
  if (status) {
    const severity = status === 'failed' ? 'fail' : 'warn';
    const first = checks.find(({ check }) => checkEffect(check) === severity)!;
    const reason = describe(first.step, first.check);
    const waiver = waiverFor();
    if (waiver?.live)
      return { status: 'waived', reason: `waived: ${waiver.applied.reason}`, waiver: waiver.applied };
    return { status, reason: waiver ? `${reason} [${waiver.note}]` : reason };
  }
  if (attempt.skip) return { status: 'skipped', reason: attempt.skip.reason, skip: attempt.skip.info };
  if (inconclusive) {
    const found = checks.find(({ check }) => check.outcome === 'inconclusive')!;
    return {
      status: 'skipped',
      reason: `inconclusive: ${found.check.message ?? found.check.description}`,
      skip: { kind: 'inconclusive', detail: found.step.name },
    };
  }
  if (waived) {
    const { check } = checks.find(({ check }) => check.waived)!;
    const waiver = waiverFor(check.id);
    return {
      status: 'waived',
      reason: `waived: check ${check.id}: ${waiver?.applied.reason ?? ''}`.trim(),
      ...(waiver ? { waiver: waiver.applied } : {}),
    };
  }
  return { status: 'passed' };
}

/** The request as it was sent (templates resolved, already redacted), else the step's name. */
function describe(step: StepResult, check: CheckResult): string {
  const sent = step.exchanges[0];
  return `${sent ? `${sent.method} ${sent.url}` : step.name}: ${check.message ?? check.description}`;
}

export type ScenarioOutcome = ScenarioVerdict & Partial<ScenarioResult>;

/** A throw while running a scenario: a `when` that failed to evaluate is the suite's fault, anything else fgc's. */
export function thrownOutcome(err: unknown, fullId: string): ScenarioOutcome {
  if (err instanceof WhenError) {
    return {
      status: 'error',
      reason: err.message,
      attempts: 1,
      error: { code: err.code, cause: 'suite', message: err.message },
    };
  }
  const bug =
    err instanceof HarnessBug
      ? err
      : new HarnessBug(
          `unexpected error while running ${fullId}: ${(err as Error)?.message ?? String(err)}`,
          { cause: err },
        );
  const stack = (err as Error)?.stack ?? bug.stack;
  return {
    status: 'error',
    reason: `${bug.message} (a harness bug: please report it)`,
    attempts: 1,
    error: { code: bug.code, cause: 'harness', message: bug.message, ...(stack ? { stack } : {}) },
  };
}

/** A `when` expression that failed to evaluate: the scenario becomes `error` (a suite fault). */
export class WhenError extends Error {
  readonly code: string;
  constructor(cause: FhirpathRuntimeError | EngineError) {
    super(`when: ${cause.message}`);
    this.code = cause.code;
  }
}
