// The variant patient and the inputs about its variants: ranges with and without variants on both builds,
// boundary ranges, structural-variant ranges, the variant as SPDI and HGVS with its source class, and variants it
// does not have.
import type { Interval } from '../../server/coordinates.js';
import { describeVariant, footprint, structuralBounds, type VariantFact } from '../variants.js';
import { type Role } from './roles.js';
import { MARGIN, anyWithin, around, emptyRange, emptyRegion, rangeText, placeOf } from './ranges.js';
import { type Candidate, type Derivation, derived, notDerived } from './types.js';

export interface VariantPlan {
  /** Every Variant of the patient, present or not, located or not. */
  readonly all: readonly VariantFact[];
  /** Present simple variants with a known position. */
  readonly simple: readonly VariantFact[];
  /** The variant the boundary ranges and the known-variant inputs are about. */
  readonly main: VariantFact;
  /** `main` when a range can end at its start with nothing else inside: how far back that range reaches. */
  readonly boundary?: { readonly fact: VariantFact; readonly start: number; readonly from: number };
  readonly structural?: { readonly fact: VariantFact; readonly narrow: Interval; readonly wide: Interval };
}

/** Present simple variants with a position; SNVs first (they have one unambiguous start). */
function simpleVariants(all: readonly VariantFact[]): VariantFact[] {
  return all
    .filter((v) => v.present && v.location && !v.location.structural && placeOf(v))
    .sort((a, b) => Number(b.snv) - Number(a.snv) || Number(Boolean(b.spdi)) - Number(Boolean(a.spdi)));
}

/** An SNV with room before it: a range can end exactly at its start and hold no other variant. */
function boundaryOf(all: readonly VariantFact[], snvs: readonly VariantFact[]): VariantPlan['boundary'] {
  for (const fact of snvs) {
    const start = fact.location!.exact!.start;
    const accession = fact.location!.accession;
    let from = start - MARGIN;
    for (const other of all) {
      const box = footprint(other);
      if (other === fact || !box || other.location?.accession !== accession || box.start >= start) continue;
      from = Math.max(from, box.end + 1);
    }
    if (
      from < start &&
      from >= 0 &&
      !anyWithin(
        all.filter((v) => v !== fact),
        accession,
        from,
        start,
      )
    )
      return { fact, start, from };
  }
  return undefined;
}

function variantPlan(all: readonly VariantFact[]): VariantPlan | undefined {
  const simple = simpleVariants(all);
  if (simple.length === 0) return undefined;
  const snvs = simple.filter((v) => v.snv && v.location?.exact);
  const boundary = boundaryOf(all, snvs);
  // A structural variant with inner bounds first: a range equal to them is certainly subsumed.
  const svs = all
    .filter((v) => v.present)
    .map((fact) => ({ fact, bounds: structuralBounds(fact) }))
    .filter((s) => s.bounds !== undefined);
  const sv = svs.find((s) => s.fact.location!.inner) ?? svs[0];
  return {
    all,
    simple,
    main: boundary?.fact ?? simple[0]!,
    ...(boundary ? { boundary } : {}),
    ...(sv?.bounds ? { structural: { fact: sv.fact, ...sv.bounds } } : {}),
  };
}

/** A Variant is described well enough to test when its position or an HGVS name is known. */
function described(v: VariantFact): boolean {
  return v.location !== undefined || Boolean(v.codingHgvs ?? v.genomicHgvs);
}

export const variantRole: Role<VariantPlan> = {
  input: 'variantPatientId',
  candidates(ctx) {
    const out: Candidate<VariantPlan>[] = [];
    for (const p of ctx.data.patients().values()) {
      const plan = variantPlan(p.variants);
      if (!plan) continue;
      const quality =
        (plan.structural ? 100 : 0) +
        (plan.main.spdi ? 50 : 0) +
        (plan.boundary ? 20 : 0) +
        (plan.main.codingHgvs || plan.main.genomicHgvs ? 10 : 0) +
        (p.variants.every(described) ? 30 : 0) +
        (p.exists ? 5 : 0);
      out.push({ patient: p.id, quality, plan });
    }
    return out;
  },
  describe: ({ plan }) =>
    `${plan.simple.length} simple Variant(s) with a known position` +
    (plan.structural ? `, a structural variant (${plan.structural.fact.ref})` : ''),
};

