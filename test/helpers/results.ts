// Builders for results-model objects in tests (only the fields a test cares about need to be given).
import type { CheckResult, ScenarioResult, StepResult } from '../../src/results/model.js';

export function scenarioResult(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    suiteId: 'demo',
    scenarioId: 's1',
    fullId: 'demo/s1',
    title: 'Scenario one',
    file: 'suites/demo.yaml',
    loc: { file: 'suites/demo.yaml', line: 5, col: 5 },
    tags: [],
    severity: 'SHALL',
    requirements: [],
    status: 'passed',
    parameters: {},
    attempts: 1,
    flaky: false,
    steps: [],
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    ...overrides,
  };
}

export function checkResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'step1.fhirpath[0]',
    kind: 'fhirpath',
    description: 'Bundle.type equals "searchset"',
    severity: 'SHALL',
    requirements: [],
    outcome: 'pass',
    durationMs: 0,
    ...overrides,
  };
}

export function stepResult(overrides: Partial<StepResult> = {}): StepResult {
  return {
    index: 0,
    name: 'GET Observation',
    phase: 'scenario',
    loc: { file: 'x.yaml', line: 1, col: 1 },
    startedAt: '',
    durationMs: 1,
    exchanges: [],
    checks: [],
    captures: {},
    outcome: 'pass',
    ...overrides,
  };
}
