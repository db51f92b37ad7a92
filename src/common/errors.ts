// Error types with stable codes. A check mismatch is not an exception (see CheckResult); these are for
// problems that stop a load, a request or the harness itself.
import type { SourceLoc } from './source-loc.js';
import { formatLoc } from './source-loc.js';

export type SuiteErrorCode =
  | 'YAML_SYNTAX'
  | 'SCHEMA'
  | 'FHIRPATH_SYNTAX'
  | 'UNDECLARED_VARIABLE'
  | 'FIXTURE_MISSING'
  | 'FIXTURE_OUTSIDE_SUITES'
  | 'UNKNOWN_REQUIREMENT'
  | 'DUPLICATE_ID'
  | 'CONFIG'
  | 'CONFIG_MISSING'
  | 'ENV_MISSING'
  | 'SEVERITY_STRICTER'
  | 'PLACEHOLDER'
  // Warnings: suites that load and run, but whose verdict could mislead.
  | 'SUBSET_DUPLICATES'
  | 'ORDER_DEPENDENT_CAPTURE'
  | 'REQUIREMENT_UNCHECKED'
  | 'UNKNOWN_MODEL_NAME';

/** A mistake in a suite, the requirements catalog or a config file. Printed as `file:line:col: message [CODE]`. */
export class SuiteError extends Error {
  constructor(
    readonly code: SuiteErrorCode,
    message: string,
    readonly loc: SourceLoc,
  ) {
    super(message);
    this.name = 'SuiteError';
  }

  format(): string {
    return `${formatLoc(this.loc)}: ${this.message} [${this.code}]`;
  }
}

/** Load errors in file order, then by line and column. */
export function sortErrors(errors: readonly SuiteError[]): SuiteError[] {
  return [...errors].sort(
    (a, b) => a.loc.file.localeCompare(b.loc.file) || a.loc.line - b.loc.line || a.loc.col - b.loc.col,
  );
}

/** Many load errors reported together (the loader collects them all rather than stopping at the first). */
export class SuiteErrors extends Error {
  constructor(readonly errors: readonly SuiteError[]) {
    super(errors.map((e) => e.format()).join('\n'));
    this.name = 'SuiteErrors';
  }
}

export type ServerFaultCode =
  | 'CONNECTION_REFUSED'
  | 'CONNECTION_RESET'
  | 'TIMEOUT'
  | 'DNS'
  | 'TLS'
  | 'BODY_TOO_LARGE'
  | 'NOT_JSON'
  | 'INVALID_JSON'
  | 'EMPTY_BODY'
  | 'BAD_ENCODING'
  | 'SERVER_ERROR'
  | 'PAGING_LOOP'
  | 'PAGE_LIMIT'
  | 'AUTH'
  | 'RATE_LIMITED'
  | 'NETWORK'
  // Not the server's doing: the harness cancelled the request (the run was interrupted).
  | 'CANCELLED';

/** The target did not answer usably. The scenario fails (or, at preflight, the run exits 3). */
export class ServerFault extends Error {
  constructor(
    readonly code: ServerFaultCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServerFault';
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An invariant the harness broke. The scenario becomes `error`, the stack is kept. */
export class HarnessBug extends Error {
  readonly code = 'HARNESS_BUG';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessBug';
  }
}

/**
 * A fault in a suite discovered while running it (unknown fixture, a variable with no value, a URL outside the
 * target). It makes the scenario `error`, without a stack: the suite author has to fix the suite.
 */
export type EngineErrorCode =
  | 'UNKNOWN_FIXTURE'
  | 'UNSET_VARIABLE'
  | 'URL_OUTSIDE_TARGET'
  | 'BAD_PARAMETER'
  | 'BAD_REGEX'
  | 'BAD_EXPECTATION'
  | 'BAD_STEP';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly loc?: SourceLoc,
  ) {
    super(loc ? `${formatLoc(loc)}: ${message}` : message);
    this.name = 'EngineError';
  }
}
