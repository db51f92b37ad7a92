// The validated, read-only suite model: what the loader (src/suite/) produces from YAML and what
// the engine executes. Nothing here refers to YAML nodes; every element keeps its SourceLoc.
import type { SourceLoc } from '../common/source-loc.js';

export type Severity = 'SHALL' | 'SHOULD' | 'MAY';

/** A FHIRPath expression compiled once at load time (R4 model). */
export interface CompiledExpression {
  readonly source: string;
  readonly loc: SourceLoc;
  /** Evaluates against a resource; `env` holds %inputs and captured variables. */
  evaluate(resource: unknown, env: Record<string, unknown>): unknown[];
}

/** A string that may contain `${inputs.x}` / `${name}` references, substituted by the engine. */
export type Template = string;

export interface InputDeclaration {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'list' | 'number' | 'boolean';
  readonly required: boolean;
  readonly loc: SourceLoc;
}

export interface Fixture {
  readonly id: string;
  /** Absolute path of the fixture file (already checked to be inside suites/). */
  readonly path: string;
  readonly content: unknown;
  readonly loc: SourceLoc;
}

export interface CapabilityRequirements {
  readonly resources: readonly string[];
  readonly searchParams: Readonly<Record<string, readonly string[]>>;
  readonly operations: readonly string[];
}

/** Inline value or a fixture reference, for request bodies and `minimum`. */
export type BodySpec = { readonly fixture: string } | { readonly inline: unknown };

export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  readonly path: Template;
  /** A list value repeats the parameter. */
  readonly query: Readonly<Record<string, Template | readonly Template[]>>;
  readonly headers: Readonly<Record<string, Template>>;
  readonly body?: BodySpec;
  readonly page?: 'all';
  readonly maxPages?: number;
}

export interface OperationSpec {
  /** Operation code without `$`, e.g. `find-subject-variants`. */
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly via?: 'GET' | 'POST';
}

/**
 * The FHIRPath assertion operators, by name. The operator table (src/checks/operators.ts) fills this interface
 * in by declaration merging, so that table is the one list of operators and the model imports nothing from
 * checks/.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FhirpathOperators {}
export type FhirpathOperator = keyof FhirpathOperators;

export interface FhirpathCheck {
  readonly id?: string;
  readonly that: CompiledExpression;
  readonly operator: FhirpathOperator;
  /** The operand as written (templates inside strings are substituted at run time). */
  readonly value: unknown;
  readonly message?: string;
  readonly severity?: Severity;
  readonly requirements?: readonly string[];
  /**
   * For a check of the shape "no item breaks the rule" (`X.where(bad)` is empty, `X.all(good)` is true,
   * per-item operators): the items the rule is about (`X`). When they are absent the check passes without
   * testing anything, and its requirements are not exercised by it.
   */
  readonly over?: CompiledExpression;
  readonly loc: SourceLoc;
}

/**
 * The requirements a status, content type or profile check tests, named on the check itself, and the
 * severity their catalog levels give it (the strictest).
 */
export interface OwnTrace {
  readonly requirements: readonly string[];
  readonly severity: Severity;
}

export interface ConformsToSpec {
  readonly profile: string;
  readonly select?: CompiledExpression;
  readonly minimum?: number;
  /** Unset: the check tests its scenario's requirements. */
  readonly trace?: OwnTrace;
  readonly loc: SourceLoc;
}

export interface MinimumSpec {
  readonly expected: BodySpec;
  readonly select?: CompiledExpression;
  readonly loc: SourceLoc;
}

export interface Expectation {
  /** A number, a list of numbers, or a class like `2xx`. */
  readonly status?: number | readonly number[] | string;
  /**
   * The requirement(s) the status check tests. Unset: a status that admits only 2xx is a prerequisite of
   * the step (no requirement); one that admits an error code is what the scenario tests (its requirements).
   */
  readonly statusTrace?: OwnTrace;
  readonly contentType?: string;
  /** The requirement(s) the content type check tests (unset: it is only a prerequisite of the step). */
  readonly contentTypeTrace?: OwnTrace;
  readonly headers: Readonly<Record<string, string>>;
  readonly headerExists: readonly string[];
  readonly fhirpath: readonly FhirpathCheck[];
  readonly conformsTo?: ConformsToSpec;
  readonly minimum?: MinimumSpec;
  readonly loc: SourceLoc;
}

export interface Step {
  readonly request?: RequestSpec;
  readonly operation?: OperationSpec;
  readonly capture: Readonly<Record<string, CompiledExpression>>;
  readonly captureList: Readonly<Record<string, CompiledExpression>>;
  /**
   * The resources the scenario is about: when this selects nothing in the response, the scenario is skipped
   * as "no data" (and its requirements are not exercised) instead of passing on nothing.
   */
  readonly requireData?: CompiledExpression;
  readonly expect?: Expectation;
  readonly loc: SourceLoc;
}

export interface Scenario {
  readonly id: string;
  /** `suiteId/scenarioId`. */
  readonly fullId: string;
  readonly title: string;
  readonly requirements: readonly string[];
  /** Its own, else the strictest level of its requirements, else SHALL. */
  readonly severity: Severity;
  readonly tags: readonly string[];
  readonly when?: CompiledExpression;
  readonly forEach?: { readonly in: string; readonly as: string };
  readonly retries?: number;
  readonly timeoutMs?: number;
  readonly steps: readonly Step[];
  /** Inputs this scenario reads (from templates and FHIRPath %inputs), for skipping when unsupplied. */
  readonly usesInputs: readonly string[];
  /** Captures from other scenarios or setup this scenario reads: it runs after the scenarios that set them. */
  readonly usesCaptures: readonly string[];
  /** Captures this scenario sets. */
  readonly setsCaptures: readonly string[];
  /** True when a step creates, updates or deletes (skipped unless the target allows writes). */
  readonly writes: boolean;
  readonly loc: SourceLoc;
}

export interface Suite {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Path of the suite file relative to the working directory. */
  readonly file: string;
  readonly ig?: string;
  readonly tags: readonly string[];
  readonly requires?: CapabilityRequirements;
  readonly inputs: Readonly<Record<string, InputDeclaration>>;
  readonly fixtures: Readonly<Record<string, Fixture>>;
  readonly setup: readonly Step[];
  readonly teardown: readonly Step[];
  readonly scenarios: readonly Scenario[];
  /**
   * Type and element names in its FHIRPath that the R4 model does not know, found when the suite was built
   * (reading them costs parse time, so a cached model keeps them).
   */
  readonly unknownNames: readonly { readonly message: string; readonly loc: SourceLoc }[];
  readonly loc: SourceLoc;
}

export interface Requirement {
  readonly id: string;
  readonly text: string;
  readonly source: string;
  readonly level: Severity;
  /** Optional grouping (profile or operation name) for the conformance report. */
  readonly group?: string;
  readonly loc: SourceLoc;
}

export interface RequirementsCatalog {
  readonly file: string;
  readonly requirements: ReadonlyMap<string, Requirement>;
}
