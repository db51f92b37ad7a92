// What a reporter is. Every output of fgc is one of two kinds, and every one of them is listed in the
// registry (registry.ts): a console reporter, which `fgc run --reporter` chooses, or a file reporter, which
// writes files into the reports folder from a finished RunResult.
import type Mocha from 'mocha';
import type { RunResult, ScenarioResult } from '../results/model.js';

/** Where the mocha bridge leaves each test's finished result for the live console reporter. */
export type ResultsByTest = WeakMap<Mocha.Runnable, ScenarioResult>;

/** A mocha reporter to run beside Allure's while the scenarios are reported, with its options. */
export type LiveMochaReporter = [Mocha.ReporterConstructor, Record<string, unknown>];

export interface ConsoleReporter {
  readonly kind: 'console';
  /** Its `--reporter` name. */
  readonly name: string;
  /** One phrase for `fgc run --help`. */
  readonly description: string;
  /** Its output on stdout is for programs (JSON, TAP): fgc's own lines then go to stderr. */
  readonly machine: boolean;
  /** After it, the end of the run shows only the verdict, the counts and the exit code. */
  readonly brief: boolean;
  /** The mocha reporter that shows each scenario as it is reported; absent when it shows nothing live. */
  live?(options: { results: ResultsByTest; verbose: boolean }): LiveMochaReporter[];
  /** What it prints on stdout when the run and its reports are done. */
  end?(run: RunResult, files: readonly string[]): string;
}

/** What a file reporter knows besides the run. */
export interface ReportContext {
  /** The reports folder. */
  readonly dir: string;
  /** Removes every secret of the run from a text about to be written. */
  readonly scrub: (text: string) => string;
  /** The secret values themselves (the evidence bundle refuses any file that still holds one). */
  readonly secrets: readonly string[];
  /** The run's own redactor, which also knows tokens learned at run time. */
  readonly redact?: (text: string) => string;
  /** Where relative paths in run.sources are resolved. */
  readonly cwd?: string;
  readonly env: NodeJS.ProcessEnv;
  /** The scenarios were reported live by this process (so allure-results/ already holds them). */
  readonly reportedLive: boolean;
  /** Build Allure HTML (it needs Java, and seconds): false for --no-allure and after an interruption. */
  readonly allureHtml: boolean;
  /** Every file of the registry that goes into the evidence bundle, when present. */
  readonly bundled: readonly string[];
}

export interface Written {
  readonly written: string[];
  /** Why something was not written; the other reports are written all the same. */
  readonly warnings?: string[];
}

export interface FileReporter {
  readonly kind: 'file';
  readonly name: string;
  /** Everything it writes in the reports folder (files and folders). */
  readonly files: readonly string[];
  /** Which of its files go into the evidence bundle. */
  readonly bundled: readonly string[];
  /**
   * Written at the end of every run, also with --no-report, and by `fgc report`. A run rewrites these
   * whatever happens, so it does not remove them first.
   */
  writeResults?(run: RunResult, ctx: ReportContext): Promise<Written>;
  /**
   * Written after the run unless --no-report, and by `fgc report`. A new run removes the files of these
   * reporters when its scenarios start, so no report of the last run survives beside this run's results.
   */
  writeReport?(run: RunResult, ctx: ReportContext): Promise<Written>;
}

export type Reporter = ConsoleReporter | FileReporter;
