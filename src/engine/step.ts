// Runs one step: build and send the request (following pages when asked), read the body once, evaluate
// every check of the step, store captures, and sum it up as a StepResult. Never throws for server or suite
// faults; only a harness bug escapes.
import type { CheckKind, CheckResult, HttpExchange, StepResult } from '../model/results.js';
import type { Severity, Step, Suite } from '../model/suite.js';
import type { SourceLoc } from '../model/source.js';
import { ServerFault } from '../errors.js';
import { evaluateExpression, FhirpathRuntimeError, type FhirpathEnv } from '../fhirpath/evaluate.js';
import { planChecks } from '../checks/registry.js';
import { statusMatches } from '../checks/status.js';
import { transportFailure, TRANSPORT_DESCRIPTION } from '../checks/transport.js';
import { fail } from '../checks/format.js';
import type { CheckContext, ResponseView, Verdict } from '../checks/types.js';
import type { HttpResponse } from '../http/client.js';
import type { PagingFinding } from '../checks/paging.js';
import type { EngineContext } from './context.js';
import { EngineError } from './errors.js';
import { followPages, DEFAULT_MAX_PAGES, type FetchedPage } from './pager.js';
import { buildRequest, resolveBodySpec, type BuiltRequest } from './request.js';
import { answerCarriesJson, readBody } from './response.js';
import { substituteDeep, type Variables } from './template.js';
import { expiredNote, type WaiverMatch } from './waivers.js';

/** What a step sees of the scenario it runs in. */
export interface StepScope {
  readonly vars: Variables;
  readonly env: FhirpathEnv;
  readonly severity: Severity;
  readonly requirements: readonly string[];
  /** Stores a capture for later steps and scenarios. */
  setCapture(name: string, value: unknown): void;
  /** The waiver naming one check of this scenario, if any. */
  checkWaiver(checkId: string): WaiverMatch | undefined;
  /** performance.now() value after which the scenario has run out of time. */
  readonly deadline?: number;
  readonly timeoutMs?: number;
}

export interface StepRun {
  readonly result: StepResult;
  /** A suite fault (FHIRPath runtime error, unknown fixture...) that made the step `error`. */
  readonly error?: { readonly code: string; readonly message: string };
}

const INDEXED_KINDS = new Set<CheckKind>(['fhirpath', 'header', 'paging', 'capture']);

function staticName(step: Step): string {
  if (step.operation) return `$${step.operation.name}`;
  return step.request ? `${step.request.method} ${step.request.path}` : 'step';
}

/** Accumulates the checks of one step with ids, severities, requirements and waivers filled in. */
class CheckRecorder {
  readonly checks: CheckResult[] = [];
  error?: { code: string; message: string };
  private readonly counts = new Map<CheckKind, number>();

  constructor(
    private readonly label: string,
    private readonly scope: StepScope,
    private readonly redact: (text: string) => string,
  ) {}

  add(
    kind: CheckKind,
    description: string,
    verdict: Verdict,
    options: {
      id?: string;
      severity?: Severity;
      requirements?: readonly string[];
      message?: string;
      loc?: SourceLoc;
      durationMs?: number;
    } = {},
  ): void {
    const n = this.counts.get(kind) ?? 0;
    this.counts.set(kind, n + 1);
    const id = options.id ?? `${this.label}.${kind}${INDEXED_KINDS.has(kind) ? `[${n}]` : ''}`;
    let message = verdict.message;
    if (message !== undefined && options.message) message = `${options.message}: ${message}`;
    let waived = false;
    if (verdict.outcome === 'fail') {
      const waiver = this.scope.checkWaiver(id);
      if (waiver?.live) waived = true;
      else if (waiver) message = `${message} [${expiredNote(waiver.waiver)}]`;
    }
    this.checks.push({
      id,
      kind,
      description,
      severity: options.severity ?? this.scope.severity,
      requirements: options.requirements ?? this.scope.requirements,
      outcome: verdict.outcome,
      ...(verdict.expected !== undefined ? { expected: verdict.expected } : {}),
      ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
      ...(verdict.location !== undefined ? { location: verdict.location } : {}),
      ...(message !== undefined ? { message: this.redact(message) } : {}),
      durationMs: options.durationMs ?? 0,
      ...(options.loc ? { loc: options.loc } : {}),
      ...(verdict.issues ? { issues: verdict.issues } : {}),
      ...(waived ? { waived: true } : {}),
    });
    if (verdict.outcome === 'error' && !this.error) {
      this.error = { code: 'CHECK_ERROR', message: this.redact(message ?? description) };
    }
  }

