// Derivation rules per input name. The inputs to fill come from the loaded suites; each name with a rule
// here gets a value the site really holds, or the reason it has none. Patients are chosen first (roles).
import { crossBuildRole, crossBuildRules, phaseRole, phaseRules } from './build-and-phase-inputs.js';
import { haplotypeRules, hlaRole, pgxRole } from './haplotype-inputs.js';
import {
  biomarkerRole,
  consequenceRole,
  dxRole,
  implicationRules,
  txRole,
  txVariantRole,
} from './implication-inputs.js';
import { type Role, RoleChooser } from './roles.js';
import { emptyPatientRole, populationRules } from './site-inputs.js';
import { dataFileRole, studyRole, studyRules } from './study-inputs.js';
import { type Derivation, type DeriveContext, derived, notDerived } from './types.js';
import { variantRole, variantRules } from './variant-inputs.js';

/** In the order they are chosen: later roles prefer the patients of earlier ones. */
export const ROLES: readonly Role<unknown>[] = [
  variantRole,
  studyRole,
  pgxRole,
  txRole,
  txVariantRole,
  dxRole,
  consequenceRole,
  phaseRole,
  biomarkerRole,
  dataFileRole,
  hlaRole,
  crossBuildRole,
  emptyPatientRole,
] as Role<unknown>[];

export interface Derivations {
  readonly byInput: ReadonlyMap<string, Derivation>;
  readonly chooser: RoleChooser;
}

/**
 * Derives every input in `names` (the inputs the suites declare). `pinned`: patient inputs the site wrote by
 * hand; the values derived for their roles are then about those patients.
 */
export function deriveInputs(
  ctx: DeriveContext,
  names: readonly string[],
  pinned: ReadonlyMap<string, string> = new Map(),
): Derivations {
  const chooser = new RoleChooser(ctx, ROLES, pinned);
  const rules = allRules(ctx, chooser);
  // In the rules' order (patients first, then their values), then the inputs no rule knows.
  const ordered = [
    ...Object.keys(rules).filter((n) => names.includes(n)),
    ...names.filter((n) => !(n in rules)),
  ];
  const byInput = new Map<string, Derivation>();
  for (const name of ordered)
    byInput.set(
      name,
      rules[name]?.() ?? notDerived('fgc init has no rule for this input: supply it by hand'),
    );
  return { byInput, chooser };
}

function allRules(ctx: DeriveContext, chooser: RoleChooser) {
  const patientRules = Object.fromEntries(
    ROLES.map((role) => [
      role.input,
      (): Derivation => {
        const chosen = chooser.chosen(role);
        const others = chooser.candidateCount(role) - 1;
        return chosen
          ? derived(
              chosen.patient,
              `Patient/${chosen.patient}: ${chosen.why}${others ? ` (${others} other candidate(s))` : ''}`,
            )
          : notDerived(`no patient read has what ${role.input} needs`);
      },
    ]),
  );
  const variant = chooser.chosen(variantRole);
  return {
    ...patientRules,
    ...variantRules(variant, ctx.data.allVariants()),
    ...crossBuildRules(chooser.chosen(crossBuildRole)),
    ...phaseRules(chooser.chosen(phaseRole)),
    ...haplotypeRules(chooser.chosen(pgxRole), chooser.chosen(hlaRole), ctx.data),
    ...implicationRules(
      {
        tx: chooser.chosen(txRole),
        txVariant: chooser.chosen(txVariantRole),
        dx: chooser.chosen(dxRole),
        mc: chooser.chosen(consequenceRole),
      },
      ctx.data,
    ),
    ...studyRules(chooser.chosen(studyRole)),
    ...populationRules(ctx, variant && { patient: variant.patient, main: variant.plan.main }),
  } as Record<string, (() => Derivation) | undefined>;
}
