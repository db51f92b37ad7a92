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
  STOP_LABEL,
} from '../../../src/reporters/mocha/allure-replay.js';
import { PlainAllureWriter } from '../../../src/reporters/mocha/allure-writer.js';
import { allureExecutor } from '../../../src/reporters/allure.js';
import { SKIP_LABEL } from '../../../src/results/policy.js';
import { mixedRun } from '../fixtures/runs.js';

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
