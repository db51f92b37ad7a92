// The implication patients: therapeutic (treatments with and without implications, and a variant or haplotype an
// implication derives from), diagnostic (conditions with and without, variant, range) and molecular consequences
// (SO consequence, variant), plus the biomarker patient. A code is used only when every implication carrying it points at targets the operations can return.
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
import { valueForms } from './haplotype-inputs.js';
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
  /** A code for the `…Without` input when no other patient's implication names one: what it is, and its name. */
  readonly fallback?: { readonly code: string; readonly name: string };
}

const TX: ImplicationKind = {
  kind: 'therapeutic-implication',
  label: 'TherapeuticImplication',
  component: Codes.medicationAssessed,
  targets: ['variant', 'haplotype', 'genotype'],
  // Aspirin, a medication few genomic implications name.
  fallback: { code: 'http://www.nlm.nih.gov/research/umls/rxnorm|1191', name: 'aspirin' },
};
const DX: ImplicationKind = {
  kind: 'diagnostic-implication',
  label: 'DiagnosticImplication',
  component: Codes.phenotype,
  targets: ['variant'],
  // Malignant melanoma, a condition most germline implications do not name.
  fallback: { code: 'http://snomed.info/sct|372244006', name: 'malignant melanoma' },
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
  /** The same for a Haplotype or Genotype (a genotype first: its implications bring its haplotypes too). */
  readonly call?: { readonly obs: Observation; readonly by: Observation };
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
  const derivingFrom = (target: Observation) =>
    all.filter((o) => (o.derivedFrom ?? []).some((d) => refOf(d.reference) === `Observation/${target.id}`));
  const targets = all
    .filter(clean)
    .flatMap((by) =>
      (by.derivedFrom ?? []).map((d) => ({ target: data.get(d.reference) as Observation, by })),
    )
    .filter(({ target }) => derivingFrom(target).every(clean));
  const variant = targets
    .filter(({ target }) => kindOf(target) === 'variant')
    .map(({ target, by }) => ({ fact: data.variant(target), by }))
    .find(({ fact }) => fact.present && variantName(fact) !== undefined);
  const calls = targets.filter(({ target }) => valueForms(target).length > 0);
  const call = ['genotype', 'haplotype']
    .map((kind) => calls.find(({ target }) => kindOf(target) === kind))
    .find(Boolean);
  return {
    implications: all,
    codes,
    ...(variant ? { variant } : {}),
    ...(call ? { call: { obs: call.target, by: call.by } } : {}),
  };
}

/**
 * `needsVariant`: the role is about the variant an implication derives from (else about its codes). `uses`: the
 * targets the role's inputs name (a variant, a haplotype or genotype), which make a patient better.
 */
function implicationRole(
  input: string,
  kind: ImplicationKind,
  needsVariant: boolean,
  uses: readonly ('variant' | 'call')[],
): Role<ImplicationPlan> {
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
          uses.filter((target) => plan[target]).length * 30 +
          (all.every((o) => returnable(ctx.data, o, kind, p.id)) ? 20 : 0);
        return [{ patient: p.id, quality, plan }];
      }),
    describe: ({ plan }) => `${plan.implications.length} ${kind.label}(s)`,
  };
}

export const txRole = implicationRole('txPatientId', TX, false, ['call']);
export const txVariantRole = implicationRole('txVariantPatientId', TX, true, ['variant']);
export const dxRole = implicationRole('dxPatientId', DX, false, ['variant']);
export const consequenceRole = implicationRole('consequencePatientId', MC, false, ['variant']);

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
    txTreatmentWithout: () => codeWithout(TX, 'medication', chosen.tx, data),
    txVariant: () => variantOf(chosen.txVariant, 'TherapeuticImplication'),
    txHaplotype: () => {
      const call = chosen.tx?.plan.call;
      return call
        ? derived(
            valueForms(call.obs)[0]!,
            `the value of ${kindOf(call.obs) === 'genotype' ? 'Genotype' : 'Haplotype'} Observation/${call.obs.id}, derivedFrom of Observation/${call.by.id}`,
          )
        : notDerived(
            'no TherapeuticImplication of the chosen patient derives from a Haplotype or Genotype with a value',
          );
    },
    dxCondition: () => first(chosen.dx, 'DiagnosticImplication'),
    dxConditionWithout: () => codeWithout(DX, 'condition', chosen.dx, data),
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

/** A code another patient's implication names and none of the chosen patient's do, else the kind's fallback. */
function codeWithout(
  kind: ImplicationKind,
  noun: string,
  chosen: Candidate<ImplicationPlan> | undefined,
  data: SiteData,
): Derivation {
  if (!chosen) return notDerived(`no patient has ${kind.label}s`);
  const own = new Set(chosen.plan.implications.flatMap((o) => codesOf(o, kind.component)));
  const other = data
    .ofKind(kind.kind)
    .flatMap((o) => codesOf(o, kind.component))
    .find((code) => !own.has(code));
  if (other)
    return derived(other, `named by another patient's ${kind.label}, by none of Patient/${chosen.patient}`);
  if (kind.fallback && !own.has(kind.fallback.code))
    return derived(
      kind.fallback.code,
      `${kind.fallback.name}: none of the ${kind.label}s of Patient/${chosen.patient} names it`,
    );
  return notDerived(`Patient/${chosen.patient} has implications for every ${noun} init knows`);
}

export const IMPLICATION_KINDS = { TX, DX, MC };
