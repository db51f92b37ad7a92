// The one results model. The engine produces it; every reporter (console, JUnit, Allure, JSON,
// conformance report, TestReport, evidence bundle) reads only this. Serialised as reports/results.json.
import type { Severity } from '../model/suite.js';
import type { ValidationIssue } from '../model/validation.js';
import type { SourceLoc } from '../common/source-loc.js';

/** 2: skip kinds, error causes, inconclusive and unexercised checks, the step's operation (fgc 0.2). */
export const RESULTS_SCHEMA_VERSION = 2;

/** The exit codes a finished run can have (2 and 3 end a run before it has results). */
export type RunExitCode = 0 | 1 | 4 | 5 | 130 | 143;

/** The signals that stop a run early; the exit code is 128 + the signal number, as shells report it. */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_EXIT_CODES;

/** What each status means, and how bad it is, is in src/results/policy.ts (STATUS_MEANING). */
export type ScenarioStatus = 'passed' | 'failed' | 'warned' | 'skipped' | 'waived' | 'error';

/**
 * Why a scenario was skipped, as a fact reports can count (the `reason` text is for display only).
 * src/results/policy.ts says what each kind means for coverage.
 */
export type SkipKind =
  /** The server's CapabilityStatement does not claim the operation, resource or search parameter. */
  | 'not-claimed'
  /** The target config does not allow writes. */
  | 'writes-not-allowed'
  /** The scenario's `when` condition is false for this site (e.g. the site says it serves no POST). */
  | 'not-applicable'
  /** An input the scenario needs is not in the target config (or still a template placeholder). */
  | 'input-missing'
  /** The search for the site's data found none of the resources the scenario is about. */
  | 'no-data'
  /** A value the scenario needs (a capture of another scenario) was not found in the data. */
  | 'capture-empty'
  /** The server refused (4xx) a request the scenario needs but does not test, e.g. an unsupported search. */
  | 'request-refused'
  /** A scenario it depends on (its setup, or the scenario that captures its input) did not pass. */
  | 'prerequisite-failed'
  /** The page limit was reached, so the checks that need every page could not decide. */
  | 'inconclusive'
  /** The run was stopped (a signal, or --bail) before the scenario started or finished. */
  | 'interrupted';

export interface SkipInfo {
  readonly kind: SkipKind;
  /**
   * The input, capture, operation or request involved, when there is one. For `interrupted`, when:
   * `before` it started, `while` it ran (its requests were cancelled), or `bail` (--bail stopped the run).
   */
  readonly detail?: string;
}

/** Why a scenario ended in `error`: the run could not judge it, and this says whose problem that is. */
export type ErrorCause =
  /** The server answered 401/403 where the suite expected an answer: the credentials, not the server's conformance. */
  | 'not-authorised'
  /** A mistake in the suite: a FHIRPath runtime error, a bad expected value, a missing fixture. */
  | 'suite'
  /** A bug in fgc. */
  | 'harness';

export type CheckKind =
  | 'status'
  | 'contentType'
  | 'header'
  | 'fhirpath'
  | 'conformsTo'
  | 'minimum'
  | 'paging'
  | 'transport'
  | 'capture';

export interface CheckResult {
  /** Stable id: the check's own `id`, else `<step>.<kind>[n]`. */
  readonly id: string;
  readonly kind: CheckKind;
  /** Human summary of the check, e.g. `Bundle.type equals "searchset"`. */
  readonly description: string;
  readonly severity: Severity;
  readonly requirements: readonly string[];
  /**
   * `error`: the check itself could not be evaluated (a suite or harness fault). `inconclusive`: the check
   * needs every page of a search, but the page limit was reached before the last one.
   */
  readonly outcome: 'pass' | 'fail' | 'error' | 'inconclusive';
  /**
   * False when a "no item breaks the rule" check had no item to look at (e.g. no component of that kind):
   * it passed without testing anything, so its requirements are not exercised by it.
   */
  readonly exercised?: false;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Where in the response, e.g. `Bundle.entry[3].resource (Observation/abc)`. */
  readonly location?: string;
  readonly message?: string;
  readonly durationMs: number;
  /** Where the check is written in the suite. */
  readonly loc?: SourceLoc;
  readonly issues?: readonly ValidationIssue[];
  /** Set when a live waiver covers this failing check. */
  readonly waived?: boolean;
}

/** One HTTP request and its response, already redacted. Bodies are text, trimmed to a size limit. */
export interface HttpExchange {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly responseBody?: string;
  /** True when the body stored here was cut to the size limit. */
  readonly responseTruncated?: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Set when no usable response came back (refused, reset, timeout, body too large...). */
  readonly error?: { readonly code: string; readonly message: string };
  /** Earlier attempts of this same request, oldest first; absent when the first attempt was the last. */
  readonly retries?: readonly HttpRetry[];
  /** Redirects the request followed before the answer recorded here, in order; absent when none. */
  readonly redirects?: readonly HttpRedirect[];
}

