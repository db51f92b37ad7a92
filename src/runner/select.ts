// Which scenarios a run includes: --grep (on full id and title), --tag and --exclude-tag (scenario or suite tags).
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