/** The rules of the variant inputs, given the chosen variant patient (undefined: none). */
export function variantRules(
  chosen: Candidate<VariantPlan> | undefined,
  everyVariant: readonly VariantFact[],
): Record<string, () => Derivation> {
  const none = () =>
    notDerived('no patient has a Variant with a known position (coordinate system or genomic HGVS)');
  if (!chosen) {
    return Object.fromEntries(VARIANT_INPUTS.map((name) => [name, none]));
  }
  const { plan } = chosen;
  const main = plan.main;
  const place = placeOf(main)!;
  const mainAccession = main.location!.accession;
  // A second range on the other build when the patient has one, else elsewhere on the genome.
  const away = (v: VariantFact) =>
    v.location!.accession !== mainAccession || Math.abs(placeOf(v)!.start - place.start) > 10 * MARGIN;
  const otherSimple =
    plan.simple.find((v) => v.build !== undefined && v.build !== main.build) ?? plan.simple.find(away);
  const empty = emptyRegion(plan.all);
  const build = main.build ?? 'GRCh38';
  const noStructural = () =>
    notDerived(`Patient/${chosen.patient} has no structural variant with outer, inner or exact bounds`);
  const sv = plan.structural;
  const noBoundary = () =>
    notDerived(`no SNV of Patient/${chosen.patient} has room before it for a range that ends at its start`);
  const noEmpty = () => notDerived(`Patient/${chosen.patient} has variants on every autosome`);
  const spdi = main.spdi;
  return {
    rangeWithVariant: () => derived(around(mainAccession, place), describeVariant(main)),
    rangesWithVariants: () =>
      derived(
        [main, ...(otherSimple ? [otherSimple] : [])].map((v) => around(v.location!.accession, placeOf(v)!)),
        [main, ...(otherSimple ? [otherSimple] : [])].map(describeVariant).join('; '),
      ),
    rangeWithoutVariant: () =>
      empty
        ? derived(
            emptyRange(empty, build),
            `no Variant of Patient/${chosen.patient} on chromosome ${empty.chromosome}`,
          )
        : noEmpty(),
    rangesWithoutVariants: () =>
      empty
        ? derived(
            [emptyRange(empty, 'GRCh38'), emptyRange(empty, 'GRCh37')],
            `no Variant of Patient/${chosen.patient} on chromosome ${empty.chromosome} (GRCh38 and GRCh37)`,
          )
        : noEmpty(),
    rangeStartingAtVariant: () =>
      plan.boundary
        ? derived(
            rangeText(mainAccession, plan.boundary.start, plan.boundary.start + MARGIN),
            `starts at ${describeVariant(plan.boundary.fact)}, ${plan.boundary.fact.basis}`,
          )
        : noBoundary(),
    rangeEndingAtVariant: () =>
      plan.boundary
        ? derived(
            rangeText(mainAccession, plan.boundary.from, plan.boundary.start),
            `ends at the start of ${describeVariant(plan.boundary.fact)}; no other Variant of the patient inside`,
          )
        : noBoundary(),
    knownVariant: () =>
      spdi ? derived(spdi, describeVariant(main)) : notDerived(`${main.ref} has no REF and ALT for an SPDI`),
    knownVariants: () =>
      spdi
        ? derived(
            [...new Set([spdi, main.codingHgvs, main.genomicHgvs].filter((v): v is string => Boolean(v)))],
            `${describeVariant(main)}: SPDI${main.codingHgvs ? ', its c.HGVS' : ''}${main.genomicHgvs ? ', its g.HGVS' : ''}`,
          )
        : notDerived(`${main.ref} has no REF and ALT for an SPDI`),
    absentVariants: () => absentVariant(main, plan.all, `Patient/${chosen.patient}`),
    populationAbsentVariants: () => absentVariant(main, everyVariant, 'any patient read'),
    svIntersectingRange: () =>
      sv
        ? derived(
            rangeText(sv.fact.location!.accession, sv.narrow.start - 1000, sv.narrow.start + 1),
            `overlaps the start of ${describeVariant(sv.fact)}`,
          )
        : noStructural(),
    svSubsumedRange: () => (sv ? subsumedRange(sv) : noStructural()),
    svNotSubsumedRange: () => (sv ? wider(sv, plan.all) : noStructural()),
    svInnerRange: () => (sv ? innerRange(sv) : noStructural()),
    knownVariantSourceClass: () =>
      main.sourceClass
        ? derived(main.sourceClass, `genomic source class of ${describeVariant(main)}, the knownVariant`)
        : notDerived(`${main.ref} (the knownVariant) has no genomic source class (48002-0)`),
  };
}

