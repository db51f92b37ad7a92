// One run of one suite against one target: setup once, plan scenarios (forEach items), run each through the
// skip gates (gates.ts), with retries and a timeout, and judge it (judge.ts); teardown. Captures live here,
// shared by the suite's steps and scenarios.
import type { ScenarioResult, StepResult } from '../model/results.js';
import type { Scenario, Step, Suite } from '../model/suite.js';
import { HarnessBug } from '../errors.js';
import { evaluateExpression, isTrue, FhirpathRuntimeError, type FhirpathEnv } from '../fhirpath/evaluate.js';
import { trimText } from '../checks/format.js';
import { worstStatus } from '../results/policy.js';
import type { EngineContext } from './context.js';
import { EngineError } from './errors.js';
import { firstSkip, skip, type Skip } from './gates.js';
import { judgeAttempt, type Attempt, type ScenarioVerdict } from './judge.js';
import { isWriteStep } from './request.js';
import { skippedStep, StepExecutor, stepName, timedOutStep, type StepScope } from './step.js';
import { valueToText, type Variables } from './template.js';
import { applied, expiredNote, findWaiver, todayUtc } from './waivers.js';
import { unclaimed } from './capabilities.js';

export interface PlannedScenario {
  readonly scenario: Scenario;
  /** The forEach item (absent without forEach, or when the list is missing or empty: run() then skips). */
  readonly item?: unknown;
  readonly index?: number;
  /** `suite/scenario`, plus `[item]` for a forEach item. */
  readonly fullId: string;
  readonly title: string;
}

export interface RunOptions {
  /** Re-runs of a failed or errored scenario (the scenario's own `retries` wins). */
  readonly retries: number;
  /** Per-scenario time limit (the scenario's own `timeoutMs` wins). */
  readonly timeoutMs?: number;
}

const MAX_ITEM_LABEL = 60;

function itemPlan(scenario: Scenario, item: unknown, index: number): PlannedScenario {
  const label = itemLabel(item);
  return {
    scenario,
    item,
    index,
    fullId: `${scenario.fullId}[${label}]`,
    title: `${scenario.title} [${label}]`,
  };
}

export function isSupplied(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  );
}

function itemLabel(item: unknown): string {
  return trimText(valueToText(item), MAX_ITEM_LABEL);
}

export class SuiteRun {
  private readonly captures = new Map<string, unknown>();
  private readonly emptyCaptures = new Set<string>();
  private readonly declaredAbsent = new Set<string>();
  /** Finished results by scenario id, for the scenarios that wait on their captures. */
  private readonly finished = new Map<string, ScenarioResult>();
  private readonly inputs: Readonly<Record<string, unknown>>;
  private readonly executor: StepExecutor;
  private setupProblem?: Skip;

  constructor(
    readonly suite: Suite,
    private readonly ctx: EngineContext,
  ) {
    const inputs: Record<string, unknown> = {};
    for (const name of Object.keys(suite.inputs)) {
      const value = ctx.target.inputs[name];
      if (isSupplied(value)) inputs[name] = value;
      // `name: null` in the config: the site has no such data, so what needs it is out of scope.
      else if (value === null) this.declaredAbsent.add(name);
    }
    this.inputs = inputs;
    this.executor = new StepExecutor(suite, ctx);
  }

  /** Captured values so far (setup and scenarios). */
  get capturedValues(): ReadonlyMap<string, unknown> {
    return this.captures;
  }

  /** Runs the suite's setup steps once, stopping at the first failure; never throws. */
  async setup(): Promise<StepResult[]> {
    const notClaimed = this.unclaimedBySuite();
    if (notClaimed) {
      this.setupProblem = skip('not-claimed', `not claimed: ${notClaimed}`, notClaimed);
      return this.suite.setup.map((step, i) => skippedStep(step, i, 'setup'));
    }
    const results = await this.runPhase(this.suite.setup, 'setup', true);
    const bad = results.find((r) => r.outcome === 'fail' || r.outcome === 'error' || isRefused(r));
    const interrupted = this.cancelledSkip(results);
    const skipped = results.find((r) => r.outcome === 'skipped');
    // The setup tests no requirement: when it fails, the scenarios cannot run, but nothing failed them.
    if (interrupted) this.setupProblem = interrupted;
    else if (bad)
      this.setupProblem = skip('prerequisite-failed', `suite setup failed: ${stepFailure(bad) ?? bad.name}`);
    else if (skipped)
      this.setupProblem = skip(
        'writes-not-allowed',
        `suite setup was not run: step ${skipped.index + 1} (${skipped.name}) writes and the target does not allow writes (allowWrites: false)`,
      );
    return results;
  }

