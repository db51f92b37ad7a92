// Everything built from a finished run: the conformance report (HTML + Markdown), FHIR TestReports,
// Allure HTML and the evidence bundle. The runner calls writeRunReports after a run; `fgc report` too.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../model/results.js';
import { buildAllureHtml } from './allure-html.js';
import { renderConformanceHtml } from './conformance-html.js';
import { renderConformanceMarkdown } from './conformance-md.js';
import { EvidenceError, writeEvidenceBundle } from './evidence.js';
import type { Reporter } from './reporter.js';
import { runSecrets, secretScanner, type SecretScanner } from './secrets.js';
import { testReports } from './testreport.js';
import { verdict } from './analysis.js';
import { formatDate } from './report-format.js';

import {
  ALLURE_REPORT_DIR,
  CONFORMANCE_HTML,
  CONFORMANCE_MD,
  TESTREPORT_DIR,
} from '../model/report-files.js';

export { CONFORMANCE_HTML, CONFORMANCE_MD, TESTREPORT_DIR };

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
  /** Where the run wrote results.json, junit.xml and allure-results/, when not reportsDir (`fgc report --out`). */
  readonly resultsDir?: string;
  /** Write the evidence bundle (default true). */
  readonly bundle?: boolean;
}

async function writeText(file: string, text: string, scanner: SecretScanner): Promise<string> {
  await writeFile(file, scanner.scrub(text));
  return file;
}

/** The conformance report as a Reporter (HTML and Markdown). */
export function conformanceReporter(scanner: SecretScanner = secretScanner([])): Reporter {
  return {
    name: 'conformance',
    async write(run, outDir) {
      await mkdir(outDir, { recursive: true });
      return [
        await writeText(join(outDir, CONFORMANCE_HTML), renderConformanceHtml(run), scanner),
        await writeText(join(outDir, CONFORMANCE_MD), renderConformanceMarkdown(run), scanner),
      ];
    },
  };
}

/** FHIR TestReports (one JSON file per suite, in testreports/) as a Reporter. */
export function testReportReporter(scanner: SecretScanner = secretScanner([])): Reporter {
  return {
    name: 'testreport',
    async write(run, outDir) {
      const dir = join(outDir, TESTREPORT_DIR);
      // Only this run's suites: a TestReport left from an earlier run would end up in the evidence bundle.
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const written: string[] = [];
      for (const report of testReports(run)) {
        written.push(
          await writeText(join(dir, `${report.id}.json`), `${JSON.stringify(report, null, 2)}\n`, scanner),
        );
      }
      return written;
    },
  };
}

/** Allure's Environment panel (environment.properties) and Executors panel (executor.json). */
async function writeAllureEnvironment(
  run: RunResult,
  resultsDir: string,
  scanner: SecretScanner,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (!existsSync(resultsDir)) return;
  const v = verdict(run);
  const props = [
    ['Site', run.target.name],
    ['Target', run.target.baseUrl],
    ...(run.target.faults?.length ? [['Injected faults', run.target.faults.join(', ')]] : []),
    ['Verdict', v.headline],
    ['Coverage', v.coverageText],
    ['Strict', run.options.strict ? 'yes (SHOULD failures fail)' : 'no'],
    ['Harness', `${run.harness.name} ${run.harness.version}`],
    ...run.igPackages.map((p) => [`IG ${p.id}`, p.version]),
  ];
  const escape = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/([=:])/g, '\\$1');
  await writeText(
    join(resultsDir, 'environment.properties'),
    props.map(([k, v]) => `${escape(k!)}=${escape(v!)}\n`).join(''),
    scanner,
  );
  await writeText(
    join(resultsDir, 'executor.json'),
    `${JSON.stringify(allureExecutor(run, env), null, 2)}\n`,
    scanner,
  );
}

/** Who ran the tests, for Allure's Executors panel: the CI job when there is one, else fgc itself. */
export function allureExecutor(run: RunResult, env: NodeJS.ProcessEnv): Record<string, string> {
  const reportName = `Conformance: ${run.target.name}`;
  if (env.GITHUB_ACTIONS && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
      name: 'GitHub Actions',
      type: 'github',
      buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID}`,
      buildUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
      reportName,
    };
  }
  if (env.GITLAB_CI && env.CI_JOB_URL) {
    return {
      name: 'GitLab CI',
      type: 'gitlab',
      buildName: `${env.CI_PROJECT_PATH ?? 'pipeline'} #${env.CI_PIPELINE_IID ?? env.CI_JOB_ID ?? ''}`,
      buildUrl: env.CI_JOB_URL,
      reportName,
    };
  }
  if (env.JENKINS_URL && env.BUILD_URL) {
    return {
      name: 'Jenkins',
      type: 'jenkins',
      buildName: `${env.JOB_NAME ?? 'job'} #${env.BUILD_NUMBER ?? ''}`,
      buildUrl: env.BUILD_URL,
      reportName,
    };
  }
  return {
    name: `${run.harness.name} ${run.harness.version}`,
    type: env.CI ? 'ci' : 'local',
    buildName: `${run.target.name} ${formatDate(run.startedAt)}`,
    reportName,
  };
}

/**
 * Writes every report derived from a run into reportsDir. Problems that leave one report out (no Java,
 * a secret found in a file to be bundled) become warnings; the other reports are still written.
 */
export async function writeRunReports(
  run: RunResult,
  reportsDir: string,
  options: RunReportOptions,
): Promise<{ written: string[]; warnings: string[] }> {
  await mkdir(reportsDir, { recursive: true });
  const secrets = await runSecrets(run.sources.configFile, options);
  const scanner = secretScanner(secrets, options.redact);
  const written: string[] = [];
  const warnings: string[] = [];
  for (const reporter of [conformanceReporter(scanner), testReportReporter(scanner)]) {
    written.push(...(await reporter.write(run, reportsDir)));
  }
  const allureResults = join(options.resultsDir ?? reportsDir, 'allure-results');
  await writeAllureEnvironment(run, allureResults, scanner, options.env ?? process.env);
  if (options.allure) {
    const allure = await buildAllureHtml(allureResults, join(reportsDir, ALLURE_REPORT_DIR), {
      env: options.env,
    });
    written.push(...allure.written);
    if (allure.warning) warnings.push(allure.warning);
  }
  if (options.bundle ?? true) {
    try {
      const bundle = await writeEvidenceBundle(run, reportsDir, { ...options, secrets });
      written.push(bundle.file);
      warnings.push(...bundle.warnings);
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err;
      warnings.push(err.message);
    }
  }
  return { written, warnings };
}
