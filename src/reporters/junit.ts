// JUnit XML for CI test tabs, written from the RunResult (so `fgc report` and shard merges rebuild it):
// one <testsuite> per suite, one <testcase> per scenario with the suite id as classname. Statuses follow
// the verdict policy: a failure is <failure>, a scenario that could not be judged is <error>, a skipped one
// carries its reason, and a warned, waived or informational result is a pass that says so (a property and
// system-out) rather than a plain green one; --strict makes a warning a <failure>.
import { JUNIT_FILE } from '../results/report-files.js';
import type { CheckResult, RunResult, ScenarioResult, SuiteResult } from '../results/model.js';
import { checkEffect, SKIP_LABEL } from '../results/policy.js';
import { CHECK_DISPLAY } from '../results/display.js';
import { textFileReporter } from './file-reporter.js';

export const junitReporter = textFileReporter({
  name: 'junit',
  file: JUNIT_FILE,
  stage: 'results',
  render: renderJunit,
});

/** How a scenario appears in JUnit: the element CI tools count, if any, and what the testcase says. */
export type JunitOutcome = 'pass' | 'failure' | 'error' | 'skipped';

export function junitOutcome(scenario: ScenarioResult, strict: boolean): JunitOutcome {
  switch (scenario.status) {
    case 'failed':
      return 'failure';
    case 'warned':
      return strict ? 'failure' : 'pass';
    case 'error':
      return 'error';
    case 'skipped':
      return 'skipped';
    case 'passed':
    case 'waived':
      return 'pass';
  }
}

export function renderJunit(run: RunResult): string {
  const strict = run.options.strict;
  const suites = run.suites.filter((s) => s.scenarios.length > 0);
  const all = suites.flatMap((s) => s.scenarios);
  const count = (o: JunitOutcome) => all.filter((s) => junitOutcome(s, strict) === o).length;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="fgc conformance: ${attr(run.target.name)}" tests="${all.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${secondsText(seconds)}">`,
    ...suites.map((suite) => testsuite(suite, strict)),
    '</testsuites>',
    '',
  ].join('\n');
}

function testsuite(suite: SuiteResult, strict: boolean): string {
  const count = (o: JunitOutcome) => suite.scenarios.filter((s) => junitOutcome(s, strict) === o).length;
  const time = suite.scenarios.reduce((t, s) => t + s.durationMs, 0) / 1000;
  const name = suite.title === suite.id ? suite.id : `${suite.id}: ${suite.title}`;
  return [
    `  <testsuite name="${attr(name)}" tests="${suite.scenarios.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${secondsText(time)}" timestamp="${attr(suite.scenarios[0]?.startedAt ?? '')}" file="${attr(suite.file)}">`,
    ...suite.scenarios.map((s) => testcase(s, strict)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(sc: ScenarioResult, strict: boolean): string {
  const outcome = junitOutcome(sc, strict);
  const head = `    <testcase name="${attr(sc.title)}" classname="${attr(sc.suiteId)}" time="${secondsText(sc.durationMs / 1000)}" file="${attr(sc.loc.file)}" line="${sc.loc.line}">`;
  const body: string[] = [];
  const notes = findings(sc, strict);
  const properties = [
    ['fgc.id', sc.fullId],
    ['fgc.status', sc.status],
    ...(sc.skip ? [['fgc.skip', sc.skip.kind]] : []),
    ...(sc.requirements.length ? [['fgc.requirements', sc.requirements.join(' ')]] : []),
  ];
  body.push(
    '      <properties>',
    ...properties.map(([k, v]) => `        <property name="${attr(k!)}" value="${attr(v!)}"/>`),
    '      </properties>',
  );
  if (outcome === 'failure') {
    body.push(
      `      <failure message="${attr(firstLine(sc.reason ?? sc.status))}" type="${sc.status === 'warned' ? 'SHOULD' : 'SHALL'}">${text(notes.join('\n'))}</failure>`,
    );
  } else if (outcome === 'error') {
    body.push(
      `      <error message="${attr(firstLine(sc.reason ?? 'error'))}" type="${attr(sc.error?.code ?? 'ERROR')}">${text(sc.error?.message ?? sc.reason ?? '')}</error>`,
    );
  } else if (outcome === 'skipped') {
    const label = sc.skip ? `${SKIP_LABEL[sc.skip.kind]}: ` : '';
    body.push(`      <skipped message="${attr(`${label}${sc.reason ?? 'skipped'}`)}"/>`);
  }
  const out = outcome === 'pass' && sc.status !== 'passed' ? [`${sc.status}: ${sc.reason ?? ''}`] : [];
  const said = [...out, ...(outcome === 'failure' ? [] : notes)];
  if (said.length) body.push(`      <system-out>${text(said.join('\n'))}</system-out>`);
  return [head, ...body, '    </testcase>'].join('\n');
}

/** One line per check that did not simply pass: failures, warnings, information, waived. */
function findings(sc: ScenarioResult, strict: boolean): string[] {
  return sc.steps.flatMap((step) =>
    step.checks
      .filter((c) => c.outcome !== 'pass')
      .map((c: CheckResult) => {
        const reqs = c.requirements.length ? ` [${c.requirements.join(', ')}]` : '';
        return `${step.name}: ${c.severity} ${CHECK_DISPLAY[checkEffect(c, strict)].word}: ${c.message ?? c.description}${reqs}`;
      }),
  );
}

function secondsText(seconds: number): string {
  return Number.isFinite(seconds) ? Math.max(0, seconds).toFixed(3) : '0.000';
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

// XML 1.0 allows neither most control characters nor lone surrogates; server text may hold them.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, '�').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
