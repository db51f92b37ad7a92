// One verdict policy, every output: each check outcome × severity (× waiver) goes through the engine's judge
// and then through the console, JUnit, Allure, TestReport, the conformance reports (HTML and Markdown) and a
// shard merge. Each output must say what the policy says: a failed MAY is information everywhere, a warned
// scenario is never a plain green pass, a waived one never a failure.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import type { TestResult } from 'allure-js-commons';
import { judgeAttempt } from '../../src/engine/judge.js';
import type { CheckResult, RunResult, ScenarioResult, ScenarioStatus } from '../../src/results/model.js';
import type { Severity } from '../../src/model/suite.js';
import { checkEffect, type CheckEffect } from '../../src/results/policy.js';
import { mergeRunResults } from '../../src/results/merge.js';
import { renderJunit } from '../../src/reporters/junit.js';
import { suiteTestReport } from '../../src/reporters/testreport.js';
import { renderConformanceMarkdown } from '../../src/reporters/conformance-md.js';
import { renderConformanceHtml } from '../../src/reporters/conformance-html.js';
import { allureStatus, STATUS_LABEL } from '../../src/reporters/mocha/allure-replay.js';
import { allureCheckStatus } from '../../src/reporters/mocha/allure-steps.js';
import { PlainAllureWriter } from '../../src/reporters/mocha/allure-writer.js';
import { scenarioLine } from '../../src/reporters/mocha/status-lines.js';
import { jsonSummary } from '../../src/reporters/json.js';
import { checkResult, scenarioResult, stepResult } from '../helpers/results.js';

interface Case {
  readonly outcome: CheckResult['outcome'];
  readonly severity: Severity;
  readonly waived: boolean;
}

const cases: Case[] = (['pass', 'fail', 'error'] as const).flatMap((outcome) =>
  (['SHALL', 'SHOULD', 'MAY'] as const).flatMap((severity) =>
    [false, true]
      .filter((waived) => !waived || outcome === 'fail')
      .map((waived) => ({ outcome, severity, waived })),
  ),
);

/** What each output must show for a scenario status, by the policy. */
const EXPECTED: Record<
  ScenarioStatus,
  {
    console: string;
    junit: string;
    allure: string;
    testReport: string;
    /** The conformance reports' section that lists it among the failures, if any. */
    section?: string;
  }
> = {
  passed: { console: '✔', junit: 'pass', allure: 'passed', testReport: 'pass' },
  failed: {
    console: '✖',
    junit: 'failure',
    allure: 'failed',
    testReport: 'fail',
    section: 'Failures',
  },
  warned: {
    console: '⚠',
    junit: 'pass',
    allure: 'broken',
    testReport: 'warning',
    section: 'Warnings',
  },
  waived: { console: '≈', junit: 'pass', allure: 'skipped', testReport: 'warning' },
  error: {
    console: '!',
    junit: 'error',
    allure: 'unknown',
    testReport: 'error',
    section: 'Could not be judged',
  },
  skipped: { console: '-', junit: 'skipped', allure: 'skipped', testReport: 'skip' },
};

/** What each output must show for a check's effect, by the policy (an oracle written out, not imported). */
const BY_EFFECT: Record<
  CheckEffect,
  { scenario: ScenarioStatus; allureStep: string; testReport: string; requirement: string }
> = {
  pass: { scenario: 'passed', allureStep: 'passed', testReport: 'pass', requirement: 'passed' },
  info: { scenario: 'passed', allureStep: 'passed', testReport: 'pass', requirement: 'passed' },
  fail: { scenario: 'failed', allureStep: 'failed', testReport: 'fail', requirement: 'failed' },
  warn: { scenario: 'warned', allureStep: 'broken', testReport: 'warning', requirement: 'warned' },
  waived: { scenario: 'waived', allureStep: 'skipped', testReport: 'warning', requirement: 'waived' },
  error: { scenario: 'error', allureStep: 'broken', testReport: 'error', requirement: 'error' },
  inconclusive: {
    scenario: 'skipped',
    allureStep: 'skipped',
    testReport: 'skip',
    requirement: 'not exercised',
  },
};

