// Runs one step: build and send the request (following pages when asked), read the body once, evaluate
// every check of the step, store captures, and sum it up as a StepResult. Never throws for server or suite
// faults; only a harness bug escapes.
import type { CheckKind, CheckResult, ErrorCause, HttpExchange, StepResult } from '../results/model.js';
import type { Severity, Step, Suite } from '../model/suite.js';
import type { SourceLoc } from '../common/source-loc.js';
import { EngineError, ServerFault } from '../common/errors.js';
import { evaluateExpression, FhirpathRuntimeError, type FhirpathEnv } from '../fhirpath/evaluate.js';
import { planChecks } from '../checks/registry.js';
import { statusMatches } from '../checks/status.js';
import { trimText } from '../checks/format.js';
import { transportFailure, TRANSPORT_DESCRIPTION } from '../checks/transport.js';
import type { CheckContext, PlannedCheck, ResponseView, Verdict } from '../checks/types.js';
import type { HttpResponse } from '../http/client.js';
import type { PagingFinding } from '../checks/paging.js';
import type { EngineContext } from './context.js';
import { followPages, DEFAULT_MAX_PAGES, type FetchedPage } from './pager.js';
import { buildRequest, resolveBodySpec, type BuiltRequest } from './request.js';
import { answerCarriesJson, readBody } from './response.js';
import { substituteDeep, type Variables } from './template.js';
import { expiredNote, type WaiverMatch } from './waivers.js';
import { checkEffect, statusFromEffects } from '../results/policy.js';

/** What a step sees of the scenario it runs in. */
export interface StepScope {
  readonly vars: Variables;
  readonly env: FhirpathEnv;
  readonly severity: Severity;
  readonly requirements: readonly string[];
  /** Stores a capture for later steps and scenarios. */
  setCapture(name: string, value: unknown): void;
  /** Records that a capture found no value (its dependants are skipped, "nothing to check"). */
  setEmptyCapture(name: string): void;
  /** The waiver naming one check of this scenario, if any. */
  checkWaiver(checkId: string): WaiverMatch | undefined;
  /** performance.now() value after which the scenario has run out of time. */
  readonly deadline?: number;
  readonly timeoutMs?: number;
}

export interface StepRun {
  readonly result: StepResult;
  /** What made the step `error`: a suite fault (FHIRPath runtime error, unknown fixture...) or a 401/403. */
  readonly error?: StepError;
  /** Set when `requireData` selected nothing: the request that found no data. */
  readonly noData?: string;
  /** Set when the server refused (4xx) a request the step needs but does not test: what it answered. */
  readonly refused?: string;
  /** Set when the run cancelled the step's request (it was interrupted): the step says nothing about the server. */
  readonly cancelled?: true;
}

export interface StepError {
  readonly code: string;
  readonly cause: ErrorCause;
  readonly message: string;
}

/** What the exchange learnt beyond its checks. */
interface ExchangeOutcome {
  readonly noData?: string;
  readonly refused?: string;
  readonly cancelled?: true;
}

/** The outcome of an exchange cut by the run's cancel signal, told by the fault's code (never by its text). */
function cancelledBy(fault: ServerFault | undefined): ExchangeOutcome {
  return fault?.code === 'CANCELLED' ? { cancelled: true } : {};
}

const INDEXED_KINDS = new Set<CheckKind>(['fhirpath', 'header', 'paging', 'capture']);

/** A step's name before its templates are resolved, e.g. `$find-subject-variants` or `GET Observation`. */
export function stepName(step: Step): string {
  if (step.operation) return `$${step.operation.name}`;
  return step.request ? `${step.request.method} ${step.request.path}` : 'step';
}

