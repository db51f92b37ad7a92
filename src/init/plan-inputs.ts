// Merging what `fgc init` derived with what the config already holds: the site's own values stay (unless
// replaced), init's earlier values are derived again, and each input gets its comment.
import { ROLES } from './derive/index.js';
import { type InputEntry, fingerprint, type readInputs } from './config-file.js';
import type { OperationCheck } from './confirm.js';
import { type Derivation, isDerived } from './derive/types.js';

export type Replace = boolean | readonly string[];

/** Patient inputs written by hand (and not to be replaced): their roles keep those patients. */
export function pinnedPatients(
  existing: ReturnType<typeof readInputs>,
  replace: Replace,
): Map<string, string> {
  const pinned = new Map<string, string>();
  for (const role of ROLES) {
    const before = existing.get(role.input);
    const replaced = replace === true || (Array.isArray(replace) && replace.includes(role.input));
    if (before && !before.byInit && !replaced && typeof before.value === 'string')
      pinned.set(role.input, before.value);
  }
  return pinned;
}

export interface PlannedEntry extends InputEntry {
  readonly origin: 'derived' | 'hand' | 'earlier';
}

/** For each declared input: the derived value, the site's own value (kept), or an earlier init value (kept). */
export function planInputs(
  declared: readonly string[],
  existing: ReturnType<typeof readInputs>,
  byInput: ReadonlyMap<string, Derivation>,
  replace: Replace,
): { entries: PlannedEntry[]; reasons: Map<string, string> } {
  const entries: PlannedEntry[] = [];
  const reasons = new Map<string, string>();
  const replaces = (name: string) => replace === true || (Array.isArray(replace) && replace.includes(name));
  for (const name of [...declared, ...[...existing.keys()].filter((n) => !declared.includes(n))]) {
    const now = byInput.get(name);
    const before = existing.get(name);
    const replacement = now && isDerived(now) ? now : undefined;
    if (before && !before.byInit && !(replaces(name) && replacement)) {
      // The site's own value stays; say what the data suggests, or why --replace found nothing to put instead.
      const note = replacement
        ? fingerprint(replacement.value) === fingerprint(before.value)
          ? []
          : [
              `fgc init: kept as written; the server's data suggests ${JSON.stringify(replacement.value)} (--replace ${name})`,
            ]
        : replaces(name) && now && !isDerived(now)
          ? [`fgc init: kept as written; nothing to replace it with: ${now.reason}`]
          : [];
      entries.push({ name, value: before.value, origin: 'hand', comment: [...before.ownComment, ...note] });
    } else if (now && isDerived(now)) {
      entries.push({
        name,
        value: now.value,
        origin: 'derived',
        comment: [...(before?.ownComment ?? []), `fgc init ${fingerprint(now.value)}: ${now.from}`],
      });
    } else if (before) {
      entries.push({
        name,
        value: before.value,
        origin: 'earlier',
        comment: [
          ...before.ownComment,
          `fgc init ${fingerprint(before.value)}: kept from an earlier run (not derived this time: ${now && !isDerived(now) ? now.reason : 'no rule'})`,
        ],
      });
    } else if (now && !isDerived(now)) reasons.set(name, now.reason);
  }
  return { entries, reasons };
}

/** The entry with what the operation calls that used it showed: one line of agreement, one per disagreement. */
export function withNotes(entry: PlannedEntry, checks: readonly OperationCheck[]): PlannedEntry {
  const used = checks.filter((c) => c.inputs.includes(entry.name) && c.outcome !== 'not-called');
  const agreeing = used.filter((c) => c.outcome === 'agrees').map((c) => `$${c.operation}`);
  const notes = [
    ...(agreeing.length ? [`fgc init: confirmed by ${agreeing.join(', ')}`] : []),
    ...used
      .filter((c) => c.outcome !== 'agrees')
      .map((c) => `fgc init: $${c.operation} ${c.outcome}: ${c.detail}`),
  ];
  return notes.length ? { ...entry, comment: [...entry.comment, ...notes] } : entry;
}
