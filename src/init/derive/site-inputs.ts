// Inputs about the site as a whole: a patient without genomic results, whether operations answer POST,
// and the population values (variants held by someone, a range where nobody has a structural variant).
import { IG_CANONICAL } from '../../server/genomics/codes.js';
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

/** Per FHIR R4, an operation declared with the IG's OperationDefinition claims both GET and POST. */
export function postSupported(capabilityStatement: unknown): Derivation {
  if (!capabilityStatement) return notDerived('the server has no CapabilityStatement to say so');
  type Op = { name?: string; definition?: string };
  const rests =
    (capabilityStatement as { rest?: { operation?: Op[]; resource?: { operation?: Op[] }[] }[] }).rest ?? [];
  const operations = rests.flatMap((r) => [
    ...(r.operation ?? []),
    ...(r.resource ?? []).flatMap((x) => x.operation ?? []),
  ]);
  const genomic = operations.filter((op) =>
    op.definition?.startsWith(`${IG_CANONICAL}/OperationDefinition/find-`),
  );
  if (genomic.length === 0)
    return notDerived(
      'the CapabilityStatement declares no genomics operation with its IG OperationDefinition',
    );
  return derived(
    true,
    `the CapabilityStatement declares ${genomic.length} operation(s) with the IG OperationDefinition, which in FHIR R4 means GET and POST`,
  );
}

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