  /** A suite fault while evaluating: an `error` check; harness bugs are rethrown. */
  addFault(kind: CheckKind, description: string, err: unknown, loc?: SourceLoc): void {
    if (!(err instanceof EngineError || err instanceof FhirpathRuntimeError)) throw err;
    this.add(
      kind,
      description,
      { outcome: 'error', message: `${description}: ${err.message}` },
      loc ? { loc } : {},
    );
    this.error = { code: err.code, message: this.redact(err.message) };
  }

  transport(fault: ServerFault): void {
    this.add('transport', TRANSPORT_DESCRIPTION, transportFailure(fault), { severity: 'SHALL' });
  }

  paging(finding: PagingFinding): void {
    this.add(
      'paging',
      finding.description,
      finding.verdict,
      finding.severity ? { severity: finding.severity } : {},
    );
  }

  outcome(): StepResult['outcome'] {
    if (this.error || this.checks.some((c) => c.outcome === 'error')) return 'error';
    const failing = this.checks.filter((c) => c.outcome === 'fail' && !c.waived);
    if (failing.some((c) => c.severity === 'SHALL')) return 'fail';
    if (failing.some((c) => c.severity === 'SHOULD')) return 'warn';
    return 'pass';
  }
}

export class StepExecutor {
  constructor(
    private readonly suite: Suite,
    private readonly ctx: EngineContext,
  ) {}

  async execute(step: Step, index: number, phase: StepResult['phase'], scope: StepScope): Promise<StepRun> {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const label = `${phase === 'scenario' ? 'step' : phase}${index + 1}`;
    const redact = (text: string): string => this.ctx.redactor.text(text);
    const recorder = new CheckRecorder(label, scope, redact);
    const exchanges: HttpExchange[] = [];
    const captures: Record<string, unknown> = {};
    let name = staticName(step);
    try {
      const request = buildRequest(step, {
        baseUrl: this.ctx.target.baseUrl,
        operations: this.ctx.target.operations,
        fixtures: this.suite.fixtures,
        vars: scope.vars,
      });
      name = request.name;
      await this.exchange(step, request, scope, recorder, exchanges, captures);
    } catch (err) {
      recorder.addFault('transport', `prepare ${name}`, err, step.loc);
    }
    const result: StepResult = {
      index,
      name,
      phase,
      loc: step.loc,
      startedAt,
      durationMs: performance.now() - started,
      exchanges,
      checks: recorder.checks,
      captures,
      outcome: recorder.outcome(),
    };
    return recorder.error ? { result, error: recorder.error } : { result };
  }

  private async send(
    method: string,
    url: string,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
    scope: StepScope,
  ): Promise<{ exchange: HttpExchange; response?: HttpResponse; fault?: ServerFault }> {
    const targetTimeout = this.ctx.target.timeoutMs;
    const remaining =
      scope.deadline !== undefined ? Math.max(1, Math.floor(scope.deadline - performance.now())) : undefined;
    const clamped = remaining !== undefined && remaining < targetTimeout;
    const result = await this.ctx.http.send({
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      // Only a scenario deadline overrides the client's own timeout (which the runner configures).
      ...(clamped ? { timeoutMs: remaining } : {}),
      ...(this.ctx.cancel ? { signal: this.ctx.cancel } : {}),
    });
    if (clamped && result.fault?.code === 'TIMEOUT') {
      const fault = new ServerFault(
        'TIMEOUT',
        `${this.ctx.redactor.text(`${method} ${url}`)}: the scenario's timeoutMs (${scope.timeoutMs} ms) ran out while waiting for the answer`,
      );
      return { exchange: result.exchange, fault };
    }
    return result;
  }

