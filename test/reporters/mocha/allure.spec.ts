// Allure from the policy: categories that sort skips, waivers and failures by cause, the scenario's own
// times, and the executor (the CI job, else fgc).
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestResult } from 'allure-js-commons';
import {
  ALLURE_CATEGORIES,
  REASON_LABEL,
  START_LABEL,
  STATUS_LABEL,
  STEPS_LABEL,
  STOP_LABEL,
} from '../../../src/reporters/mocha/allure-replay.js';
import { PlainAllureWriter } from '../../../src/reporters/mocha/allure-writer.js';
import { allureExecutor } from '../../../src/reporters/allure.js';
import { SKIP_LABEL } from '../../../src/results/policy.js';
import { check, exchange, mixedRun, step } from '../fixtures/runs.js';

/** The category Allure puts a result in: the first whose status and (whole-message) regex match. */
function categoryOf(status: string, message: string): string | undefined {
  return ALLURE_CATEGORIES.find(
    (c) =>
      (c.matchedStatuses ?? []).includes(status as never) &&
      (c.messageRegex === undefined || new RegExp(`^(?:${c.messageRegex})$`).test(message)),
  )?.name;
}

describe('Allure results', () => {
  it('sorts skips by cause, waivers, warnings, failures and what could not be judged into categories', () => {
    for (const label of Object.values(SKIP_LABEL))
      expect(categoryOf('skipped', `${label}: why\nmore`), label).to.equal(`Skipped: ${label}`);
    expect(categoryOf('skipped', 'waived: known until 2.3')).to.equal('Waived (known failures)');
    expect(categoryOf('failed', 'x')).to.equal('SHALL failures');
    expect(categoryOf('broken', 'x')).to.equal('SHOULD warnings');
    expect(categoryOf('unknown', 'GET x: not authorised (check auth)')).to.equal(
      'Not authorised (check auth)',
    );
    expect(categoryOf('unknown', 'FIXTURE_MISSING')).to.equal('Could not be judged (suite or harness fault)');
  });

  it("writes the scenario's own start and stop, its reason, and none of the labels that carried them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgc-allure-'));
    try {
      const result = {
        uuid: 'u1',
        status: 'skipped',
        start: 5,
        stop: 6,
        statusDetails: { message: 'Test skipped' },
        labels: [
          { name: STATUS_LABEL, value: 'skipped' },
          { name: REASON_LABEL, value: 'input not supplied: input x not supplied' },
          { name: START_LABEL, value: '1000' },
          { name: STOP_LABEL, value: '1250' },
          { name: 'suite', value: 's' },
        ],
      } as unknown as TestResult;
      new PlainAllureWriter(dir, false).writeResult(result);
      const written = JSON.parse(readFileSync(join(dir, 'u1-result.json'), 'utf8')) as TestResult;
      expect([written.start, written.stop]).to.deep.equal([1000, 1250]);
      expect(written.statusDetails.message).to.equal('input not supplied: input x not supplied');
      expect(written.labels.map((l) => l.name)).to.deep.equal([STATUS_LABEL, 'suite']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("adds the held steps to their test: the step's own times and status, its exchanges attached, a sub-step per check", () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgc-allure-'));
    try {
      const writer = new PlainAllureWriter(dir, false);
      const failing = check({ id: 'step1.fhirpath[0]', kind: 'fhirpath', description: 'total > 0' });
      const steps = [
        step([check(), { ...failing, outcome: 'fail', message: 'expected > 0, got 0' }], {
          exchanges: [exchange(), exchange({ url: 'https://fhir.pilot.example.org/r4/next-page' })],
        }),
      ];
      const key = writer.hold(steps);
      writer.hold([step([check()])]); // another test's steps stay out of this one
      const result = {
        uuid: 'u2',
        status: 'failed',
        statusDetails: {},
        stage: 'finished',
        steps: [],
        labels: [
          { name: STATUS_LABEL, value: 'failed' },
          { name: STEPS_LABEL, value: key },
        ],
      } as unknown as TestResult;
      writer.writeResult(result);
      const written = JSON.parse(readFileSync(join(dir, 'u2-result.json'), 'utf8')) as TestResult;
      expect(written.labels.map((l) => l.name)).to.deep.equal([STATUS_LABEL]);
      expect(written.steps).to.have.length(1);
      const [request] = written.steps;
      const start = Date.parse(steps[0]!.startedAt);
      expect(request).to.deep.include({
        name: '$find-subject-variants (GET)',
        status: 'failed',
        start,
        stop: start + 50,
      });
      expect(request!.steps.map((s) => [s.name, s.status])).to.deep.equal([
        ['HTTP exchange', undefined],
        ['HTTP exchange (page 2)', undefined],
        ['SHALL status is 200 [GO-FSV-1]', 'passed'],
        ['SHALL total > 0 [GO-FSV-1] — failed', 'failed'],
      ]);
      expect(request!.steps[3]!.statusDetails.message).to.equal('expected > 0, got 0');
      const page2 = request!.steps[1]!.attachments[0]!;
      expect(page2.type).to.equal('text/plain');
      expect(readFileSync(join(dir, page2.source), 'utf8')).to.match(
        /^--- request ---\nGET https:\/\/fhir\.pilot\.example\.org\/r4\/next-page\n[\s\S]*--- response ---\nHTTP 200/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the CI job as the executor, else fgc', () => {
    const run = mixedRun();
    expect(
      allureExecutor(run, {
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'org/site',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_NUMBER: '7',
        GITHUB_WORKFLOW: 'conformance',
      }),
    ).to.deep.include({
      name: 'GitHub Actions',
      buildName: 'conformance #7',
      buildUrl: 'https://github.com/org/site/actions/runs/42',
    });
    expect(
      allureExecutor(run, { GITLAB_CI: 'true', CI_JOB_URL: 'https://gitlab.example.org/j/1' }),
    ).to.include({
      name: 'GitLab CI',
      buildUrl: 'https://gitlab.example.org/j/1',
    });
    expect(allureExecutor(run, {})).to.deep.equal({
      name: 'fgc 0.1.0',
      type: 'local',
      buildName: 'pilot-site-a 2026-11-27 08:00 UTC',
      reportName: 'Conformance: pilot-site-a',
    });
  });
});
