// The implication patients: therapeutic (treatments, and a variant an implication derives from), diagnostic
// (conditions, variant, range) and molecular consequences (SO consequence, variant), plus the biomarker
// patient. A code is used only when every implication carrying it points at targets the operations can return.
import type { Observation } from '@medplum/fhirtypes';
import { Codes, components } from '../../server/genomics/codes.js';
import {
  kindOf,
  observationsOf,
  patientOf,
  refOf,
  type ObservationKind,
  type SiteData,
} from '../site-data.js';
import { describeVariant, type VariantFact } from '../variants.js';
import type { Role } from './roles.js';
import { around, placeOf } from './ranges.js';
import { type Candidate, type Derivation, derived, notDerived } from './types.js';

interface ImplicationKind {
  readonly kind: Extract<
    ObservationKind,
    'therapeutic-implication' | 'diagnostic-implication' | 'molecular-consequence'
  >;
  readonly label: string;
  /** The component whose codings are the operation's token input (treatments, conditions, featureConsequences). */
  readonly component: string;
  /** What a derivedFrom target may be for the operation to return it. */
  readonly targets: readonly ObservationKind[];
}

const TX: ImplicationKind = {
  kind: 'therapeutic-implication',
  label: 'TherapeuticImplication',
  component: Codes.medicationAssessed,
  targets: ['variant', 'haplotype', 'genotype'],
};
const DX: ImplicationKind = {
  kind: 'diagnostic-implication',
  label: 'DiagnosticImplication',
  component: Codes.phenotype,
  targets: ['variant'],
};
const MC: ImplicationKind = {
  kind: 'molecular-consequence',
  label: 'MolecularConsequence',
  component: Codes.featureConsequence,
  targets: ['variant'],
};

interface ImplicationPlan {
  readonly implications: readonly Observation[];
  /** `system|code` values of the kind's component, each carried only by implications with returnable targets. */
  readonly codes: readonly { readonly code: string; readonly by: Observation }[];
  /** A present Variant of the patient that implications derive from, all of them with returnable targets. */
  readonly variant?: { readonly fact: VariantFact; readonly by: Observation };
}

/** How an operation's `variants` input can name a Variant: SPDI, else its genomic or coding HGVS. */
const variantName = (fact: VariantFact): string | undefined =>
  fact.spdi ?? fact.genomicHgvs ?? fact.codingHgvs;

function codesOf(obs: Observation, component: string): string[] {
  return components(obs, component).flatMap((c) =>
    (c.valueCodeableConcept?.coding ?? []).flatMap((k) =>
      k.system && k.code ? [`${k.system}|${k.code}`] : [],
    ),
  );
}

/** Every derivedFrom target is held, is a kind the operation returns, and belongs to the same patient. */
function returnable(data: SiteData, obs: Observation, kind: ImplicationKind, patient: string): boolean {
  const targets = obs.derivedFrom ?? [];
  return (
    targets.length > 0 &&
    targets.every((d) => {
      const target = data.get(d.reference) as Observation | undefined;
      const targetKind = target && kindOf(target);
      return targetKind !== undefined && kind.targets.includes(targetKind) && patientOf(target!) === patient;
    })
  );
}

function implicationPlan(
  data: SiteData,
  patient: string,
  kind: ImplicationKind,
  all: readonly Observation[],
): ImplicationPlan {
  const clean = (o: Observation) => returnable(data, o, kind, patient);
  const byCode = new Map<string, Observation[]>();
  for (const o of all)
    for (const code of codesOf(o, kind.component)) byCode.set(code, [...(byCode.get(code) ?? []), o]);
  const codes = [...byCode]
    .filter(([, list]) => list.every(clean))
    .map(([code, list]) => ({ code, by: list[0]! }));
  const derivingFrom = (fact: VariantFact) =>
    all.filter((o) => (o.derivedFrom ?? []).some((d) => refOf(d.reference) === fact.ref));
  const variant = all
    .filter(clean)
    .flatMap((by) =>
      (by.derivedFrom ?? [])
        .map((d) => data.get(d.reference) as Observation)
        .filter((target) => kindOf(target) === 'variant')
        .map((target) => ({ fact: data.variant(target), by })),
    )
    .find(({ fact }) => fact.present && variantName(fact) !== undefined && derivingFrom(fact).every(clean));
  return { implications: all, codes, ...(variant ? { variant } : {}) };
}

