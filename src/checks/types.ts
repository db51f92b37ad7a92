// What an assertion operator is: a planned check built from a step's `expect`, evaluated against one
// response into a Verdict. Operators are pure and never throw on a mismatch.
import type { CheckKind } from '../results/model.js';
import type { BodySpec, Severity } from '../model/suite.js';
import type { SourceLoc } from '../common/source-loc.js';
import type { ProfileValidator, ValidationIssue } from '../model/validation.js';
import type { FhirpathEnv } from '../fhirpath/evaluate.js';

export interface Verdict {
  readonly outcome: 'pass' | 'fail' | 'error' | 'inconclusive';
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Where in the response, e.g. `Bundle.entry[3].resource = Observation/abc`. */
  readonly location?: string;
  /** Full human text: the check, expected, actual and where. */
  readonly message?: string;
  readonly issues?: readonly ValidationIssue[];
  /** False when a "no item breaks the rule" check had no item to judge (see CheckResult.exercised). */
  readonly exercised?: false;
}

/** The response as the checks see it (the body parsed once; merged across pages for `page: all`). */
export interface ResponseView {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface CheckContext {
  readonly response: ResponseView;
  readonly env: FhirpathEnv;
  /** Substitutes `${...}` in an expected value. */
  substitute(value: unknown): unknown;
  /** The content of a BodySpec (fixture or inline), already substituted. */
  resolveBody(spec: BodySpec): unknown;
  readonly lenientContentType: boolean;
  readonly validator?: ProfileValidator;
}

export interface PlannedCheck {
  readonly kind: CheckKind;
  /** The author's id (overrides the generated `<step>.<kind>[n]`). */
  readonly id?: string;
  readonly description: string;
  readonly severity?: Severity;
  readonly requirements?: readonly string[];
  readonly message?: string;
  readonly loc?: SourceLoc;
  /** True when the check reads the body (so the body must be JSON). */
  readonly readsBody: boolean;
  /**
   * True when a failure found on some pages of a search is a failure of the whole result ("no item breaks
   * the rule"). Other checks cannot fail on a result cut short by the page limit: they end inconclusive.
   */
  readonly holdsPerItem?: boolean;
  run(ctx: CheckContext): Verdict;
}