export const VARIANT_INPUTS = [
  'rangeWithVariant',
  'rangesWithVariants',
  'rangeWithoutVariant',
  'rangesWithoutVariants',
  'rangeStartingAtVariant',
  'rangeEndingAtVariant',
  'knownVariant',
  'knownVariants',
  'absentVariants',
  'populationAbsentVariants',
  'svIntersectingRange',
  'svSubsumedRange',
  'svNotSubsumedRange',
  'svInnerRange',
  'knownVariantSourceClass',
] as const;

/** The same position with an alternate base nobody in `among` has there. */
function absentVariant(main: VariantFact, among: readonly VariantFact[], whom: string): Derivation {
  const loc = main.location;
  if (!main.snv || !loc?.exact || !loc.ref) return notDerived(`${main.ref} is not an SNV`);
  const taken = new Set(
    among
      .filter((v) => v.location?.accession === loc.accession && v.location.exact?.start === loc.exact!.start)
      .map((v) => v.location!.alt),
  );
  const base = ['A', 'C', 'G', 'T'].find((b) => b !== loc.ref && !taken.has(b));
  if (!base) return notDerived(`every base at ${loc.accession}:${loc.exact.start} is held`);
  return derived(
    [`${loc.accession}:${loc.exact.start}:${loc.ref}:${base}`],
    `the position of ${describeVariant(main)} with an ALT that ${whom} does not have`,
  );
}

/** A range inside where the structural variant certainly is (its inner bounds, else its exact extent). */
function subsumedRange(sv: NonNullable<VariantPlan['structural']>): Derivation {
  const { start, end } = sv.narrow;
  const quarter = Math.floor((end - start) / 4);
  return derived(
    rangeText(sv.fact.location!.accession, start + quarter, end - quarter),
    `inside the inner bounds of ${describeVariant(sv.fact)}`,
  );
}

/**
 * Exactly the structural variant's inner bounds (else its exact extent): the variant covers all of it, so it is
 * subsumed whatever bounds a server uses. Outer bounds alone say only where the variant may reach.
 */
function innerRange(sv: NonNullable<VariantPlan['structural']>): Derivation {
  const loc = sv.fact.location!;
  const inner = loc.inner ?? loc.exact;
  if (!inner) return notDerived(`${sv.fact.ref} has outer bounds only: no range is certainly inside it`);
  return derived(
    rangeText(loc.accession, inner.start, inner.end),
    `the ${loc.inner ? 'inner bounds' : 'exact extent'} of ${describeVariant(sv.fact)}, 0-based`,
  );
}

/** A range wider than the structural variant's outer bounds, that no other structural variant covers either. */
function wider(sv: NonNullable<VariantPlan['structural']>, all: readonly VariantFact[]): Derivation {
  const start = Math.max(0, sv.wide.start - 1000);
  const end = sv.wide.end + 1000;
  const covered = all.some((v) => {
    const b = structuralBounds(v);
    return (
      v.location?.accession === sv.fact.location!.accession && b && b.wide.start <= start && b.wide.end >= end
    );
  });
  if (covered)
    return notDerived(`another structural variant of the patient covers the region around ${sv.fact.ref}`);
  return derived(
    rangeText(sv.fact.location!.accession, start, end),
    `1000 bases wider than the outer bounds of ${describeVariant(sv.fact)}`,
  );
}
