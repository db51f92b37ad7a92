// The skip gates a planned scenario passes before it runs, in order. Each gate either lets the scenario
// through or says why it does not run, as a skip kind (a fact reports count) and a reason (for display).
import type { ScenarioResult, SkipInfo, SkipKind } from '../results/model.js';
import type { Scenario, Suite } from '../model/suite.js';
import { unclaimed, type ServerCapabilities } from './capabilities.js';

export interface Skip {
  readonly info: SkipInfo;
  readonly reason: string;
}

export function skip(kind: SkipKind, reason: string, detail?: string): Skip {
  return { info: { kind, ...(detail !== undefined ? { detail } : {}) }, reason };
}

/** What the gates may look at: the suite's state so far. */
export interface GateState {
  readonly suite: Suite;
  readonly scenario: Scenario;
  /** True for a forEach scenario that has no item to run (an empty or missing list). */
  readonly noItems: boolean;
  readonly capabilities: ServerCapabilities | undefined;
  readonly allowWrites: boolean;
  /** Inputs the target supplied (placeholders count as not supplied). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Inputs the target sets to null: the site declares it has no such data. */
  readonly declaredAbsent: ReadonlySet<string>;
  readonly captures: ReadonlyMap<string, unknown>;
  /** Captures whose expression found no value in the response. */
  readonly emptyCaptures: ReadonlySet<string>;
  /** Results of the suite's scenarios that have finished, by scenario id. */
  readonly finished: ReadonlyMap<string, ScenarioResult>;
  /** Evaluates the scenario's `when` (may throw for a suite fault). */
  readonly when: () => boolean;
}

type Gate = (state: GateState) => Skip | undefined;

const notClaimed: Gate = ({ suite, scenario, capabilities }) => {
  if (!capabilities) return undefined;
  const operations = scenario.steps.flatMap((s) => (s.operation ? [s.operation.name] : []));
  const missing = [
    ...(suite.requires ? unclaimed(capabilities, suite.requires) : []),
    ...unclaimed(capabilities, { resources: [], searchParams: {}, operations }),
  ];
  if (missing.length === 0) return undefined;
  const list = [...new Set(missing)].join(', ');
  return skip('not-claimed', `not claimed: ${list}`, list);
};

const writesNotAllowed: Gate = ({ scenario, allowWrites }) =>
  scenario.writes && !allowWrites
    ? skip(
        'writes-not-allowed',
        'writes are not allowed on this target (allowWrites: false in the target config)',
      )
    : undefined;

const inputsMissing: Gate = ({ suite, scenario, inputs, declaredAbsent }) => {
  const needed = new Set(scenario.usesInputs);
  if (scenario.forEach && scenario.forEach.in in suite.inputs) needed.add(scenario.forEach.in);
  const missing = [...needed].filter((name) => !(name in inputs));
  if (missing.length === 0) return undefined;
  const names = missing.join(', ');
  if (missing.every((name) => declaredAbsent.has(name))) {
    return skip(
      'not-applicable',
      `not applicable: the site declares it has no ${names} (null in the target config)`,
      names,
    );
  }
  return skip('input-missing', `${missing.length === 1 ? 'input' : 'inputs'} ${names} not supplied`, names);
};

const capturesMissing: Gate = (state) => {
  for (const name of state.scenario.usesCaptures) {
    const found = captureGap(state, name);
    if (found) return found;
  }
  return undefined;
};

const noForEachItems: Gate = (state) => {
  const { scenario, suite } = state;
  if (!scenario.forEach || !state.noItems) return undefined;
  const list = scenario.forEach.in;
  if (list in suite.inputs) return skip('input-missing', `forEach: input ${list} is an empty list`, list);
  return captureGap(state, list) ?? skip('capture-empty', `nothing to check: ${list} is an empty list`, list);
};

const whenFalse: Gate = ({ scenario, when }) =>
  scenario.when && !when()
    ? skip('not-applicable', `not applicable: when is false (${scenario.when.source})`, scenario.when.source)
    : undefined;

/**
 * In order: capability claims and config first, then what the site supplied, then the data. `when` comes
 * after the captures it may read, and before the items of a forEach (an empty list is nothing to check only
 * when the scenario applies at all).
 */
export const GATES: readonly Gate[] = [
  notClaimed,
  writesNotAllowed,
  inputsMissing,
  capturesMissing,
  whenFalse,
  noForEachItems,
];

export function firstSkip(state: GateState): Skip | undefined {
  for (const gate of GATES) {
    const found = gate(state);
    if (found) return found;
  }
  return undefined;
}

/**
 * Why a capture another scenario sets is not there: it found no value (nothing to check), its scenario was
 * skipped (the same reason carries over), or its scenario did not pass.
 */
function captureGap(state: GateState, name: string): Skip | undefined {
  if (state.captures.has(name)) return undefined;
  const setter = state.suite.scenarios.find((s) => s !== state.scenario && s.setsCaptures.includes(name));
  const from = setter ? ` (scenario ${setter.fullId})` : '';
  if (state.emptyCaptures.has(name)) {
    return skip('capture-empty', `nothing to check: ${name} found no value in the data${from}`, name);
  }
  const result = setter ? state.finished.get(setter.id) : undefined;
  if (result?.status === 'skipped' && result.skip) {
    return skip(
      result.skip.kind,
      `${name} is not available: ${setter!.fullId} was skipped (${result.reason})`,
      result.skip.detail,
    );
  }
  const why = result ? `${setter!.fullId} ${result.status}` : 'nothing set it';
  return skip('prerequisite-failed', `${name} is not available: ${why}`, name);
}

/** A scenario the run's interruption kept from starting, or cut while it ran. */
export function interruptedSkip(signal: string, phase: 'before' | 'while'): Skip {
  return skip(
    'interrupted',
    phase === 'before'
      ? `not run: the run was interrupted (${signal})`
      : `not finished: the run was interrupted (${signal}) while it ran, and its requests were cancelled`,
    phase,
  );
}
