// One run of one suite against one target: setup once, plan scenarios (forEach items), run each with skip
// gates, retries, timeout and waivers, teardown. Captures live here, shared by the suite's steps and scenarios.
import {
  interruptedReason,
  type CheckResult,
  type ScenarioResult,
  type ScenarioStatus,
  type StepResult,
  type WaiverApplied,
} from '../model/results.js';
import type { Scenario, Step, Suite } from '../model/suite.js';
import { HarnessBug } from '../errors.js';
import { evaluateExpression, isTrue, FhirpathRuntimeError, type FhirpathEnv } from '../fhirpath/evaluate.js';
import { trimText } from '../checks/format.js';
import { unclaimed } from './capabilities.js';
import type { EngineContext } from './context.js';
import { EngineError } from './errors.js';
import { isWriteStep } from './request.js';
import { skippedStep, StepExecutor, stepName, timedOutStep, type StepScope } from './step.js';
import { valueToText, type Variables } from './template.js';
import { applied, expiredNote, findWaiver, todayUtc } from './waivers.js';

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

interface Attempt {
  readonly steps: StepResult[];
  error?: { code: string; message: string; stack?: string };
}

interface Verdict {
  readonly status: ScenarioStatus;
  readonly reason?: string;
  readonly waiver?: WaiverApplied;
}

const MAX_ITEM_LABEL = 60;

/** Worst first: the status a group of results takes. */
const STATUS_ORDER: readonly ScenarioStatus[] = ['error', 'failed', 'warned', 'waived', 'passed', 'skipped'];

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