/** A 3xx answer that the harness followed: the status and where it led. */
export interface HttpRedirect {
  readonly status: number;
  readonly location: string;
}

/** Why a request was sent again, and how long the harness waited before doing so. */
export interface HttpRetry {
  /** e.g. `CONNECTION_RESET: ...`, `429 with Retry-After: 2`, `401: a new access token was obtained`. */
  readonly reason: string;
  readonly waitMs: number;
}

export interface StepResult {
  readonly index: number;
  /** e.g. `GET Observation?subject=...` or `$find-subject-variants (GET)`. */
  readonly name: string;
  /** The genomics operation the step called (code without `$`), when it called one. */
  readonly operation?: string;
  readonly phase: 'setup' | 'scenario' | 'teardown';
  readonly loc: SourceLoc;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly exchanges: readonly HttpExchange[];
  readonly checks: readonly CheckResult[];
  /** Values captured for later steps; `null` when the capture found no value in the response. */
  readonly captures: Readonly<Record<string, unknown>>;
  readonly outcome: 'pass' | 'fail' | 'warn' | 'error' | 'skipped';
}

export interface WaiverApplied {
  readonly reason: string;
  readonly owner: string;
  readonly expires?: string;
}

export interface ScenarioResult {
  readonly suiteId: string;
  readonly scenarioId: string;
  /** `suite/scenario`, plus `[item]` for a forEach item. */
  readonly fullId: string;
  readonly title: string;
  readonly file: string;
  readonly loc: SourceLoc;
  readonly tags: readonly string[];
  readonly severity: Severity;
  readonly requirements: readonly string[];
  /** The genomics operations the scenario's steps call (codes without `$`), whether or not it ran. */
  readonly operations?: readonly string[];
  readonly status: ScenarioStatus;
  /** Why skipped / errored / waived; the first failure's message when failed. For display. */
  readonly reason?: string;
  /** Set when status is `skipped`. */
  readonly skip?: SkipInfo;
  /** Inputs used and the forEach item, for display (already redacted). */
  readonly parameters: Readonly<Record<string, string>>;
  /** 1 + the number of retries used. */
  readonly attempts: number;
  /** Passed only after a retry. */
  readonly flaky: boolean;
  readonly steps: readonly StepResult[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly waiver?: WaiverApplied;
  /** Set when status is `error` (stack only for harness bugs). */
  readonly error?: {
    readonly code: string;
    readonly cause: ErrorCause;
    readonly message: string;
    readonly stack?: string;
  };
}

export interface SuiteResult {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly tags: readonly string[];
  readonly ig?: string;
  readonly setup: readonly StepResult[];
  readonly teardown: readonly StepResult[];
  readonly scenarios: readonly ScenarioResult[];
}

export interface RequirementInfo {
  readonly id: string;
  readonly text: string;
  readonly source: string;
  readonly level: Severity;
  readonly group?: string;
}

export type StatusCounts = Record<ScenarioStatus, number>;

export interface RunResult {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly harness: { readonly name: string; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly target: {
    readonly name: string;
    readonly baseUrl: string;
    readonly embedded?: string;
    readonly faults?: readonly string[];
  };
  readonly options: {
    readonly concurrency: number;
    readonly retries: number;
    readonly strict: boolean;
    /** --allow-incomplete: an Incomplete verdict exits 0. */
    readonly allowIncomplete?: boolean;
    readonly grep?: string;
    readonly tags?: readonly string[];
    readonly excludeTags?: readonly string[];
    readonly shard?: string;
  };
  /** What the run read: the exact suite files, requirements catalog and config (for the evidence bundle). */
  readonly sources: {
    readonly suiteFiles: readonly string[];
    readonly requirementsFile?: string;
    readonly configFile?: string;
  };
  /** The CapabilityStatement read at preflight: operation codes the server claims. */
  readonly claimedOperations?: readonly string[];
  readonly igPackages: readonly { readonly id: string; readonly version: string; readonly sha256?: string }[];
  readonly requirements: readonly RequirementInfo[];
  readonly suites: readonly SuiteResult[];
  readonly totals: StatusCounts;
  /** Run-level warnings (e.g. insecure TLS, expired waivers). */
  readonly warnings: readonly string[];
  /** Set when a signal stopped the run early (Ctrl-C, or a CI job's SIGTERM): later scenarios did not run. */
  readonly interrupted?: InterruptSignal;
  /** See src/results/policy.ts (runExitCode). */
  readonly exitCode: RunExitCode;
}