function implicationRole(input: string, kind: ImplicationKind, needsVariant: boolean): Role<ImplicationPlan> {
  return {
    input,
    candidates: (ctx) =>
      [...ctx.data.patients().values()].flatMap((p): Candidate<ImplicationPlan>[] => {
        const all = observationsOf(p, kind.kind);
        if (all.length === 0) return [];
        const plan = implicationPlan(ctx.data, p.id, kind, all);
        if (needsVariant ? !plan.variant : plan.codes.length === 0) return [];
        const quality =
          (plan.codes.length > 0 ? 50 : 0) +
          (plan.variant ? 30 : 0) +
          (all.every((o) => returnable(ctx.data, o, kind, p.id)) ? 20 : 0);
        return [{ patient: p.id, quality, plan }];
      }),
    describe: ({ plan }) => `${plan.implications.length} ${kind.label}(s)`,
  };
}

export const txRole = implicationRole('txPatientId', TX, false);
export const txVariantRole = implicationRole('txVariantPatientId', TX, true);
export const dxRole = implicationRole('dxPatientId', DX, false);
export const consequenceRole = implicationRole('consequencePatientId', MC, false);

export const biomarkerRole: Role<number> = {
  input: 'biomarkerPatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()].flatMap((p) => {
      const count = observationsOf(p, 'biomarker').length;
      return count ? [{ patient: p.id, quality: 1, plan: count }] : [];
    }),
  describe: ({ plan }) => `${plan} MolecularBiomarker Observation(s)`,
};

export function implicationRules(
  chosen: {
    tx?: Candidate<ImplicationPlan>;
    txVariant?: Candidate<ImplicationPlan>;
    dx?: Candidate<ImplicationPlan>;
    mc?: Candidate<ImplicationPlan>;
  },
  data: SiteData,
): Record<string, () => Derivation> {
  const first = (c: Candidate<ImplicationPlan> | undefined, label: string) =>
    c?.plan.codes[0]
      ? derived(c.plan.codes[0].code, `${label} Observation/${c.plan.codes[0].by.id} of Patient/${c.patient}`)
      : notDerived(
          `no ${label} carries a code whose implications all point at Variants, Haplotypes or Genotypes of their own patient`,
        );
  const variantOf = (c: Candidate<ImplicationPlan> | undefined, label: string) =>
    c?.plan.variant
      ? derived(
          variantName(c.plan.variant.fact)!,
          `${describeVariant(c.plan.variant.fact)}, derivedFrom of Observation/${c.plan.variant.by.id}`,
        )
      : notDerived(
          `no ${label} of the chosen patient derives from a present Variant with an SPDI or HGVS name`,
        );
  return {
    txTreatment: () => first(chosen.tx, 'TherapeuticImplication'),
    populationTreatment: () => first(chosen.tx, 'TherapeuticImplication'),
    txTreatmentWithout: () => treatmentWithout(chosen.tx, data),
    txVariant: () => variantOf(chosen.txVariant, 'TherapeuticImplication'),
    dxCondition: () => first(chosen.dx, 'DiagnosticImplication'),
    populationCondition: () => first(chosen.dx, 'DiagnosticImplication'),
    dxVariant: () => variantOf(chosen.dx, 'DiagnosticImplication'),
    dxRange: () => {
      const v = chosen.dx?.plan.variant?.fact;
      const place = v && placeOf(v);
      return v && place
        ? derived(around(v.location!.accession, place), describeVariant(v))
        : notDerived('the diagnostic variant has no known position');
    },
    featureConsequence: () => first(chosen.mc, 'MolecularConsequence'),
    consequenceVariant: () => variantOf(chosen.mc, 'MolecularConsequence'),
  };
}

/** Aspirin (RxNorm 1191), a medication few genomic implications name, when no other patient's treatment fits. */
const FALLBACK_TREATMENT = 'http://www.nlm.nih.gov/research/umls/rxnorm|1191';

/** A medication another patient's implication names and the tx patient's do not. */
function treatmentWithout(tx: Candidate<ImplicationPlan> | undefined, data: SiteData): Derivation {
  if (!tx) return notDerived('no patient has TherapeuticImplications');
  const own = new Set(tx.plan.implications.flatMap((o) => codesOf(o, TX.component)));
  const other = data
    .ofKind('therapeutic-implication')
    .flatMap((o) => codesOf(o, TX.component))
    .find((code) => !own.has(code));
  if (other)
    return derived(
      other,
      `named by another patient's TherapeuticImplication, by none of Patient/${tx.patient}`,
    );
  if (!own.has(FALLBACK_TREATMENT))
    return derived(
      FALLBACK_TREATMENT,
      `aspirin: none of the TherapeuticImplications of Patient/${tx.patient} names it`,
    );
  return notDerived(`Patient/${tx.patient} has implications for every medication init knows`);
}

export const IMPLICATION_KINDS = { TX, DX, MC };
