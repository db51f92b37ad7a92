// Input gaps at a glance: for each input the suites declare and a target does not supply, the scenarios
// that need it and the requirements they alone would test. One line per input, not one skip per scenario.
import type { Scenario, Suite } from '../model/suite.js';

export interface InputGap {
  readonly input: string;
  /** The description of the first suite that declares it. */
  readonly description: string;
  /** Full ids of the scenarios that need it (each skipped while it is missing; a forEach counts once). */
  readonly scenarios: readonly string[];
  /** How many of them it alone would unlock (they need no other missing input). */
  readonly unlocksAlone: number;
  /** Requirements those scenarios name that no scenario with every input it needs names. */
  readonly requirements: readonly string[];
  /** The other missing inputs some of those scenarios also need. */
  readonly neededWith: readonly string[];
  /** True when the scenarios do not need it to run but test it in `when` (they run only once it is set). */
  readonly onlyInWhen: boolean;
}

/** The inputs a scenario cannot run without: those its steps use, and its forEach list when that is an input. */
export function inputsNeeded(suite: Suite, scenario: Scenario): string[] {
  const needed = new Set(scenario.usesInputs);
  if (scenario.forEach && scenario.forEach.in in suite.inputs) needed.add(scenario.forEach.in);
  return [...needed];
}

/** Inputs a scenario's `when` condition reads. */
function inputsInWhen(scenario: Scenario): string[] {
  return [...(scenario.when?.source.matchAll(/%inputs\.([A-Za-z0-9_]+)/g) ?? [])].map((m) => m[1]!);
}

/** Requirements a scenario names, on itself and on its checks. */
export function requirementsOf(scenario: Scenario): string[] {
  const ids = new Set(scenario.requirements);
  for (const step of scenario.steps)
    for (const check of step.expect?.fhirpath ?? []) for (const id of check.requirements ?? []) ids.add(id);
  return [...ids];
}

interface Blocked {
  readonly scenario: Scenario;
  /** Every missing input the scenario needs (or, for a `when` condition, reads). */
  readonly missing: readonly string[];
}

function add(map: Map<string, Blocked[]>, name: string, blocked: Blocked): void {
  map.set(name, [...(map.get(name) ?? []), blocked]);
}

/**
 * The missing inputs, most scenarios first. `supplied` holds the names of the inputs the target supplies
 * (decided by the caller, with the engine's rule for what counts as supplied).
 */
export function inputGaps(suites: readonly Suite[], supplied: ReadonlySet<string>): InputGap[] {
  const blocked = new Map<string, Blocked[]>();
  const inWhen = new Map<string, Blocked[]>();
  const descriptions = new Map<string, string>();
  const testable = new Set<string>();
  for (const suite of suites) {
    for (const input of Object.values(suite.inputs))
      if (!supplied.has(input.name) && !descriptions.has(input.name))
        descriptions.set(input.name, input.description);
    for (const scenario of suite.scenarios) {
      const missing = inputsNeeded(suite, scenario).filter((name) => !supplied.has(name));
      const conditions = inputsInWhen(scenario).filter((name) => !supplied.has(name));
      if (missing.length === 0 && conditions.length === 0)
        for (const id of requirementsOf(scenario)) testable.add(id);
      for (const name of missing) add(blocked, name, { scenario, missing });
      if (missing.length === 0)
        for (const name of conditions) add(inWhen, name, { scenario, missing: conditions });
    }
  }
  const gap = (input: string, list: readonly Blocked[], onlyInWhen: boolean): InputGap => {
    const requirements = new Set(list.flatMap(({ scenario }) => requirementsOf(scenario)));
    const others = new Set(list.flatMap(({ missing }) => missing.filter((m) => m !== input)));
    return {
      input,
      description: descriptions.get(input) ?? '',
      scenarios: list.map(({ scenario }) => scenario.fullId),
      unlocksAlone: list.filter(({ missing }) => missing.length === 1).length,
      requirements: [...requirements].filter((id) => !testable.has(id)).sort(),
      neededWith: [...others].sort(),
      onlyInWhen,
    };
  };
  const gaps = [
    ...[...blocked].map(([input, list]) => gap(input, list, false)),
    ...[...inWhen].filter(([input]) => !blocked.has(input)).map(([input, list]) => gap(input, list, true)),
  ];
  return gaps.sort(
    (a, b) =>
      b.scenarios.length - a.scenarios.length ||
      b.requirements.length - a.requirements.length ||
      a.input.localeCompare(b.input),
  );
}

/** Per missing input: a line with what it would unlock, its description, and the inputs needed with it. */
export function formatInputGaps(gaps: readonly InputGap[]): string[] {
  const width = Math.max(0, ...gaps.map((g) => g.input.length));
  return gaps.flatMap((g) => {
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const alone = g.unlocksAlone === g.scenarios.length ? '' : ` (${g.unlocksAlone} on its own)`;
    const unlocks = g.onlyInWhen
      ? `${count(g.scenarios.length, 'scenario')} run only when it is set`
      : `${count(g.scenarios.length, 'scenario')}${alone}`;
    return [
      `${g.input.padEnd(width)}  ${unlocks}, ${count(g.requirements.length, 'requirement')}`,
      `${' '.repeat(width)}  ${g.description}`,
      ...(g.neededWith.length ? [`${' '.repeat(width)}  together with: ${g.neededWith.join(', ')}`] : []),
    ];
  });
}
