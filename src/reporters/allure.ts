// Allure: allure-results/ (one result file per scenario, written live through mocha while a run goes, or
// replayed from results.json by `fgc report`), its Environment and Executors panels, and Allure HTML built
// from them (allure-report/ and the single file allure-report.html; needs Java).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALLURE_REPORT_DIR, ALLURE_REPORT_HTML, ALLURE_RESULTS_DIR } from '../results/report-files.js';
import type { RunResult } from '../results/model.js';
import { buildAllureHtml } from './allure-html.js';
import { verdict } from './analysis.js';
import { replayThroughMocha } from './mocha/bridge.js';
import { formatDate } from './report-format.js';
import type { FileReporter, ReportContext } from './reporter.js';
import { writeScrubbed } from './file-reporter.js';

export const allureReporter: FileReporter = {
  kind: 'file',
  name: 'allure',
  files: [ALLURE_RESULTS_DIR, ALLURE_REPORT_DIR, ALLURE_REPORT_HTML],
  bundled: [ALLURE_RESULTS_DIR, ALLURE_REPORT_HTML],
  async writeResults(run, ctx) {
    if (!ctx.reportedLive) await replayThroughMocha(run, ctx.dir);
    return { written: [join(ctx.dir, ALLURE_RESULTS_DIR)] };
  },
  async writeReport(run, ctx) {
    await writeAllureEnvironment(run, ctx);
    if (!ctx.allureHtml) return { written: [] };
    const html = await buildAllureHtml(join(ctx.dir, ALLURE_RESULTS_DIR), join(ctx.dir, ALLURE_REPORT_DIR), {
      env: ctx.env,
    });
    return { written: html.written, ...(html.warning ? { warnings: [html.warning] } : {}) };
  },
};

/** Allure's Environment panel (environment.properties) and Executors panel (executor.json). */
async function writeAllureEnvironment(run: RunResult, ctx: ReportContext): Promise<void> {
  if (!existsSync(join(ctx.dir, ALLURE_RESULTS_DIR))) return;
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
  await writeScrubbed(
    ctx,
    join(ALLURE_RESULTS_DIR, 'environment.properties'),
    props.map(([k, v]) => `${escape(k!)}=${escape(v!)}\n`).join(''),
  );
  await writeScrubbed(
    ctx,
    join(ALLURE_RESULTS_DIR, 'executor.json'),
    `${JSON.stringify(allureExecutor(run, ctx.env), null, 2)}\n`,
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