function isSupplied(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function itemLabel(item: unknown): string {
  return trimText(valueToText(item), MAX_ITEM_LABEL);
}

export class SuiteRun {
  private readonly captures = new Map<string, unknown>();
  private readonly inputs: Readonly<Record<string, unknown>>;
  private readonly executor: StepExecutor;
  private setupProblem?: { status: 'failed' | 'skipped'; reason: string };

  constructor(
    readonly suite: Suite,
    private readonly ctx: EngineContext,
  ) {
    const inputs: Record<string, unknown> = {};
    for (const name of Object.keys(suite.inputs)) {
      const value = ctx.target.inputs[name];
      if (isSupplied(value)) inputs[name] = value;
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
      this.setupProblem = { status: 'skipped', reason: notClaimed };
      return this.suite.setup.map((step, i) => skippedStep(step, i, 'setup'));
    }
    const results = await this.runPhase(this.suite.setup, 'setup', true);
    const bad = results.find((r) => r.outcome === 'fail' || r.outcome === 'error');
    const interrupted = this.cancelledReason(results);
    if (interrupted) this.setupProblem = { status: 'skipped', reason: interrupted };
    else if (bad)
      this.setupProblem = { status: 'failed', reason: `suite setup failed: ${stepFailure(bad) ?? bad.name}` };
    const skipped = results.find((r) => r.outcome === 'skipped');
    if (!bad && skipped) {
      this.setupProblem = {
        status: 'skipped',
        reason: `suite setup was not run: step ${skipped.index + 1} (${skipped.name}) writes and the target does not allow writes (allowWrites: false)`,
      };
    }
    return results;
  }

  /** Runs every teardown step (a failing one does not stop the others); never throws. */
  async teardown(): Promise<StepResult[]> {
    if (this.setupProblem?.status === 'skipped')
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
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const finish = (fields: Verdict & Partial<ScenarioResult>): ScenarioResult =>
      this.result(planned, startedAt, performance.now() - started, fields);
    try {
      const skip = this.skipReason(planned);
      if (skip) return finish({ status: skip.status, reason: skip.reason, attempts: 1 });
      const late = this.lateItems(planned);
      if (late) return await this.runLateItems(planned, late, options, finish);
      const scenario = planned.scenario;
      const maxAttempts = 1 + Math.max(0, scenario.retries ?? options.retries);
      const timeoutMs = scenario.timeoutMs ?? options.timeoutMs;
      let attempt: Attempt = { steps: [] };
      let attempts = 0;
      let verdict: Verdict = { status: 'passed' };
      while (attempts < maxAttempts) {
        attempts++;
        attempt = await this.attempt(planned, timeoutMs);
        const interrupted = this.cancelledReason(attempt.steps);
        if (interrupted)
          return finish({ status: 'skipped', reason: interrupted, attempts, steps: attempt.steps });
        verdict = this.judge(planned, attempt);
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
          error: { code: err.code, message: err.message },
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
        error: { code: bug.code, message: bug.message, ...(stack ? { stack } : {}) },
      });
    }
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
        if (stopOnFail && (run.result.outcome === 'fail' || run.result.outcome === 'error')) break;
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
    const env: FhirpathEnv = { inputs: this.inputs };
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

  /** The skip reason when these steps ended because the run cancelled their requests. */
  private cancelledReason(steps: readonly StepResult[]): string | undefined {
    const cancel = this.ctx.cancel;
    if (!cancel?.aborted) return undefined;
    const cut = steps.some((step) =>
      step.checks.some((check) => check.kind === 'transport' && check.actual === 'CANCELLED'),
    );
    return cut ? interruptedReason(String(cancel.reason), 'while') : undefined;
  }

  /** Status, reason and waiver of one attempt (contract section 5). */
  private judge(planned: PlannedScenario, attempt: Attempt): Verdict {
    if (attempt.error) return { status: 'error', reason: attempt.error.message };
    const failures: { step: StepResult; check: CheckResult }[] = [];
    let waivedChecks = 0;
    for (const step of attempt.steps) {
      for (const check of step.checks) {
        if (check.outcome === 'error')
          return { status: 'error', reason: `${step.name}: ${check.message ?? check.description}` };
        if (check.outcome !== 'fail') continue;
        if (check.waived) waivedChecks++;
        else failures.push({ step, check });
      }
    }
    const first = (severity: 'SHALL' | 'SHOULD'): string | undefined => {
      const found = failures.find((f) => f.check.severity === severity);
      return found ? `${found.step.name}: ${found.check.message ?? found.check.description}` : undefined;
    };
    const shall = first('SHALL');
    const should = first('SHOULD');
    const today = todayUtc(this.now());
    if (shall || should) {
      const status: ScenarioStatus = shall ? 'failed' : 'warned';
      const reason = (shall ?? should)!;
      const match = findWaiver(this.ctx.target.waivers, [planned.fullId, planned.scenario.fullId], today);
      if (match?.live)
        return { status: 'waived', reason: `waived: ${match.waiver.reason}`, waiver: applied(match.waiver) };
      if (match) return { status, reason: `${reason} [${expiredNote(match.waiver)}]` };
      return { status, reason };
    }
    if (waivedChecks > 0) {
      const check = attempt.steps.flatMap((s) => s.checks).find((c) => c.waived)!;
      const match = findWaiver(
        this.ctx.target.waivers,
        [planned.fullId, planned.scenario.fullId],
        today,
        check.id,
      );
      return {
        status: 'waived',
        reason: `waived: check ${check.id}: ${match?.waiver.reason ?? ''}`.trim(),
        ...(match ? { waiver: applied(match.waiver) } : {}),
      };
    }
    return { status: 'passed' };
  }

  private unclaimedBySuite(): string | undefined {
    const caps = this.ctx.capabilities;
    if (!caps || !this.suite.requires) return undefined;
    const missing = unclaimed(caps, this.suite.requires);
    return missing.length ? `not claimed: ${missing.join(', ')}` : undefined;
  }

  private forEachItems(scenario: Scenario): unknown[] | undefined {
    const source = scenario.forEach?.in;
    if (!source) return undefined;
    const value = source in this.suite.inputs ? this.inputs[source] : this.captures.get(source);
    if (!isSupplied(value)) return undefined;
    return Array.isArray(value) ? value : [value];
  }

  /** Why the planned scenario does not run (skipped, or failed for a failed setup); undefined when it runs. */
  private skipReason(planned: PlannedScenario): { status: 'skipped' | 'failed'; reason: string } | undefined {
    const { scenario } = planned;
    if (this.setupProblem) return this.setupProblem;
    const caps = this.ctx.capabilities;
    if (caps) {
      const operations = scenario.steps.flatMap((s) => (s.operation ? [s.operation.name] : []));
      const missing = unclaimed(caps, { resources: [], searchParams: {}, operations });
      const suiteMissing = this.unclaimedBySuite();
      if (suiteMissing) return { status: 'skipped', reason: suiteMissing };
      if (missing.length)
        return { status: 'skipped', reason: `not claimed: ${[...new Set(missing)].join(', ')}` };
    }
    if (scenario.writes && !this.ctx.target.allowWrites) {
      return {
        status: 'skipped',
        reason: 'writes are not allowed on this target (allowWrites: false in the target config)',
      };
    }
    const needed = new Set(scenario.usesInputs);
    if (scenario.forEach && scenario.forEach.in in this.suite.inputs) needed.add(scenario.forEach.in);
    const unsupplied = [...needed].filter((name) => !(name in this.inputs));
    if (unsupplied.length === 1) return { status: 'skipped', reason: `input ${unsupplied[0]} not supplied` };
    if (unsupplied.length > 1)
      return { status: 'skipped', reason: `inputs ${unsupplied.join(', ')} not supplied` };
    if (this.lateItems(planned)) return undefined;
    if (scenario.forEach && planned.index === undefined) {
      const what = scenario.forEach.in;
      const known = what in this.suite.inputs || this.captures.has(what);
      return {
        status: 'skipped',
        reason: known
          ? `forEach: ${what} is an empty list`
          : `forEach: ${what} has no value (nothing captured it)`,
      };
    }
    for (const name of scenario.usesCaptures) {
      if (this.captures.has(name)) continue;
      const setter = this.suite.scenarios.find((s) => s !== scenario && s.setsCaptures.includes(name));
      const from = setter
        ? `scenario ${setter.fullId}, which sets it, did not pass or has not run`
        : 'nothing set it';
      return { status: 'skipped', reason: `capture ${name} is not available (${from})` };
    }
    if (scenario.when) {
      const scope = this.scope({
        severity: scenario.severity,
        requirements: scenario.requirements,
        local: this.local(planned),
      });
      try {
        if (!isTrue(evaluateExpression(scenario.when, {}, scope.env))) {
          return { status: 'skipped', reason: `when is false: ${scenario.when.source}` };
        }
      } catch (err) {
        if (err instanceof FhirpathRuntimeError || err instanceof EngineError) throw new WhenError(err);
        throw err;
      }
    }
    return undefined;
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
    finish: (fields: Verdict & Partial<ScenarioResult>) => ScenarioResult,
  ): Promise<ScenarioResult> {
    const results: ScenarioResult[] = [];
    for (const [index, item] of items.entries()) {
      results.push(await this.run(itemPlan(planned.scenario, item, index), options));
    }
    const worst = [...results].sort(
      (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
    )[0]!;
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
      ...(worst.waiver ? { waiver: worst.waiver } : {}),
      ...(worst.error ? { error: worst.error } : {}),
    });
  }

  private result(
    planned: PlannedScenario,
    startedAt: string,
    durationMs: number,
    fields: Verdict & Partial<ScenarioResult>,
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

function stepFailure(step: StepResult): string | undefined {
  const check = step.checks.find(
    (c) => c.outcome === 'error' || (c.outcome === 'fail' && !c.waived && c.severity !== 'MAY'),
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
