// One run of one suite against one target: setup and teardown once (phase.ts), plan scenarios (forEach
// items), and run each: through the skip gates (gates.ts), then attempts (attempt.ts, with retries and the
// scenario's time limit), each judged by judge.ts. Captures live here, shared by the suite's steps and
// scenarios.
import type { ScenarioResult, StepResult } from '../results/model.js';
import type { Scenario, Step, Suite } from '../model/suite.js';
import { evaluateExpression, isTrue, FhirpathRuntimeError, type FhirpathEnv } from '../fhirpath/evaluate.js';
import { trimText } from '../checks/format.js';
import { worstStatus } from '../results/policy.js';
import type { EngineContext } from './context.js';
import { EngineError } from '../common/errors.js';
import { firstSkip, interruptedSkip, skip, type Skip } from './gates.js';
import {
  judgeAttempt,
  thrownOutcome,
  WhenError,
  type Attempt,
  type ScenarioOutcome,
  type ScenarioVerdict,
} from './judge.js';
import { runPhase, setupSkip, writeNotAllowed } from './phase.js';
import { runAttempt } from './attempt.js';
import { skippedStep, StepExecutor, type StepScope } from './step.js';
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

/** How often a scenario is retried and how long it may take. */
export interface AttemptPolicy {
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

/**
 * The inputs a target is not missing: those it supplies, and those it declares absent with null (their
 * scenarios are out of scope, not waiting for an input). The input gaps of a run and of `fgc list` use it.
 */
export function suppliedInputs(inputs: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(
    Object.entries(inputs)
      .filter(([, value]) => value === null || isSupplied(value))
      .map(([name]) => name),
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
    const { results, cancelled } = await this.runPhase(this.suite.setup, 'setup', true);
    // The setup tests no requirement: when it fails, the scenarios cannot run, but nothing failed them.
    const problem = this.cancelledSkip(cancelled) ?? setupSkip(results);
    if (problem) this.setupProblem = problem;
    return results;
  }

  /** Runs every teardown step (a failing one does not stop the others); never throws. */
  async teardown(): Promise<StepResult[]> {
    if (this.setupProblem && this.setupProblem.info.kind !== 'prerequisite-failed')
      return this.suite.teardown.map((s, i) => skippedStep(s, i, 'teardown'));
    return (await this.runPhase(this.suite.teardown, 'teardown', false)).results;
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
  async run(planned: PlannedScenario, options: AttemptPolicy): Promise<ScenarioResult> {
    const result = await this.runOnce(planned, options);
    this.finished.set(planned.scenario.id, result);
    return result;
  }

  /** The gates, then the attempts (or the late forEach items); a throw becomes an `error` result. */
  private async runOnce(planned: PlannedScenario, options: AttemptPolicy): Promise<ScenarioResult> {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const finish = (fields: ScenarioOutcome): ScenarioResult =>
      this.result(planned, startedAt, performance.now() - started, fields);
    try {
      const skipped = this.skipReason(planned);
      if (skipped)
        return finish({ status: 'skipped', reason: skipped.reason, skip: skipped.info, attempts: 1 });
      const late = this.lateItems(planned);
      if (late) return await this.runLateItems(planned, late, options, finish);
      return finish(await this.attempts(planned, options));
    } catch (err) {
      return finish(thrownOutcome(err, planned.fullId));
    }
  }

  /** Attempts until one is not failed or errored, or the retries run out; judges the last one. */
  private async attempts(planned: PlannedScenario, options: AttemptPolicy): Promise<ScenarioOutcome> {
    const { scenario } = planned;
    const maxAttempts = 1 + Math.max(0, scenario.retries ?? options.retries);
    const timeoutMs = scenario.timeoutMs ?? options.timeoutMs;
    let attempt: Attempt = { steps: [] };
    let attempts = 0;
    let verdict: ScenarioVerdict = { status: 'passed' };
    while (attempts < maxAttempts) {
      attempts++;
      attempt = await this.attempt(planned, timeoutMs);
      const interrupted = this.cancelledSkip(attempt.cancelled === true);
      if (interrupted) {
        const { reason, info } = interrupted;
        return { status: 'skipped', reason, skip: info, attempts, steps: attempt.steps };
      }
      verdict = judgeAttempt(attempt, (checkId) => this.waiverFor(planned, checkId));
      if (verdict.status !== 'failed' && verdict.status !== 'error') break;
    }
    return {
      ...verdict,
      attempts,
      flaky: attempts > 1 && verdict.status !== 'failed' && verdict.status !== 'error',
      steps: attempt.steps,
      ...(attempt.error ? { error: attempt.error } : {}),
    };
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

  private runPhase(steps: readonly Step[], phase: 'setup' | 'teardown', stopOnFail: boolean) {
    return runPhase(this.executor, steps, phase, {
      stopOnFail,
      // Once the run's requests are being cancelled, the remaining steps could only fail.
      notSent: (step) =>
        this.ctx.cancel?.aborted === true || writeNotAllowed(step, this.ctx.target.allowWrites),
      scope: () => this.scope({ severity: 'SHALL', requirements: [] }),
    });
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

  private attempt(planned: PlannedScenario, timeoutMs: number | undefined): Promise<Attempt> {
    const { scenario } = planned;
    const local = this.local(planned);
    return runAttempt(this.executor, {
      steps: scenario.steps,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      scope: (limits, abandoned) =>
        this.scope({
          severity: scenario.severity,
          requirements: scenario.requirements,
          local,
          fullIds: [planned.fullId, scenario.fullId],
          ...(limits ?? {}),
          cancelled: abandoned,
        }),
    });
  }

  /** The skip when steps ended because the run cancelled their requests (`cut`). */
  private cancelledSkip(cut: boolean): Skip | undefined {
    const cancel = this.ctx.cancel;
    return cut && cancel?.aborted ? interruptedSkip(String(cancel.reason), 'while') : undefined;
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
    options: AttemptPolicy,
    finish: (fields: ScenarioOutcome) => ScenarioResult,
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
    fields: ScenarioOutcome,
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
      ...calledOperations(scenario),
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

/** The operations a scenario's steps call, for reports (set whether or not the scenario ran). */
export function calledOperations(scenario: Scenario): { operations?: string[] } {
  const codes = [...new Set(scenario.steps.flatMap((s) => (s.operation ? [s.operation.name] : [])))];
  return codes.length ? { operations: codes } : {};
}
