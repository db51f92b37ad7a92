// Building operation output: Parameters parts, and Variants in the operation minimum form
// (coordinate system 0-based interval counting, LA30100-4, with positions converted from the stored form).
import type { Observation, ObservationComponent, ParametersParameter, Resource } from '@medplum/fhirtypes';
import type { Interval } from '../coordinates.js';
import { Codes, COORDINATE_SYSTEMS, LOINC, REFSEQ, hasCode } from '../genomics/codes.js';
import type { Finding } from '../genomics/index.js';

export const str = (name: string, value: string): ParametersParameter => ({ name, valueString: value });
export const bool = (name: string, value: boolean): ParametersParameter => ({ name, valueBoolean: value });
export const count = (name: string, value: number): ParametersParameter => ({
  name,
  valueQuantity: { value },
});
export const res = (name: string, resource: Resource): ParametersParameter => ({ name, resource });
export const part = (name: string, parts: ParametersParameter[]): ParametersParameter => ({
  name,
  part: parts,
});

const loinc = (code: string, display: string): ObservationComponent['code'] => ({
  coding: [{ system: LOINC, code, display }],
});

function setComponent(obs: Observation, code: string, component: ObservationComponent): void {
  const list = obs.component ?? (obs.component = []);
  const i = list.findIndex((c) => hasCode(c.code, code));
  if (i >= 0) list[i] = component;
  else list.push(component);
}

const range = (i: Interval): ObservationComponent['valueRange'] => ({
  low: { value: i.start },
  high: { value: i.end },
});

/** The finding's resource, with coordinates rewritten to 0-based half-open (LA30100-4). */
export function variantOutput(finding: Finding): Observation {
  const obs = structuredClone(finding.resource);
  const loc = finding.location;
  if (!loc) return obs;
  if (!obs.valueCodeableConcept)
    obs.valueCodeableConcept = { coding: [{ system: LOINC, code: 'LA9633-4', display: 'Present' }] };
  if (!obs.component?.some((c) => hasCode(c.code, Codes.genomicRefSeq)))
    setComponent(obs, Codes.genomicRefSeq, {
      code: loinc(Codes.genomicRefSeq, 'Genomic reference sequence ID'),
      valueCodeableConcept: { coding: [{ system: REFSEQ, code: loc.accession }] },
    });
  setComponent(obs, Codes.coordinateSystem, {
    code: loinc(Codes.coordinateSystem, 'Genomic coordinate system'),
    valueCodeableConcept: {
      coding: [
        { system: LOINC, code: COORDINATE_SYSTEMS.zeroBasedInterval, display: '0-based interval counting' },
      ],
    },
  });
  const exact = loc.exact ?? (loc.allele && !loc.structural ? loc.allele : undefined);
  if (exact)
    setComponent(obs, Codes.exactStartEnd, {
      code: loinc(Codes.exactStartEnd, 'Variant exact start-end'),
      valueRange: range(exact),
    });
  if (loc.outer)
    setComponent(obs, Codes.outerStartEnd, {
      code: loinc(Codes.outerStartEnd, 'Structural variant outer start and end'),
      valueRange: range(loc.outer),
    });
  if (loc.inner)
    setComponent(obs, Codes.innerStartEnd, {
      code: loinc(Codes.innerStartEnd, 'Structural variant inner start and end'),
      valueRange: range(loc.inner),
    });
  const ref = loc.ref ?? loc.allele?.ref;
  const alt = loc.alt ?? loc.allele?.alt;
  if (!loc.structural && ref && !obs.component?.some((c) => hasCode(c.code, Codes.refAllele)))
    setComponent(obs, Codes.refAllele, {
      code: loinc(Codes.refAllele, 'Genomic ref allele [ID]'),
      valueString: ref,
    });
  if (!loc.structural && alt && !obs.component?.some((c) => hasCode(c.code, Codes.altAllele)))
    setComponent(obs, Codes.altAllele, {
      code: loinc(Codes.altAllele, 'Genomic alt allele [ID]'),
      valueString: alt,
    });
  return obs;
}

/** A finding as an output part named by its kind (variants in the operation minimum form). */
export function findingOutput(finding: Finding): ParametersParameter | undefined {
  switch (finding.kind) {
    case 'variant':
      return res('variant', variantOutput(finding));
    case 'haplotype':
      return res('haplotype', finding.resource);
    case 'genotype':
      return res('genotype', finding.resource);
    default:
      return undefined;
  }
}
