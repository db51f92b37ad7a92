// With each reference-server fault, the scenarios that name one of the fault's `breaks` requirements give at
// least one SHALL failure naming such a requirement, and nothing ends in `error`. Only those scenarios run,
// so the whole file stays fast.
import { expect } from 'chai';
import { join } from 'node:path';
import type { ScenarioResult } from '../../src/results/model.js';
import type { Suite } from '../../src/model/suite.js';
import { listFaults } from '../../src/server/index.js';
import { loadSuites } from '../../src/suite/index.js';
import { PROJECT_ROOT, runReferenceScenarios } from '../helpers/reference-run.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A --grep pattern matching exactly the scenarios (and their forEach items) that name one of `ids`. */
function scenariosNaming(suites: readonly Suite[], ids: readonly string[]): RegExp {
  const fullIds = suites
    .flatMap((s) => s.scenarios)
    .filter((sc) => sc.requirements.some((r) => ids.includes(r)))
    .map((sc) => escape(sc.fullId));
  expect(fullIds.length, `no scenario names ${ids.join(', ')}`).to.be.greaterThan(0);
  return new RegExp(`^(${fullIds.join('|')})(\\[|$)`);
}

function runFault(fault: string, grep: RegExp): Promise<ScenarioResult[]> {
  return runReferenceScenarios({ faults: [fault], selection: { grep } });
}

describe('bundled suites: verdicts under each reference-server fault', function () {
  this.timeout(60_000);
  let suites: Suite[] = [];
  const listeners = () =>
    process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
  let listenersBefore = 0;

  before(async () => {
    listenersBefore = listeners();
    suites = (await loadSuites([], { suitesRoot: join(PROJECT_ROOT, 'suites'), cwd: PROJECT_ROOT })).suites;
  });

  for (const fault of listFaults()) {
    it(`${fault.id}: a SHALL failure naming ${fault.breaks.join(', ')}, no error`, async () => {
      const scenarios = await runFault(fault.id, scenariosNaming(suites, fault.breaks));
      const errors = scenarios.filter((s) => s.status === 'error').map((s) => `${s.fullId}: ${s.reason}`);
      expect(errors).to.deep.equal([]);
      const names = (s: ScenarioResult): boolean => s.requirements.some((r) => fault.breaks.includes(r));
      const caught = scenarios.filter((s) => s.status === 'failed' && s.severity === 'SHALL' && names(s));
      expect(
        caught.length,
        `statuses: ${scenarios.map((s) => `${s.fullId} ${s.status}`).join(', ')}`,
      ).to.be.greaterThan(0);
    });
  }

  it('leaves no process listeners behind after all those runs in one process', () => {
    expect(listeners()).to.equal(listenersBefore);
  });
});
