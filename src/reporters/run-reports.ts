// Writes a finished run's files through the file reporters of the registry, in its order, in two stages:
// the results files (results.json, summary.json, junit.xml, allure-results/) that every run writes at its end,
// and the reports built from them (conformance report, TestReports, Allure HTML, evidence bundle), which
// `--no-report` skips. `fgc run` writes the stages one after the other; `fgc report` writes both.
import { mkdir } from 'node:fs/promises';
import type { RunResult } from '../results/model.js';
import { BUNDLED_FILES, FILE_REPORTERS } from './registry.js';
import type { ReportContext, Written } from './reporter.js';
import { runSecrets, secretScanner } from './secrets.js';

export interface ResultFilesOptions {
  /** The run's redactor (`redactor.text`), applied last to every file; none when rebuilding from results. */
  readonly redact?: (text: string) => string;
  /** The scenarios were just reported live, so allure-results/ already holds them (else it is replayed). */
  readonly reportedLive?: boolean;
}

export interface RunReportOptions {
  /** Build Allure HTML from `<reportsDir>/allure-results` (needs Java). */
  readonly allure: boolean;
  /** Every value the run redacted (TargetConfig.secrets): scrubbed from every report, refused in the bundle. */
  readonly secrets?: readonly string[];
  /** The run's redactor (`redactor.text`): it also knows tokens learned at run time. Applied to every file written. */
  readonly redact?: (text: string) => string;
  /** Where relative paths in run.sources are resolved (default: the working directory). */
  readonly cwd?: string;
  /** Values of `${env.X}` in the config are secrets too (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Write the evidence bundle (default true). */
  readonly bundle?: boolean;
}

/** results.json, summary.json, junit.xml and allure-results/; returns the paths written. */
export async function writeResultFiles(
  run: RunResult,
  reportsDir: string,
  options: ResultFilesOptions = {},
): Promise<string[]> {
  const ctx: ReportContext = {
    dir: reportsDir,
    scrub: options.redact ?? ((text) => text),
    secrets: [],
    env: process.env,
    reportedLive: options.reportedLive ?? false,
    allureHtml: false,
    bundled: BUNDLED_FILES,
  };
  await mkdir(reportsDir, { recursive: true });
  const { written } = await writeStage(run, ctx, 'writeResults');
  return written;
}

/**
 * Writes every report built from a run into reportsDir. Problems that leave one report out (no Java,
 * a secret found in a file to be bundled) become warnings; the other reports are still written.
 */
export async function writeRunReports(
  run: RunResult,
  reportsDir: string,
  options: RunReportOptions,
): Promise<{ written: string[]; warnings: string[] }> {
  await mkdir(reportsDir, { recursive: true });
  const secrets = await runSecrets(run.sources.configFile, options);
  const ctx: ReportContext = {
    dir: reportsDir,
    scrub: secretScanner(secrets, options.redact).scrub,
    secrets,
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    env: options.env ?? process.env,
    reportedLive: true,
    allureHtml: options.allure,
    bundled: BUNDLED_FILES,
  };
  const skipped = options.bundle === false ? ['evidence'] : [];
  return writeStage(run, ctx, 'writeReport', skipped);
}

async function writeStage(
  run: RunResult,
  ctx: ReportContext,
  stage: 'writeResults' | 'writeReport',
  skipped: readonly string[] = [],
): Promise<{ written: string[]; warnings: string[] }> {
  const written: string[] = [];
  const warnings: string[] = [];
  for (const reporter of FILE_REPORTERS) {
    const write = reporter[stage];
    if (!write || skipped.includes(reporter.name)) continue;
    const out: Written = await write.call(reporter, run, ctx);
    written.push(...out.written);
    warnings.push(...(out.warnings ?? []));
  }
  return { written, warnings };
}