  /** Runs every teardown step (a failing one does not stop the others); never throws. */
  async teardown(): Promise<StepResult[]> {
    if (this.setupProblem && this.setupProblem.info.kind !== 'prerequisite-failed')
      return this.suite.teardown.map((s, i) => skippedStep(s, i, 'teardown'));
    return this.runPhase(this.suite.teardown, 'teardown', false);
  }

  /** One planned run per forEach item (or just the scenario). */
  plan(scenario: Scenario): PlannedScenario[] {
    const single = [{ scenario, fullId: scenario.fullId, title: scenario.title }];
    if (!scenario.forEach) return single;
    const items = this.forEachItems(scenario);
    if (!items || items.length === 0) return single;
    return items.map((item, index) => itemPlan(scenario, item, index));
  }

  /** Runs one planned scenario with retries; never throws (a harness bug becomes an `error` result). */
  async run(planned: PlannedScenario, options: RunOptions): Promise<ScenarioResult> {
    const result = await this.runOnce(planned, options);
    this.finished.set(planned.scenario.id, result);
    return result;
  }

  private async runOnce(planned: PlannedScenario, options: RunOptions): Promise<ScenarioResult> {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const finish = (fields: ScenarioVerdict & Partial<ScenarioResult>): ScenarioResult =>
      this.result(planned, startedAt, performance.now() - started, fields);
    try {
      const skipped = this.skipReason(planned);
      if (skipped)
        return finish({ status: 'skipped', reason: skipped.reason, skip: skipped.info, attempts: 1 });
      const late = this.lateItems(planned);
      if (late) return await this.runLateItems(planned, late, options, finish);
      const scenario = planned.scenario;
      const maxAttempts = 1 + Math.max(0, scenario.retries ?? options.retries);
      const timeoutMs = scenario.timeoutMs ?? options.timeoutMs;
      let attempt: Attempt = { steps: [] };
      let attempts = 0;
      let verdict: ScenarioVerdict = { status: 'passed' };
      while (attempts < maxAttempts) {
        attempts++;
        attempt = await this.attempt(planned, timeoutMs);
        const interrupted = this.cancelledSkip(attempt.steps);
        if (interrupted)
          return finish({
            status: 'skipped',
            reason: interrupted.reason,
            skip: interrupted.info,
            attempts,
            steps: attempt.steps,
          });
        verdict = judgeAttempt(attempt, (checkId) => this.waiverFor(planned, checkId));
        if (verdict.status !== 'failed' && verdict.status !== 'error') break;
      }
      return finish({
        ...verdict,
        attempts,
        flaky: attempts > 1 && verdict.status !== 'failed' && verdict.status !== 'error',
        steps: attempt.steps,
        ...(attempt.error ? { error: attempt.error } : {}),
      });
    } catch (err) {
      if (err instanceof WhenError) {
        return finish({
          status: 'error',
          reason: err.message,
          attempts: 1,
          error: { code: err.code, cause: 'suite', message: err.message },
        });
      }
      const bug =
        err instanceof HarnessBug
          ? err
          : new HarnessBug(
              `unexpected error while running ${planned.fullId}: ${(err as Error)?.message ?? String(err)}`,
              { cause: err },
            );
      const stack = (err as Error)?.stack ?? bug.stack;
      return finish({
        status: 'error',
        reason: `${bug.message} (a harness bug: please report it)`,
        attempts: 1,
        error: { code: bug.code, cause: 'harness', message: bug.message, ...(stack ? { stack } : {}) },
      });
    }
  }

  /** The scenario's waiver, or one of its checks', with what a report needs to say about it. */
  private waiverFor(planned: PlannedScenario, checkId?: string) {
    const match = findWaiver(
      this.ctx.target.waivers,
      [planned.fullId, planned.scenario.fullId],
      todayUtc(this.now()),
      checkId,
    );
    return match
      ? { live: match.live, applied: applied(match.waiver), note: expiredNote(match.waiver) }
      : undefined;
  }

