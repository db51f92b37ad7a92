// Codes and helpers for reading Genomics Reporting Observations (component lookup by code). The LOINC codes
// the harness reads too come from src/genomics/; the reading itself is the server's own (see coordinates.ts).
import type { CodeableConcept, Coding, Observation, ObservationComponent } from '@medplum/fhirtypes';
import { COORDINATE_SYSTEMS, LOINC, SOURCE_CLASS_CODES, VARIANT_COMPONENTS } from '../../genomics/loinc.js';

export { COORDINATE_SYSTEMS, LOINC };
export const TBD_CODES = 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs';
export const REFSEQ = 'http://www.ncbi.nlm.nih.gov/refseq';
export const IG_CANONICAL = 'http://hl7.org/fhir/uv/genomics-reporting';

export const Codes = {
  variant: '69548-6',
  haplotype: '84414-2',
  genotype: '84413-4',
  sequencePhaseRelationship: '82120-7',
  therapeuticImplication: 'therapeutic-implication',
  diagnosticImplication: 'diagnostic-implication',
  molecularConsequence: 'molecular-consequence',
  genomicReport: '51969-4',
  geneStudied: '48018-6',
  genomicRefSeq: VARIANT_COMPONENTS.genomicRefSeq,
  exactStartEnd: VARIANT_COMPONENTS.exactStartEnd,
  outerStartEnd: VARIANT_COMPONENTS.outerStartEnd,
  innerStartEnd: VARIANT_COMPONENTS.innerStartEnd,
  coordinateSystem: VARIANT_COMPONENTS.coordinateSystem,
  refAllele: '69547-8',
  altAllele: '69551-0',
  codingHgvs: '48004-6',
  genomicHgvs: '81290-9',
  proteinHgvs: '48005-3',
  variationCode: '81252-9',
  codingChangeType: '48019-4',
  genomicSourceClass: VARIANT_COMPONENTS.genomicSourceClass,
  assembly: VARIANT_COMPONENTS.assembly,
  medicationAssessed: '51963-7',
  associatedTherapy: 'associated-therapy',
  phenotype: '81259-4',
  featureConsequence: 'feature-consequence',
} as const;

export const SourceClasses: Readonly<Record<string, 'germline' | 'somatic'>> = {
  [SOURCE_CLASS_CODES.germline]: 'germline',
  [SOURCE_CLASS_CODES.somatic]: 'somatic',
};

export function hasCode(concept: CodeableConcept | undefined, code: string): boolean {
  return concept?.coding?.some((c) => c.code === code) ?? false;
}

export function components(obs: Observation, code: string): ObservationComponent[] {
  return (obs.component ?? []).filter((c) => hasCode(c.code, code));
}

export function component(obs: Observation, code: string): ObservationComponent | undefined {
  return components(obs, code)[0];
}

export function codings(concept: CodeableConcept | undefined): Coding[] {
  return concept?.coding ?? [];
}

/** The first coding code of a component's CodeableConcept value. */
export function componentCode(obs: Observation, code: string): string | undefined {
  return component(obs, code)?.valueCodeableConcept?.coding?.find((c) => c.code)?.code;
}

/** Every string a component carries: coding codes, displays and text, or its valueString. */
export function componentStrings(c: ObservationComponent): string[] {
  const out: string[] = [];
  const cc = c.valueCodeableConcept;
  for (const coding of cc?.coding ?? []) {
    if (coding.code) out.push(coding.code);
    if (coding.display) out.push(coding.display);
  }
  if (cc?.text) out.push(cc.text);
  if (c.valueString) out.push(c.valueString);
  return out;
}
