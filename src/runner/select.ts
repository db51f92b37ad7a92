// Which scenarios a run includes: --grep (on full id and title), --tag and --exclude-tag (scenario or suite tags),
// plus the scenarios that capture values the chosen ones need (else those could only be skipped).
import type { Scenario, Suite } from '../model/suite.js';

export interface Selection {
  readonly grep?: RegExp;
  /** A scenario runs when it has at least one of these tags (suite tags count). */
  readonly tags?: readonly string[];
  readonly excludeTags?: readonly string[];
}

export function isSelected(suite: Suite, scenario: Scenario, selection: Selection): boolean {
  const tags = new Set([...suite.tags, ...scenario.tags]);
  if (selection.grep && !selection.grep.test(scenario.fullId) && !selection.grep.test(scenario.title))
    return false;
  if (selection.tags?.length && !selection.tags.some((t) => tags.has(t))) return false;
  if (selection.excludeTags?.some((t) => tags.has(t))) return false;
  return true;
}

/** The selected scenarios of a suite, with the scenarios whose captures they read (transitively), in file order. */
export function selectScenarios(suite: Suite, selection: Selection): Scenario[] {
  const chosen = new Set(suite.scenarios.filter((scenario) => isSelected(suite, scenario, selection)));
  const pending = [...chosen];
  while (pending.length > 0) {
    const scenario = pending.pop()!;
    for (const name of scenario.usesCaptures) {
      for (const setter of suite.scenarios) {
        if (setter.setsCaptures.includes(name) && !chosen.has(setter)) {
          chosen.add(setter);
          pending.push(setter);
        }
      }
    }
  }
  return suite.scenarios.filter((scenario) => chosen.has(scenario));
}
