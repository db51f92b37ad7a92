// What the tasks of a run share: the options, what each task found or made for the later ones, and the
// run-level warnings they gather. Each field is set by one task (named beside it) and read by later ones.
import type { EngineContext, PlannedScenario, SuiteRun } from '../engine/index.js';
import type { HttpClient } from '../http/client.js';
import type { Redactor } from '../http/redact.js';
import type { RequirementsCatalog, Suite } from '../model/suite.js';
import type { TargetConfig } from '../model/target.js';
import type { InputGap } from '../suite/input-gaps.js';
import type { RunResult, SuiteResult } from '../results/model.js';
import type { RunOptions } from './run-options.js';

export interface PlannedSuite {
  readonly suite: Suite;
  readonly run: SuiteRun;
  readonly planned: readonly PlannedScenario[];
}

export class RunState {
  readonly startedAt = new Date();
  /** Run-level warnings (insecure TLS, no CapabilityStatement, placeholders, expired waivers...). */
  readonly warnings: string[] = [];
  /** load: the target config, the suites and the requirements catalog. */
  loaded?: { readonly target: TargetConfig; readonly suites: Suite[]; readonly catalog: RequirementsCatalog };
  /** embedded server: the reference server the target names, when it names one. */
  server?: { readonly baseUrl: string; close(): Promise<void> };
  /** HTTP client: where requests go, the client, and the redactor every stored exchange passes through. */
  connection?: { readonly baseUrl: string; readonly http: HttpClient; readonly redactor: Redactor };
  /** preflight: the operations the CapabilityStatement claims (absent without one). */
  claimedOperations?: string[];
  /** preflight and validator: what the engine needs to run scenarios. */
  engine?: EngineContext;
  /** plan: the selected scenarios of this shard, per suite, and the inputs they lack. */
  plans?: PlannedSuite[];
  inputGaps?: InputGap[];
  /** remove stale reports: settles when the last run's reports, set aside, are deleted. */
  staleRemoved?: Promise<void>;
  /** run scenarios: what mocha reported. */
  reported?: SuiteResult[];
  /** write results: the run and the files written. */
  run?: RunResult;
  files?: string[];

  constructor(readonly options: RunOptions) {}
}