/** Accumulates the checks of one step with ids, severities, requirements and waivers filled in. */
class CheckRecorder {
  readonly checks: CheckResult[] = [];
  error?: StepError;
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
      ...(verdict.exercised === false ? { exercised: false as const } : {}),
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
      this.error = { code: 'CHECK_ERROR', cause: 'suite', message: this.redact(message ?? description) };
    }
  }

  /** True when a check recorded so far failed at SHALL or SHOULD (or could not be evaluated). */
  hasFailure(): boolean {
    return this.checks.some(
      (c) => c.outcome === 'error' || (c.outcome === 'fail' && !c.waived && c.severity !== 'MAY'),
    );
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
    this.error = { code: err.code, cause: 'suite', message: this.redact(err.message) };
  }

  /** The server gave no usable answer: a failure of no particular requirement (the server did not answer). */
  transport(fault: ServerFault): void {
    this.add('transport', TRANSPORT_DESCRIPTION, transportFailure(fault), {
      severity: 'SHALL',
      requirements: [],
    });
  }

  /** Paging problems are the search's prerequisites, not the scenario's requirements. */
  paging(finding: PagingFinding): void {
    this.add('paging', finding.description, finding.verdict, {
      requirements: [],
      ...(finding.severity ? { severity: finding.severity } : {}),
    });
  }

  /** A 401/403 the step did not ask for: the credentials are at fault, so nothing about the server is judged. */
  notAuthorised(message: string): void {
    this.error = { code: 'NOT_AUTHORISED', cause: 'not-authorised', message: this.redact(message) };
  }

  outcome(): StepResult['outcome'] {
    if (this.error || this.checks.some((c) => c.outcome === 'error')) return 'error';
    const status = statusFromEffects(this.checks.map((c) => checkEffect(c))).status;
    return status === 'failed' ? 'fail' : status === 'warned' ? 'warn' : 'pass';
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
    let name = stepName(step);
    let learnt: ExchangeOutcome = {};
    try {
      const request = buildRequest(step, {
        baseUrl: this.ctx.target.baseUrl,
        operations: this.ctx.target.operations,
        fixtures: this.suite.fixtures,
        vars: scope.vars,
      });
      name = request.name;
      learnt = await this.exchange(step, request, scope, recorder, exchanges, captures);
    } catch (err) {
      recorder.addFault('transport', `prepare ${name}`, err, step.loc);
    }
    const result: StepResult = {
      index,
      name,
      ...(step.operation ? { operation: step.operation.name } : {}),
      phase,
      loc: step.loc,
      startedAt,
      durationMs: performance.now() - started,
      exchanges,
      checks: recorder.checks,
      captures,
      outcome: recorder.outcome(),
    };
    return { result, ...(recorder.error ? { error: recorder.error } : {}), ...learnt };
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
  ): Promise<ExchangeOutcome> {
    const planned = planChecks(step.expect);
    const hasCaptures = Object.keys(step.capture).length > 0 || Object.keys(step.captureList).length > 0;
    const bodyNeeded =
      hasCaptures ||
      request.page === 'all' ||
      step.requireData !== undefined ||
      planned.some((c) => c.readsBody);
    const sent = await this.send(request.method, request.url, request.headers, request.body, scope);
    exchanges.push(sent.exchange);
    if (!sent.response) {
      recorder.transport(
        sent.fault ?? new ServerFault('NETWORK', `${request.method} ${request.url}: no response`),
      );
      return cancelledBy(sent.fault);
    }
    const response = sent.response;
    const what = this.ctx.redactor.text(`${request.method} ${request.url}`);
    const statusAskedFor = explicitlyExpects(step, response.status);
    if ((response.status === 401 || response.status === 403) && !statusAskedFor) {
      recorder.notAuthorised(this.notAuthorisedMessage(what, response.status));
      return {};
    }
    const read = readBody(response, {
      what,
      needsJson: bodyNeeded || answerCarriesJson(request.method, request.isOperation, response.status),
      statusExpected: statusAskedFor,
    });
    const view: ResponseView = { status: response.status, headers: response.headers, body: read.body };
    // Prerequisites first (status, media type, headers): a refused request ends the step here.
    const refused = this.runChecks(
      planned.filter((c) => !c.readsBody),
      this.checkContext(view, scope, step.loc),
      recorder,
      response.status,
    );
    if (refused) return { refused: `${what} answered ${response.status}${refusalDetail(read.body)}` };
    let body = read.body;
    let bodyUsable = !read.fault;
    let cutShort: string | undefined;
    let pagingCancelled: ExchangeOutcome = {};
    if (bodyUsable && request.page === 'all' && isSuccess(response.status)) {
      const paged = await followPages(
        body,
        request.url,
        this.ctx.target.baseUrl,
        request.maxPages ?? DEFAULT_MAX_PAGES,
        (url) => this.fetchPage(url, request.headers, scope),
      );
      exchanges.push(...paged.exchanges);
      for (const finding of paged.findings) recorder.paging(finding);
      if (paged.fault?.code === 'AUTH') {
        recorder.notAuthorised(paged.fault.message);
        return {};
      }
      if (paged.fault) {
        recorder.transport(paged.fault);
        bodyUsable = false;
        pagingCancelled = cancelledBy(paged.fault);
      }
      cutShort = paged.cutShort;
      body = paged.body;
    }
    const checkContext = this.checkContext({ ...view, body }, scope, step.loc);
    let noData: string | undefined;
    if (bodyUsable && step.requireData && !recorder.hasFailure()) {
      noData = this.findsNoData(step, body, scope, recorder, what);
    }
    if (noData === undefined && bodyUsable) {
      this.runChecks(
        planned.filter((c) => c.readsBody),
        checkContext,
        recorder,
        response.status,
        cutShort,
      );
    }
    // A response that came back unusable is recorded after the status check, so a step expecting 400 that
    // got 500 reports the status first; a request with no response at all has only the transport check.
    if (read.fault) recorder.transport(read.fault);
    if (bodyUsable && hasCaptures) this.capture(step, body, scope, recorder, captures);
    return { ...pagingCancelled, ...(noData !== undefined ? { noData } : {}) };
  }

  /**
   * Runs planned checks into the recorder. Returns true when the status check is a prerequisite (it names no
   * requirement) and the server refused the request with a 4xx: the scenario cannot test anything then.
   * With `cutShort` (the page limit was reached), a check that needs every page cannot fail: it is inconclusive.
   */
  private runChecks(
    planned: readonly PlannedCheck[],
    context: CheckContext,
    recorder: CheckRecorder,
    status: number,
    cutShort?: string,
  ): boolean {
    let refused = false;
    for (const check of planned) {
      const t0 = performance.now();
      try {
        let verdict = check.run(context);
        if (check.kind === 'status' && check.requirements?.length === 0 && verdict.outcome === 'fail') {
          if (status >= 400 && status < 500) {
            refused = true;
            verdict = {
              outcome: 'inconclusive',
              message: `${check.description}: the server refused the request (HTTP ${status})`,
            };
          }
        }
        if (cutShort && verdict.outcome === 'fail' && !check.holdsPerItem) {
          verdict = {
            outcome: 'inconclusive',
            message: `${check.description}: needs every page, but ${cutShort}`,
          };
        }
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
      // Nothing else of a refused answer says anything about the server.
      if (refused) break;
    }
    return refused;
  }

  /** Evaluates `requireData`; returns the "no data" reason when it selects nothing. */
  private findsNoData(
    step: Step,
    body: unknown,
    scope: StepScope,
    recorder: CheckRecorder,
    what: string,
  ): string | undefined {
    try {
      const found = evaluateExpression(step.requireData!, body, scope.env);
      return found.length === 0 ? `${what} found no ${step.requireData!.source}` : undefined;
    } catch (err) {
      recorder.addFault('fhirpath', `requireData ${step.requireData!.source}`, err, step.requireData!.loc);
      return undefined;
    }
  }

  private notAuthorisedMessage(what: string, status: number): string {
    const config = this.ctx.target.file ? ` in ${this.ctx.target.file}` : ' of the target config';
    return `not authorised: ${what} answered ${status}; check \`auth\`${config} (the server's conformance was not judged)`;
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
    const status = sent.response.status;
    if (status === 401 || status === 403) {
      const what = this.ctx.redactor.text(`GET ${url}`);
      return {
        exchange: sent.exchange,
        fault: new ServerFault('AUTH', this.notAuthorisedMessage(what, status)),
      };
    }
    if (!read.fault && (status < 200 || status >= 300)) {
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
      try {
        const values = evaluateExpression(expr, body, scope.env);
        // Finding nothing is not a failure: the scenarios that need the value are skipped, "nothing to check".
        if (values.length > 0) store(name, values[0]);
        else {
          captures[name] = null;
          scope.setEmptyCapture(name);
        }
      } catch (err) {
        recorder.addFault('capture', `capture ${name} = ${expr.source}`, err, expr.loc);
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

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The server's own words for a refusal (OperationOutcome diagnostics), when it gave some. */
function refusalDetail(body: unknown): string {
  const issue = (body as { issue?: { diagnostics?: unknown; details?: { text?: unknown } }[] } | undefined)
    ?.issue?.[0];
  const said = issue?.diagnostics ?? issue?.details?.text;
  return typeof said === 'string' && said ? `: ${trimText(said, 160)}` : '';
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
  const name = stepName(step);
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
    name: stepName(step),
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

/**
 * `%response` in FHIRPath checks: what the body alone cannot tell, e.g. that a body labelled
 * application/fhir+json really is a FHIR resource. `contentType` is the media type without parameters.
 */
function responseVariable(response: ResponseView): object {
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return { status: response.status, contentType, headers: response.headers };
}
