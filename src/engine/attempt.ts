// One attempt of a scenario: its steps in order, until one fails, finds no data, is refused or is cancelled,
// within the scenario's time limit. When the time runs out, the step it was on ends as a timed-out step and
// the attempt stops waiting for it (its request timeout was clamped to the same deadline, so it ends soon).
import type { Step } from '../model/suite.js';
import { skip } from './gates.js';
import type { Attempt } from './judge.js';
import { timedOutStep, type StepExecutor, type StepScope } from './step.js';

export interface AttemptPlan {
  readonly steps: readonly Step[];
  /** The scenario's time limit, if any. */
  readonly timeoutMs?: number;
  /**
   * The scope a step runs in. `deadline` is set with a time limit; `abandoned()` turns true once the attempt
   * gave up on its steps (a late step must not set captures then).
   */
  scope(limits: { deadline: number; timeoutMs: number } | undefined, abandoned: () => boolean): StepScope;
}

export async function runAttempt(executor: StepExecutor, plan: AttemptPlan): Promise<Attempt> {
  const attempt: Attempt = { steps: [] };
  const { timeoutMs } = plan;
  const limits = timeoutMs !== undefined ? { deadline: performance.now() + timeoutMs, timeoutMs } : undefined;
  let abandoned = false;
  let current = 0;
  let currentStartedAt = new Date().toISOString();
  const work = (async (): Promise<void> => {
    for (let i = 0; i < plan.steps.length && !abandoned; i++) {
      current = i;
      currentStartedAt = new Date().toISOString();
      const run = await executor.execute(
        plan.steps[i]!,
        i,
        'scenario',
        plan.scope(limits, () => abandoned),
      );
      if (abandoned) return;
      attempt.steps.push(run.result);
      if (run.error) attempt.error = run.error;
      if (run.cancelled) attempt.cancelled = true;
      if (run.result.outcome === 'fail' || run.result.outcome === 'error') return;
      if (run.noData !== undefined) {
        attempt.skip = skip('no-data', `no data: ${run.noData}`, run.noData);
        return;
      }
      if (run.refused !== undefined) {
        attempt.skip = skip(
          'request-refused',
          `the server refused a request the scenario needs (it tests no requirement itself): ${run.refused}`,
          run.refused,
        );
        return;
      }
    }
  })();
  if (timeoutMs === undefined) {
    await work;
    return attempt;
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const attemptStarted = performance.now();
  let winner: 'done' | 'timeout';
  try {
    winner = await Promise.race([work.then(() => 'done' as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
  if (winner === 'timeout') {
    abandoned = true;
    const step = plan.steps[current]!;
    attempt.steps.push(
      timedOutStep(step, current, currentStartedAt, performance.now() - attemptStarted, timeoutMs),
    );
    // The abandoned step ends on its own: its request timeout was clamped to the scenario's deadline.
    work.catch(() => undefined);
  }
  return attempt;
}