  private async exchange(
    step: Step,
    request: BuiltRequest,
    scope: StepScope,
    recorder: CheckRecorder,
    exchanges: HttpExchange[],
    captures: Record<string, unknown>,
  ): Promise<void> {
    const planned = planChecks(step.expect);
    const hasCaptures = Object.keys(step.capture).length > 0 || Object.keys(step.captureList).length > 0;
    const bodyNeeded = hasCaptures || request.page === 'all' || planned.some((c) => c.readsBody);
    const sent = await this.send(request.method, request.url, request.headers, request.body, scope);
    exchanges.push(sent.exchange);
    if (!sent.response) {
      recorder.transport(
        sent.fault ?? new ServerFault('NETWORK', `${request.method} ${request.url}: no response`),
      );
      return;
    }
    const response = sent.response;
    const what = this.ctx.redactor.text(`${request.method} ${request.url}`);
    const read = readBody(response, {
      what,
      needsJson: bodyNeeded || answerCarriesJson(request.method, request.isOperation, response.status),
      statusExpected: explicitlyExpects(step, response.status),
    });
    let body = read.body;
    let bodyUsable = !read.fault;
    if (bodyUsable && request.page === 'all') {
      const paged = await followPages(
        body,
        request.url,
        this.ctx.target.baseUrl,
        request.maxPages ?? DEFAULT_MAX_PAGES,
        (url) => this.fetchPage(url, request.headers, scope),
      );
      exchanges.push(...paged.exchanges);
      for (const finding of paged.findings) recorder.paging(finding);
      if (paged.fault) {
        recorder.transport(paged.fault);
        bodyUsable = false;
      }
      body = paged.body;
    }
    // A response that came back unusable is recorded after the status check, so a step expecting 400 that
    // got 500 reports the status first; a request with no response at all has only the transport check.
    const view: ResponseView = { status: response.status, headers: response.headers, body };
    const checkContext = this.checkContext(view, scope, step.loc);
    for (const check of planned) {
      if (check.readsBody && !bodyUsable) continue;
      const t0 = performance.now();
      try {
        const verdict = check.run(checkContext);
        recorder.add(check.kind, check.description, verdict, {
          ...(check.id ? { id: check.id } : {}),
          ...(check.severity ? { severity: check.severity } : {}),
          ...(check.requirements ? { requirements: check.requirements } : {}),
          ...(check.message ? { message: check.message } : {}),
          ...(check.loc ? { loc: check.loc } : {}),
          durationMs: performance.now() - t0,
        });
      } catch (err) {
        recorder.addFault(check.kind, check.description, err, check.loc);
      }
    }
    if (read.fault) recorder.transport(read.fault);
    if (bodyUsable && hasCaptures) this.capture(step, body, scope, recorder, captures);
  }

  private async fetchPage(
    url: string,
    headers: Readonly<Record<string, string>>,
    scope: StepScope,
  ): Promise<FetchedPage> {
    const sent = await this.send('GET', url, headers, undefined, scope);
    if (!sent.response)
      return {
        exchange: sent.exchange,
        fault: sent.fault ?? new ServerFault('NETWORK', `GET ${url}: no response`),
      };
    const read = readBody(sent.response, {
      what: this.ctx.redactor.text(`GET ${url}`),
      needsJson: true,
      statusExpected: false,
    });
    if (!read.fault && (sent.response.status < 200 || sent.response.status >= 300)) {
      const fault = new ServerFault(
        'SERVER_ERROR',
        this.ctx.redactor.text(`GET ${url}: a next page answered ${sent.response.status}`),
      );
      return { exchange: sent.exchange, fault };
    }
    return {
      exchange: sent.exchange,
      ...(read.body !== undefined ? { body: read.body } : {}),
      ...(read.fault ? { fault: read.fault } : {}),
    };
  }

