// FHIR R4 TestReport resources, one per suite: scenarios become tests, steps operations, checks asserts.
import { createHash } from 'node:crypto';
import type { CheckResult, RunResult, ScenarioResult, StepResult, SuiteResult } from '../results/model.js';
import { mdText } from './conformance-md.js';
import { slug } from './report-format.js';
import { checkEffect, SKIP_LABEL, type CheckEffect } from '../results/policy.js';
import { CHECK_DISPLAY } from '../results/display.js';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TESTREPORT_DIR } from '../results/report-files.js';
import type { FileReporter } from './reporter.js';
import { writeScrubbed } from './file-reporter.js';

type ActionResult = 'pass' | 'skip' | 'fail' | 'warning' | 'error';

interface Action {
  operation?: { result: ActionResult; message?: string };
  assert?: { result: ActionResult; message?: string };
}

export interface TestReportResource {
  resourceType: 'TestReport';
  id: string;
  [key: string]: unknown;
}

const STEP_RESULT: Record<StepResult['outcome'], ActionResult> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  error: 'error',
  skipped: 'skip',
};

/** TestReport has no "information" or "waived": they are a pass and a warning that say so in the message. */
const EFFECT_RESULT: Record<CheckEffect, ActionResult> = {
  pass: 'pass',
  info: 'pass',
  fail: 'fail',
  warn: 'warning',
  waived: 'warning',
  error: 'error',
  inconclusive: 'skip',
};

function assertMessage(check: CheckResult, strict: boolean): string {
  const effect = checkEffect(check, strict);
  const parts = [`${check.severity} ${check.description}`];
  if (check.requirements.length) parts.push(`requirements ${check.requirements.join(', ')}`);
  if (check.exercised === false) parts.push('nothing to check (not exercised)');
  if (check.outcome !== 'pass') {
    parts.push(CHECK_DISPLAY[effect].word);
    if (check.expected !== undefined) parts.push(`expected ${JSON.stringify(check.expected)}`);
    if (check.actual !== undefined) parts.push(`actual ${JSON.stringify(check.actual)}`);
    if (check.location) parts.push(`at ${check.location}`);
    if (check.message) parts.push(check.message);
  }
  return mdText(parts.join('; '));
}

function stepActions(step: StepResult, strict: boolean): Action[] {
  const requests = step.exchanges.map((x) => `${x.method} ${x.url} → ${x.error ? x.error.code : x.status}`);
  return [
    {
      operation: { result: STEP_RESULT[step.outcome], message: mdText([step.name, ...requests].join('; ')) },
    },
    ...step.checks.map((c) => ({
      assert: { result: EFFECT_RESULT[checkEffect(c, strict)], message: assertMessage(c, strict) },
    })),
  ];
}

const SCENARIO_RESULT: Record<ScenarioResult['status'], ActionResult> = {
  passed: 'pass',
  failed: 'fail',
  warned: 'warning',
  skipped: 'skip',
  waived: 'warning',
  error: 'error',
};

function scenarioTest(sc: ScenarioResult, strict: boolean): Record<string, unknown> {
  const actions = sc.steps.flatMap((step) => stepActions(step, strict));
  const why = [
    sc.status,
    sc.skip && SKIP_LABEL[sc.skip.kind],
    sc.reason,
    sc.error && `${sc.error.code}: ${sc.error.message}`,
  ]
    .filter(Boolean)
    .join(': ');
  // A test needs at least one action; a scenario that never ran gets one that says why.
  if (actions.length === 0)
    actions.push({ operation: { result: SCENARIO_RESULT[sc.status], message: mdText(why) } });
  return {
    name: sc.title,
    description: mdText(
      `${sc.fullId} (${why})${sc.requirements.length ? `; requirements ${sc.requirements.join(', ')}` : ''}`,
    ),
    action: actions,
  };
}

/** A FHIR id ([A-Za-z0-9-.]{1,64}) for a suite, kept unique with a short hash when cut. */
export function testReportId(suiteId: string): string {
  const base = slug(suiteId.replace(/\//g, '.'));
  if (base.length <= 64) return base;
  return `${base.slice(0, 55)}-${createHash('sha256').update(suiteId).digest('hex').slice(0, 8)}`;
}

export function suiteTestReport(run: RunResult, suite: SuiteResult): TestReportResource {
  const statuses = suite.scenarios.map((s) => s.status);
  const executed = statuses.filter((s) => s !== 'skipped');
  const result = statuses.some((s) => s === 'failed' || s === 'error')
    ? 'fail'
    : executed.length
      ? 'pass'
      : 'pending';
  const passed = executed.filter((s) => s === 'passed' || s === 'warned' || s === 'waived').length;
  const report: TestReportResource = {
    resourceType: 'TestReport',
    id: testReportId(suite.id),
    identifier: { system: 'urn:fgc:suite-run', value: `${suite.id}@${run.startedAt}` },
    name: suite.title,
    status: 'completed',
    testScript: {
      identifier: { system: 'urn:fgc:suite', value: suite.id },
      display: `${suite.title} (${suite.file})`,
    },
    result,
    ...(executed.length ? { score: Math.round((passed / executed.length) * 1000) / 10 } : {}),
    tester: `${run.harness.name} ${run.harness.version}`,
    issued: run.finishedAt,
    participant: [
      {
        type: 'test-engine',
        uri: `urn:fgc:${run.harness.version}`,
        display: `${run.harness.name} ${run.harness.version}`,
      },
      { type: 'server', uri: run.target.baseUrl, display: run.target.name },
    ],
  };
  const strict = run.options.strict;
  if (suite.setup.length) report.setup = { action: suite.setup.flatMap((s) => stepActions(s, strict)) };
  if (suite.scenarios.length) report.test = suite.scenarios.map((sc) => scenarioTest(sc, strict));
  // Teardown actions may only hold operations.
  if (suite.teardown.length) {
    report.teardown = {
      action: suite.teardown.map((s) => ({ operation: stepActions(s, strict)[0]!.operation })),
    };
  }
  return report;
}

export function testReports(run: RunResult): TestReportResource[] {
  return run.suites.map((s) => suiteTestReport(run, s));
}

/** One JSON file per suite, in testreports/. */
export const testReportReporter: FileReporter = {
  kind: 'file',
  name: 'testreport',
  files: [TESTREPORT_DIR],
  bundled: [TESTREPORT_DIR],
  async writeReport(run, ctx) {
    // Only this run's suites: a TestReport left from an earlier run would end up in the evidence bundle.
    await rm(join(ctx.dir, TESTREPORT_DIR), { recursive: true, force: true });
    await mkdir(join(ctx.dir, TESTREPORT_DIR), { recursive: true });
    const written: string[] = [];
    for (const report of testReports(run)) {
      const text = `${JSON.stringify(report, null, 2)}\n`;
      written.push(await writeScrubbed(ctx, join(TESTREPORT_DIR, `${report.id}.json`), text));
    }
    return { written };
  },
};
