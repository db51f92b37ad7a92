// Merging shard results into one RunResult.
import { expect } from 'chai';
import { UsageError } from '../../src/common/errors.js';
import type {
  RunResult,
  ScenarioResult,
  ScenarioStatus,
  StepResult,
  SuiteResult,
} from '../../src/results/model.js';
import { mergeRunResults } from '../../src/results/merge.js';
import { stepResult } from '../helpers/results.js';

function scenario(suiteId: string, id: string, status: ScenarioStatus, line: number): ScenarioResult {
  return {
    suiteId,
    scenarioId: id,
    fullId: `${suiteId}/${id}`,
    title: id,
    file: `suites/${suiteId}.yaml`,
    loc: { file: `suites/${suiteId}.yaml`, line, col: 3 },
    tags: [],
    severity: 'SHALL',
    requirements: [],
    status,
    parameters: {},
    attempts: 1,
    flaky: false,
    steps: [],
    startedAt: '2026-11-27T10:00:00.000Z',
    durationMs: 5,
  };
}

function step(outcome: StepResult['outcome']): StepResult {
  return stepResult({
    name: 'POST Patient',
    phase: 'setup',
    loc: { file: 'suites/a.yaml', line: 2, col: 3 },
    startedAt: '2026-11-27T10:00:00.000Z',
    outcome,
  });
}

function suite(id: string, scenarios: ScenarioResult[], setup: StepResult[] = []): SuiteResult {
  return { id, title: id, file: `suites/${id}.yaml`, tags: [], setup, teardown: [], scenarios };
}

function run(shard: string | undefined, suites: SuiteResult[], extra: Partial<RunResult> = {}): RunResult {
  const scenarios = suites.flatMap((s) => s.scenarios);
  return {
    schemaVersion: 2,
    harness: { name: 'fgc', version: '0.1.0' },
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:05:00.000Z',
    target: { name: 'pilot', baseUrl: 'https://fhir.example.org/r4' },
    options: { concurrency: 8, retries: 0, strict: false, ...(shard ? { shard } : {}) },
    sources: { suiteFiles: suites.map((s) => s.file), configFile: 'config/pilot.yaml' },
    igPackages: [{ id: 'hl7.fhir.uv.genomics-reporting', version: '3.0.0' }],
    requirements: [{ id: 'REQ-1', text: 'x', source: 'IG', level: 'SHALL' }],
    suites,
    totals: { passed: 0, failed: 0, warned: 0, skipped: 0, waived: 0, error: 0 },
    warnings: [],
    exitCode: scenarios.some((s) => s.status === 'failed') ? 1 : 0,
    ...extra,
  };
}

describe('results/merge', () => {
  const shard1 = run(
    '1/2',
    [suite('a', [scenario('a', 's2', 'passed', 20)]), suite('b', [scenario('b', 's1', 'failed', 5)])],
    {
      startedAt: '2026-11-27T10:00:01.000Z',
      finishedAt: '2026-11-27T10:03:00.000Z',
      warnings: ['waiver for a/x expired on 2026-01-01'],
    },
  );
  const shard2 = run(
    '2/2',
    [suite('a', [scenario('a', 's1', 'passed', 10), scenario('a', 's3', 'skipped', 30)])],
    {
      startedAt: '2026-11-27T10:00:00.000Z',
      finishedAt: '2026-11-27T10:04:00.000Z',
      warnings: ['waiver for a/x expired on 2026-01-01'],
    },
  );

  it('unites suites and scenarios in file order and recomputes totals and the exit code', () => {
    const merged = mergeRunResults([shard1, shard2]);
    expect(merged.suites.map((s) => s.id)).to.deep.equal(['a', 'b']);
    expect(merged.suites[0]!.scenarios.map((s) => s.scenarioId)).to.deep.equal(['s1', 's2', 's3']);
    expect(merged.totals).to.deep.equal({ passed: 2, failed: 1, warned: 0, skipped: 1, waived: 0, error: 0 });
    expect(merged.exitCode).to.equal(1);
    expect(merged.options.shard).to.equal(undefined);
    expect(merged.startedAt).to.equal('2026-11-27T10:00:00.000Z');
    expect(merged.finishedAt).to.equal('2026-11-27T10:04:00.000Z');
    expect(merged.sources.suiteFiles).to.deep.equal(['suites/a.yaml', 'suites/b.yaml']);
    expect(merged.requirements).to.have.length(1);
    expect(merged.warnings).to.deep.equal(['waiver for a/x expired on 2026-01-01']);
  });

  it('exits 0 when no shard failed', () => {
    const ok = run('1/1', [suite('a', [scenario('a', 's1', 'warned', 1)])]);
    expect(mergeRunResults([ok]).exitCode).to.equal(0);
    expect(mergeRunResults([{ ...ok, options: { ...ok.options, strict: true } }]).exitCode).to.equal(1);
  });

  it('keeps the interruption of a shard stopped by a signal, and its exit code', () => {
    const merged = mergeRunResults([shard1, { ...shard2, interrupted: 'SIGTERM', exitCode: 143 }]);
    expect(merged.interrupted).to.equal('SIGTERM');
    expect(merged.exitCode).to.equal(143);
    expect(mergeRunResults([shard1, shard2])).to.not.have.property('interrupted');
  });

  it('reports a scenario with conflicting results and keeps the worse one', () => {
    const rerun = run('2/2', [suite('b', [scenario('b', 's1', 'passed', 5)])]);
    const merged = mergeRunResults([rerun, shard1]);
    expect(merged.suites[1]!.scenarios[0]!.status).to.equal('failed');
    expect(merged.warnings).to.include(
      'scenario b/s1 has conflicting results in the merged runs (passed and failed); "failed" is kept',
    );
  });

  it('keeps an identical duplicate once, silently', () => {
    const merged = mergeRunResults([shard1, shard1, shard2]);
    expect(merged.totals.failed).to.equal(1);
    expect(merged.warnings.filter((w) => w.includes('conflicting'))).to.deep.equal([]);
  });

  it('warns when a shard is missing', () => {
    expect(mergeRunResults([shard1]).warnings).to.include(
      'shard 2/2 missing: the merged results cover only part of the run',
    );
  });

  it('shows the setup that went worst across shards', () => {
    const a = run('1/2', [suite('a', [scenario('a', 's1', 'passed', 1)], [step('pass')])]);
    const b = run('2/2', [suite('a', [scenario('a', 's2', 'error', 2)], [step('error')])]);
    expect(mergeRunResults([a, b]).suites[0]!.setup[0]!.outcome).to.equal('error');
  });

  it('refuses to merge different targets or nothing at all', () => {
    const other = { ...shard2, target: { name: 'other-site', baseUrl: 'https://x' } };
    expect(() => mergeRunResults([shard1, other])).to.throw(
      UsageError,
      /different targets \(pilot, other-site\)/,
    );
    expect(() => mergeRunResults([])).to.throw(UsageError, /nothing to merge/);
  });
});