  private checkContext(response: ResponseView, scope: StepScope, loc: SourceLoc): CheckContext {
    return {
      response,
      env: { ...scope.env, response: responseVariable(response) },
      substitute: (value) => substituteDeep(value, scope.vars),
      resolveBody: (spec) => resolveBodySpec(spec, this.suite.fixtures, scope.vars, loc),
      lenientContentType: this.ctx.target.lenientContentType,
      ...(this.ctx.validator ? { validator: this.ctx.validator } : {}),
    };
  }

  private capture(
    step: Step,
    body: unknown,
    scope: StepScope,
    recorder: CheckRecorder,
    captures: Record<string, unknown>,
  ): void {
    const store = (name: string, value: unknown): void => {
      captures[name] = value;
      scope.setCapture(name, value);
    };
    for (const [name, expr] of Object.entries(step.capture)) {
      const description = `capture ${name} = ${expr.source}`;
      try {
        const values = evaluateExpression(expr, body, scope.env);
        if (values.length > 0) store(name, values[0]);
        else
          recorder.add(
            'capture',
            description,
            fail(description, 'a value', [], { where: expr.source, shownActual: 'no value' }),
            { loc: expr.loc },
          );
      } catch (err) {
        recorder.addFault('capture', description, err, expr.loc);
      }
    }
    for (const [name, expr] of Object.entries(step.captureList)) {
      try {
        store(name, evaluateExpression(expr, body, scope.env));
      } catch (err) {
        recorder.addFault('capture', `captureList ${name} = ${expr.source}`, err, expr.loc);
      }
    }
  }
}

/** True when the step's status expectation names this status (so a 5xx it asks for is not a fault). */
function explicitlyExpects(step: Step, status: number): boolean {
  const expected = step.expect?.status;
  if (expected === undefined) return false;
  try {
    return statusMatches(expected, status);
  } catch {
    return false;
  }
}

/** The step a scenario was on when its timeoutMs ran out: one failing transport check naming the timeout. */
export function timedOutStep(
  step: Step,
  index: number,
  startedAt: string,
  durationMs: number,
  timeoutMs: number,
): StepResult {
  const name = staticName(step);
  const message = `${TRANSPORT_DESCRIPTION}: the scenario's timeoutMs (${timeoutMs} ms) ran out during step ${index + 1} (${name})`;
  return {
    index,
    name,
    phase: 'scenario',
    loc: step.loc,
    startedAt,
    durationMs,
    exchanges: [],
    checks: [
      {
        id: `step${index + 1}.transport`,
        kind: 'transport',
        description: TRANSPORT_DESCRIPTION,
        severity: 'SHALL',
        requirements: [],
        outcome: 'fail',
        expected: `an answer within ${timeoutMs} ms`,
        actual: 'TIMEOUT',
        message,
        durationMs: 0,
      },
    ],
    captures: {},
    outcome: 'fail',
  };
}

/** A step not run (writes not allowed...). */
export function skippedStep(step: Step, index: number, phase: StepResult['phase']): StepResult {
  return {
    index,
    name: staticName(step),
    phase,
    loc: step.loc,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    exchanges: [],
    checks: [],
    captures: {},
    outcome: 'skipped',
  };
}

export function stepName(step: Step): string {
  return staticName(step);
}

/**
 * `%response` in FHIRPath checks: what the body alone cannot tell, e.g. that a body labelled
 * application/fhir+json really is a FHIR resource. `contentType` is the media type without parameters.
 */
function responseVariable(response: ResponseView): object {
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return { status: response.status, contentType, headers: response.headers };
}
