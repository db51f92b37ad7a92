// What `fgc run` asks of a run (from its flags), and what a run gives back.
import type { LiveConsole } from '../reporters/mocha/bridge.js';
import type { RunResult } from '../results/model.js';
import type { InputGap } from '../suite/input-gaps.js';
import type { Selection } from './select.js';
import type { Shard } from './shard.js';

export interface RunOptions {
  readonly cwd: string;
  /** Suite files or folders; empty = every suite under <cwd>/suites. */
  readonly suitePaths: readonly string[];
  readonly targetSpec: string;
  readonly reportsDir: string;
  readonly concurrency: number;
  readonly retries: number;
  /** --timeout: per-request limit (a scenario's own `timeoutMs` limits the whole scenario). */
  readonly timeoutMs?: number;
  readonly strict: boolean;
  /** --allow-incomplete: an Incomplete verdict (untested requirements) exits 0. */
  readonly allowIncomplete?: boolean;
  readonly bail: boolean;
  readonly selection: Selection;
  /** `--shard i/n`: only the suites that fall in this shard. */
  readonly shard?: Shard;
  /** `--rate-limit`: requests a second across the whole run. */
  readonly rateLimitPerSecond?: number;
  /** Fault switches for the embedded reference server. */
  readonly faults: readonly string[];
  /** Live console output (`--reporter`, `--verbose`), or none. */
  readonly console: LiveConsole | false;
  /** Aborted (reason 'SIGINT' or 'SIGTERM') to stop early: no new scenario starts, and the reports are written. */
  readonly stop?: AbortSignal;
  /** Aborted after `stop` to cancel the requests still running: their scenarios end as skipped. */
  readonly cancel?: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  readonly run: RunResult;
  /** Files written so far (results, summary, JUnit, Allure results). */
  readonly files: string[];
  readonly reportsDir: string;
  /** The config's secret values, so later reports can be scrubbed too. */
  readonly secrets: readonly string[];
  /** The run's redactor, which also knows the tokens obtained during the run. */
  readonly redact: (text: string) => string;
  /** The inputs the run's scenarios needed and the target did not supply, with what each would unlock. */
  readonly inputGaps: readonly InputGap[];
}
