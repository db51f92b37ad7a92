// Template placeholders: an input left as `REPLACE-ME` (as config/targets/example-site.yaml ships them)
// counts as not supplied, so it is never sent to a server as a real id. Lint reports each one.
import type { SourceLoc } from '../common/source-loc.js';

/** The marker the config template uses for values a site must fill in. */
export const PLACEHOLDER = 'REPLACE-ME';

export interface Placeholder {
  readonly input: string;
  readonly loc: SourceLoc;
}

function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toUpperCase().includes(PLACEHOLDER);
}

/**
 * The inputs without their placeholders: a placeholder value is dropped, a list keeps its real items (and
 * is dropped when none is left). Also returns where each placeholder is, for lint and the run's warning.
 */
export function withoutPlaceholders(
  inputs: Readonly<Record<string, unknown>>,
  locOf: (path: (string | number)[]) => SourceLoc,
): { inputs: Record<string, unknown>; placeholders: Placeholder[] } {
  const kept: Record<string, unknown> = {};
  const placeholders: Placeholder[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isPlaceholder(item)) placeholders.push({ input: name, loc: locOf(['inputs', name, i]) });
      });
      const real = value.filter((item) => !isPlaceholder(item));
      if (real.length > 0) kept[name] = real;
    } else if (isPlaceholder(value)) {
      placeholders.push({ input: name, loc: locOf(['inputs', name]) });
    } else kept[name] = value;
  }
  return { inputs: kept, placeholders };
}

export function placeholderMessage(p: Placeholder): string {
  return `input ${p.input} is still the template placeholder ${PLACEHOLDER}: fill it in, or delete it (an input left out skips the scenarios that need it)`;
}