  private async runPhase(
    steps: readonly Step[],
    phase: 'setup' | 'teardown',
    stopOnFail: boolean,
  ): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      // Once the run's requests are being cancelled, the remaining steps could only fail.
      if (this.ctx.cancel?.aborted || (!this.ctx.target.allowWrites && isWriteStep(step))) {
        results.push(skippedStep(step, i, phase));
        if (stopOnFail) break;
        continue;
      }
      try {
        const run = await this.executor.execute(
          step,
          i,
          phase,
          this.scope({ severity: 'SHALL', requirements: [] }),
        );
        results.push(run.result);
        const stopped =
          run.result.outcome === 'fail' || run.result.outcome === 'error' || isRefused(run.result);
        if (stopOnFail && stopped) break;
      } catch (err) {
        results.push(bugStep(step, i, phase, err));
        if (stopOnFail) break;
      }
    }
    return results;
  }

  /** Variables, FHIRPath environment and capture store for one step. */
  private scope(options: {
    severity: StepScope['severity'];
    requirements: readonly string[];
    local?: ReadonlyMap<string, unknown>;
    fullIds?: readonly string[];
    deadline?: number;
    timeoutMs?: number;
    cancelled?: () => boolean;
  }): StepScope {
    const values = new Map(this.captures);
    for (const [k, v] of options.local ?? []) values.set(k, v);
    const env: FhirpathEnv = { inputs: this.inputs, capabilityStatement: this.ctx.capabilityStatement ?? [] };
    for (const [k, v] of values) env[k] = v;
    const vars: Variables = { inputs: this.inputs, values };
    const today = todayUtc(this.now());
    const fullIds = options.fullIds ?? [];
    return {
      vars,
      env,
      severity: options.severity,
      requirements: options.requirements,
      setCapture: (name, value) => {
        if (!options.cancelled?.()) this.captures.set(name, value);
      },
      setEmptyCapture: (name) => {
        if (!options.cancelled?.()) this.emptyCaptures.add(name);
      },
      checkWaiver: (checkId) =>
        fullIds.length ? findWaiver(this.ctx.target.waivers, fullIds, today, checkId) : undefined,
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    };
  }

  private now(): Date {
    return this.ctx.now?.() ?? new Date();
  }

  private local(planned: PlannedScenario): Map<string, unknown> {
    const local = new Map<string, unknown>();
    const each = planned.scenario.forEach;
    if (each && planned.index !== undefined) local.set(each.as, planned.item);
    return local;
  }

  private async attempt(planned: PlannedScenario, timeoutMs: number | undefined): Promise<Attempt> {
    const { scenario } = planned;
    const attempt: Attempt = { steps: [] };
    const deadline = timeoutMs !== undefined ? performance.now() + timeoutMs : undefined;
    let cancelled = false;
    let current = 0;
    let currentStartedAt = new Date().toISOString();
    const local = this.local(planned);
    const work = (async (): Promise<void> => {
      for (let i = 0; i < scenario.steps.length && !cancelled; i++) {
        current = i;
        currentStartedAt = new Date().toISOString();
        const scope = this.scope({
          severity: scenario.severity,
          requirements: scenario.requirements,
          local,
          fullIds: [planned.fullId, scenario.fullId],
          ...(deadline !== undefined ? { deadline, timeoutMs } : {}),
          cancelled: () => cancelled,
        });
        const run = await this.executor.execute(scenario.steps[i]!, i, 'scenario', scope);
        if (cancelled) return;
        attempt.steps.push(run.result);
        if (run.error) attempt.error = run.error;
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
    if (deadline === undefined) {
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
      cancelled = true;
      const step = scenario.steps[current]!;
      attempt.steps.push(
        timedOutStep(step, current, currentStartedAt, performance.now() - attemptStarted, timeoutMs!),
      );
      // The abandoned step ends on its own: its request timeout was clamped to the scenario's deadline.
      work.catch(() => undefined);
    }
    return attempt;
  }

  /** The skip when these steps ended because the run cancelled their requests. */
  private cancelledSkip(steps: readonly StepResult[]): Skip | undefined {
    const cancel = this.ctx.cancel;
    if (!cancel?.aborted) return undefined;
    const cut = steps.some((step) =>
      step.checks.some((check) => check.kind === 'transport' && check.actual === 'CANCELLED'),
    );
    return cut ? interruptedSkip(String(cancel.reason), 'while') : undefined;
  }

  private unclaimedBySuite(): string | undefined {
    const caps = this.ctx.capabilities;
    if (!caps || !this.suite.requires) return undefined;
    const missing = unclaimed(caps, this.suite.requires);
    return missing.length ? missing.join(', ') : undefined;
  }

  private forEachItems(scenario: Scenario): unknown[] | undefined {
    const source = scenario.forEach?.in;
    if (!source) return undefined;
    const value = source in this.suite.inputs ? this.inputs[source] : this.captures.get(source);
    if (!isSupplied(value)) return undefined;
    return Array.isArray(value) ? value : [value];
  }

  /** Why the planned scenario does not run; undefined when it runs. */
  private skipReason(planned: PlannedScenario): Skip | undefined {
    if (this.setupProblem) return this.setupProblem;
    const { scenario } = planned;
    return firstSkip({
      suite: this.suite,
      scenario,
      noItems: scenario.forEach !== undefined && planned.index === undefined && !this.lateItems(planned),
      capabilities: this.ctx.capabilities,
      allowWrites: this.ctx.target.allowWrites,
      inputs: this.inputs,
      declaredAbsent: this.declaredAbsent,
      captures: this.captures,
      emptyCaptures: this.emptyCaptures,
      finished: this.finished,
      when: () => {
        const scope = this.scope({
          severity: scenario.severity,
          requirements: scenario.requirements,
          local: this.local(planned),
        });
        try {
          return isTrue(evaluateExpression(scenario.when!, {}, scope.env));
        } catch (err) {
          if (err instanceof FhirpathRuntimeError || err instanceof EngineError) throw new WhenError(err);
          throw err;
        }
      },
    });
  }

  /**
   * Items of a forEach over a captured list that was not captured yet when plan() ran (the runner plans
   * up front): run() then runs every item itself and reports them as one result.
   */
  private lateItems(planned: PlannedScenario): unknown[] | undefined {
    const each = planned.scenario.forEach;
    if (!each || planned.index !== undefined || each.in in this.suite.inputs) return undefined;
    const items = this.forEachItems(planned.scenario);
    return items && items.length > 0 ? items : undefined;
  }

  private async runLateItems(
    planned: PlannedScenario,
    items: readonly unknown[],
    options: RunOptions,
    finish: (fields: ScenarioVerdict & Partial<ScenarioResult>) => ScenarioResult,
  ): Promise<ScenarioResult> {
    const results: ScenarioResult[] = [];
    for (const [index, item] of items.entries()) {
      results.push(await this.run(itemPlan(planned.scenario, item, index), options));
    }
    const worstOfItems = worstStatus(results.map((r) => r.status))!;
    const worst = results.find((r) => r.status === worstOfItems)!;
    const notPassed = results.filter((r) => r.status !== 'passed').length;
    const steps = results.flatMap((r, i) =>
      r.steps.map((step) => ({ ...step, name: `[${itemLabel(items[i])}] ${step.name}` })),
    );
    return finish({
      status: worst.status,
      ...(worst.reason !== undefined
        ? { reason: `${worst.fullId}: ${worst.reason} (${notPassed} of ${items.length} items did not pass)` }
        : {}),
      attempts: Math.max(...results.map((r) => r.attempts)),
      flaky: results.some((r) => r.flaky),
      steps: steps.map((step, index) => ({ ...step, index })),
      parameters: {
        ...this.parameters(planned),
        [planned.scenario.forEach!.as]: this.ctx.redactor.text(items.map(itemLabel).join(', ')),
      },
      ...(worst.skip ? { skip: worst.skip } : {}),
      ...(worst.waiver ? { waiver: worst.waiver } : {}),
      ...(worst.error ? { error: worst.error } : {}),
    });
  }

  private result(
    planned: PlannedScenario,
    startedAt: string,
    durationMs: number,
    fields: ScenarioVerdict & Partial<ScenarioResult>,
  ): ScenarioResult {
    const { scenario } = planned;
    return {
      suiteId: this.suite.id,
      scenarioId: scenario.id,
      fullId: planned.fullId,
      title: planned.title,
      file: this.suite.file,
      loc: scenario.loc,
      tags: [...new Set([...this.suite.tags, ...scenario.tags])],
      severity: scenario.severity,
      requirements: scenario.requirements,
      ...operationsOf(scenario),
      parameters: this.parameters(planned),
      attempts: 1,
      flaky: false,
      steps: [],
      startedAt,
      durationMs,
      ...fields,
    };
  }

  /**
   * Inputs used and the forEach item, as redacted strings for display. An item's result shows its item,
   * not the whole list it comes from: the list repeated in each of n items made reports grow as n².
   */
  private parameters(planned: PlannedScenario): Record<string, string> {
    const out: Record<string, string> = {};
    const redact = (v: unknown): string => this.ctx.redactor.text(valueToText(v));
    const each = planned.index !== undefined ? planned.scenario.forEach : undefined;
    for (const name of planned.scenario.usesInputs)
      if (name in this.inputs && name !== each?.in) out[name] = redact(this.inputs[name]);
    if (each) out[each.as] = redact(planned.item);
    return out;
  }
}

/** A `when` expression that failed to evaluate: the scenario becomes `error` (a suite fault). */
class WhenError extends Error {
  readonly code: string;
  constructor(cause: FhirpathRuntimeError | EngineError) {
    super(`when: ${cause.message}`);
    this.code = cause.code;
  }
}

/** The operations a scenario's steps call, for reports (set whether or not the scenario ran). */
export function operationsOf(scenario: Scenario): { operations?: string[] } {
  const codes = [...new Set(scenario.steps.flatMap((s) => (s.operation ? [s.operation.name] : [])))];
  return codes.length ? { operations: codes } : {};
}

/** A scenario the run's interruption kept from starting, or cut while it ran. */
export function interruptedSkip(signal: string, phase: 'before' | 'while'): Skip {
  return skip(
    'interrupted',
    phase === 'before'
      ? `not run: the run was interrupted (${signal})`
      : `not finished: the run was interrupted (${signal}) while it ran, and its requests were cancelled`,
    phase,
  );
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
