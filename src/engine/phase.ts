// A suite's setup and teardown steps. They test no requirement: a setup that fails keeps the scenarios from
// running (they are skipped, never failed), and teardown runs every step whatever the others did.
import type { StepResult } from '../results/model.js';
import type { Step } from '../model/suite.js';
import { skip, type Skip } from './gates.js';
import { isWriteStep } from './request.js';
import { skippedStep, stepName, type StepExecutor, type StepScope } from './step.js';

export interface PhaseOptions {
  /** Setup stops at the first failure; teardown goes on. */
  readonly stopOnFail: boolean;
  /** Steps not to send: writes the target does not allow, or any once the run cancels its requests. */
  readonly notSent: (step: Step) => boolean;
  readonly scope: () => StepScope;
}

/** Runs the steps in order; never throws (a harness bug becomes an `error` step). */
export async function runPhase(
  executor: StepExecutor,
  steps: readonly Step[],
  phase: 'setup' | 'teardown',
  options: PhaseOptions,
): Promise<{ results: StepResult[]; cancelled: boolean }> {
  const results: StepResult[] = [];
  let cancelled = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (options.notSent(step)) {
      results.push(skippedStep(step, i, phase));
      if (options.stopOnFail) break;
      continue;
    }
    try {
      const run = await executor.execute(step, i, phase, options.scope());
      results.push(run.result);
      if (run.cancelled) cancelled = true;
      const stopped =
        run.result.outcome === 'fail' || run.result.outcome === 'error' || isRefused(run.result);
      if (options.stopOnFail && stopped) break;
    } catch (err) {
      results.push(bugStep(step, i, phase, err));
      if (options.stopOnFail) break;
    }
  }
  return { results, cancelled };
}

/** Why a setup that ran keeps the suite's scenarios from running: a step failed, or it writes and may not. */
export function setupSkip(results: readonly StepResult[]): Skip | undefined {
  const bad = results.find((r) => r.outcome === 'fail' || r.outcome === 'error' || isRefused(r));
  if (bad) return skip('prerequisite-failed', `suite setup failed: ${stepFailure(bad) ?? bad.name}`);
  const skipped = results.find((r) => r.outcome === 'skipped');
  if (skipped)
    return skip(
      'writes-not-allowed',
      `suite setup was not run: step ${skipped.index + 1} (${skipped.name}) writes and the target does not allow writes (allowWrites: false)`,
    );
  return undefined;
}

/** A step that may not be sent to this target. */
export function writeNotAllowed(step: Step, allowWrites: boolean): boolean {
  return !allowWrites && isWriteStep(step);
}

/** A step whose request the server refused (its prerequisite status check is inconclusive). */
function isRefused(step: StepResult): boolean {
  return step.checks.some((c) => c.kind === 'status' && c.outcome === 'inconclusive');
}

function stepFailure(step: StepResult): string | undefined {
  const check = step.checks.find(
    (c) =>
      c.outcome === 'error' ||
      (c.kind === 'status' && c.outcome === 'inconclusive') ||
      (c.outcome === 'fail' && !c.waived && c.severity !== 'MAY'),
  );
  return check ? `step ${step.index + 1} (${step.name}): ${check.message ?? check.description}` : undefined;
}

function bugStep(step: Step, index: number, phase: StepResult['phase'], err: unknown): StepResult {
  const message = `harness bug in ${stepName(step)}: ${(err as Error)?.message ?? String(err)} (please report it)`;
  return {
    ...skippedStep(step, index, phase),
    checks: [
      {
        id: `${phase}${index + 1}.transport`,
        kind: 'transport',
        description: 'the step ran',
        severity: 'SHALL',
        requirements: [],
        outcome: 'error',
        message,
        durationMs: 0,
      },
    ],
    outcome: 'error',
  };
}
