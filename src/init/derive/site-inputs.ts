// Inputs about the site as a whole: a patient without genomic results and the population values (variants held by someone, a range where nobody has a structural variant).
import { describeVariant, structuralBounds, type VariantFact } from '../variants.js';
import type { Role } from './roles.js';
import { emptyRange, emptyRegion } from './ranges.js';
import { type Derivation, type DeriveContext, derived, notDerived } from './types.js';

export const emptyPatientRole: Role<null> = {
  input: 'emptyPatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()]
      .filter(
        (p) =>
          p.exists &&
          p.observations.size === 0 &&
          p.reports.length === 0 &&
          p.dataFiles.length === 0 &&
          p.procedures.length === 0,
      )
      .map((p) => ({ patient: p.id, quality: 0, plan: null })),
  describe: () => 'a Patient no genomic resource read points at',
};

export function populationRules(
  ctx: DeriveContext,
  variantPatient: { patient: string; main: VariantFact } | undefined,
): Record<string, () => Derivation> {
  const everyVariant = ctx.data.allVariants();
  const sample = ctx.complete.has('Variants') ? '' : ' (from the Variants read: a sample of the site)';
  return {
    populationVariants: () => {
      const first = variantPatient?.main.spdi
        ? variantPatient.main
        : everyVariant.find((v) => v.present && v.spdi);
      const second = everyVariant.find((v) => v.present && v.spdi && v.patient !== first?.patient);
      if (!first || !second) return notDerived('fewer than two patients have a present Variant with an SPDI');
      return derived([first.spdi!, second.spdi!], `${describeVariant(first)}; ${describeVariant(second)}`);
    },
    populationEmptyRange: () => {
      const structural = everyVariant.filter((v) => structuralBounds(v) !== undefined || !v.location);
      const region = emptyRegion(everyVariant) ?? emptyRegion(structural);
      return region
        ? derived(
            emptyRange(region, 'GRCh38'),
            `no structural variant of any patient on chromosome ${region.chromosome}${sample}`,
          )
        : notDerived('structural variants are on every autosome');
    },
  };
}