function runOf(scenario: ScenarioResult, strict = false): RunResult {
  return {
    schemaVersion: 2,
    harness: { name: 'fgc', version: 'test' },
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: '2026-12-03T10:00:01.000Z',
    target: { name: 'site', baseUrl: 'https://fhir.example.org/r4' },
    options: { concurrency: 1, retries: 0, strict },
    sources: { suiteFiles: [] },
    igPackages: [],
    requirements: [{ id: 'REQ', text: 'A rule', source: 'https://example.org', level: 'SHALL' }],
    suites: [
      {
        id: 'demo',
        title: 'demo',
        file: 'suites/demo.yaml',
        tags: [],
        setup: [],
        teardown: [],
        scenarios: [scenario],
      },
    ],
    totals: { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0, [scenario.status]: 1 },
    warnings: [],
    exitCode: 0,
  };
}

function allureWritten(status: ScenarioStatus, strict: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'fgc-allure-'));
  try {
    const result = {
      uuid: 'u1',
      labels: [{ name: STATUS_LABEL, value: status }],
      status: 'passed',
    } as unknown as TestResult;
    new PlainAllureWriter(dir, strict).writeResult(result);
    return (JSON.parse(readFileSync(join(dir, 'u1-result.json'), 'utf8')) as { status: string }).status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function junitOutcomeIn(xml: string): string {
  if (xml.includes('<failure')) return 'failure';
  if (xml.includes('<error')) return 'error';
  if (xml.includes('<skipped')) return 'skipped';
  return 'pass';
}

describe('one verdict policy, every output', () => {
  before(() => {
    Mocha.reporters.Base.useColors = false;
  });

  for (const c of cases) {
    const label = `a ${c.outcome === 'pass' ? 'passing' : c.outcome === 'fail' ? 'failed' : 'erroring'} ${c.severity} check${c.waived ? ' (waived)' : ''}`;
    it(label, () => {
      const check = checkResult({
        id: 'c1',
        outcome: c.outcome,
        severity: c.severity,
        requirements: ['REQ'],
        ...(c.waived ? { waived: true } : {}),
        ...(c.outcome === 'pass' ? {} : { message: 'the rule does not hold' }),
      });
      const step = stepResult({ checks: [check] });
      const waiver = { live: true, applied: { reason: 'known', owner: 'o' }, note: '' };
      const verdict = judgeAttempt({ steps: [step] }, () => (c.waived ? waiver : undefined));
      const scenario = scenarioResult({ requirements: ['REQ'], steps: [step], ...verdict });
      const effect = checkEffect(check);
      const want = EXPECTED[scenario.status];

      // The engine: the scenario status follows the check's effect.
      const byEffect = BY_EFFECT[effect];
      expect(scenario.status, 'engine').to.equal(byEffect.scenario);

      // Console: the symbol of the status; information is shown, never as a failure.
      const line = scenarioLine(scenario);
      expect(line.trimStart().startsWith(want.console), `console: ${line}`).to.equal(true);
      if (effect === 'info') expect(line).to.include('ℹ');

      // The json console reporter (summary.json on stdout).
      const json = JSON.parse(jsonSummary(runOf(scenario), [])) as { scenarios: { status: string }[] };
      expect(json.scenarios[0]!.status, 'json console').to.equal(scenario.status);

      // JUnit.
      const junit = renderJunit(runOf(scenario));
      expect(junitOutcomeIn(junit), 'junit').to.equal(want.junit);
      if (scenario.status === 'warned' || scenario.status === 'waived') {
        expect(junit).to.include(`<property name="fgc.status" value="${scenario.status}"/>`);
        expect(junit).to.include('<system-out>');
      }
      if (effect === 'info') expect(junit).to.include('MAY information');

      // Allure: the result status from the writer, and the check's step status.
      expect(allureWritten(scenario.status, false), 'allure').to.equal(want.allure);
      expect(allureStatus(scenario.status, false)).to.not.equal(
        scenario.status === 'warned' ? 'passed' : '-',
      );
      expect(allureCheckStatus(check), 'allure step').to.equal(byEffect.allureStep);

      // TestReport: the test's operation and the check's assert.
      const report = suiteTestReport(runOf(scenario), runOf(scenario).suites[0]!) as unknown as {
        test: {
          action: { operation?: { result: string }; assert?: { result: string; message: string } }[];
        }[];
      };
      const assert = report.test[0]!.action.find((a) => a.assert)!.assert!;
      expect(assert.result, 'testreport assert').to.equal(byEffect.testReport);
      if (effect === 'info') expect(assert.message).to.include('information');

      // Conformance reports: the requirement's status, and whether the scenario is listed as a failure.
      const md = renderConformanceMarkdown(runOf(scenario));
      const requirementWord = byEffect.requirement;
      expect(md, 'markdown requirement').to.match(
        new RegExp(`\\| REQ \\| SHALL \\| . ${requirementWord} \\|`),
      );
      // Failures, then what could not be judged, then warnings: each status in its own section.
      const section = (title: string) => {
        const at = md.indexOf(`## ${title} (`);
        return at < 0 ? '' : md.slice(at, md.indexOf('\n<details>', at));
      };
      const listedIn = ['Failures', 'Could not be judged', 'Warnings'].filter((t) =>
        section(t).includes('demo/s1'),
      );
      expect(listedIn, 'markdown failures').to.deep.equal(want.section ? [want.section] : []);
      if (effect === 'info') expect(md).to.match(/## Information \(1\)/);
      const html = renderConformanceHtml(runOf(scenario));
      expect(html, 'html requirement').to.match(
        new RegExp(
          `id="req-REQ">[\\s\\S]*?class="result"><span class="status s-[a-z]+">. ${requirementWord}</span>`,
        ),
      );
      expect(html.includes('id="fail-demo/s1"'), 'html failures').to.equal(want.section !== undefined);
      const htmlSection = /<section id="(\w+)">(?:(?!<\/section>)[\s\S])*id="fail-demo\/s1"/.exec(html)?.[1];
      const sectionIds: Record<string, string> = {
        Failures: 'failures',
        'Could not be judged': 'errors',
        Warnings: 'warnings',
      };
      expect(htmlSection, 'html section').to.equal(want.section ? sectionIds[want.section] : undefined);

      // A shard merge keeps the status and recomputes the same exit code.
      const merged = mergeRunResults([runOf(scenario), { ...runOf(scenario), suites: [] }]);
      expect(merged.suites[0]!.scenarios[0]!.status, 'merge').to.equal(scenario.status);
    });
  }

  it('--strict turns a warning into a failure in every output', () => {
    const check = checkResult({ outcome: 'fail', severity: 'SHOULD', requirements: ['REQ'], message: 'x' });
    const step = stepResult({ checks: [check] });
    const scenario = scenarioResult({ requirements: ['REQ'], steps: [step], status: 'warned', reason: 'x' });
    expect(junitOutcomeIn(renderJunit(runOf(scenario, true)))).to.equal('failure');
    expect(allureWritten('warned', true)).to.equal('failed');
    expect(checkEffect(check, true)).to.equal('fail');
    expect(mergeRunResults([runOf(scenario, true)]).exitCode).to.equal(1);
    // The conformance reports list it with the failures, not the warnings.
    expect(renderConformanceHtml(runOf(scenario, true))).to.match(
      /<section id="failures">(?:(?!<\/section>)[\s\S])*id="fail-demo\/s1"/,
    );
    const md = renderConformanceMarkdown(runOf(scenario, true));
    expect(md).to.include('## Failures (1)').and.not.include('## Warnings (');
  });
});
