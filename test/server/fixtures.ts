// Small hand-made genomic fixtures for the reference server tests (loaded through the `resources` option).
import type { Observation, ObservationComponent } from '@medplum/fhirtypes';

const LOINC = 'http://loinc.org';
const TBD = 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs';
const cc = (system: string, code: string, display?: string) => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});
const comp = (code: string, value: Omit<ObservationComponent, 'code'>): ObservationComponent => ({
  code: cc(LOINC, code),
  ...value,
});
const categories = [
  cc('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory'),
  cc('http://terminology.hl7.org/CodeSystem/v2-0074', 'GE'),
];

export const patient = (id: string) => ({ resourceType: 'Patient', id });

export interface SimpleVariant {
  id: string;
  patient: string;
  accession: string;
  /** Low and (optional) high as stored, in `system` coordinates. */
  low: number;
  high?: number;
  ref: string;
  alt: string;
  system?: 'LA30100-4' | 'LA30102-0';
  sourceClass?: 'germline' | 'somatic';
  hgvsC?: string;
  hgvsG?: string;
  specimen?: string;
}

export function variant(v: SimpleVariant): Observation {
  const component: ObservationComponent[] = [
    comp('48013-7', { valueCodeableConcept: cc('http://www.ncbi.nlm.nih.gov/refseq', v.accession) }),
    comp('92822-6', { valueCodeableConcept: cc(LOINC, v.system ?? 'LA30102-0') }),
    comp('81254-5', {
      valueRange: { low: { value: v.low }, ...(v.high !== undefined ? { high: { value: v.high } } : {}) },
    }),
    comp('69547-8', { valueString: v.ref }),
    comp('69551-0', { valueString: v.alt }),
  ];
  if (v.sourceClass)
    component.push(
      comp('48002-0', {
        valueCodeableConcept: cc(LOINC, v.sourceClass === 'germline' ? 'LA6683-2' : 'LA6684-0'),
      }),
    );
  if (v.hgvsC)
    component.push(comp('48004-6', { valueCodeableConcept: cc('http://varnomen.hgvs.org', v.hgvsC) }));
  if (v.hgvsG)
    component.push(comp('81290-9', { valueCodeableConcept: cc('http://varnomen.hgvs.org', v.hgvsG) }));
  return {
    resourceType: 'Observation',
    id: v.id,
    meta: { profile: ['http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant'] },
    status: 'final',
    category: structuredClone(categories),
    code: cc(LOINC, '69548-6', 'Genetic variant assessment'),
    subject: { reference: `Patient/${v.patient}` },
    valueCodeableConcept: cc(LOINC, 'LA9633-4', 'Present'),
    ...(v.specimen ? { specimen: { reference: `Specimen/${v.specimen}` } } : {}),
    component,
  };
}

export interface StructuralVariant {
  id: string;
  patient: string;
  accession: string;
  outer?: [number, number];
  inner?: [number, number];
  system?: 'LA30100-4' | 'LA30102-0';
}

export function structuralVariant(v: StructuralVariant): Observation {
  const component: ObservationComponent[] = [
    comp('48013-7', { valueCodeableConcept: cc('http://www.ncbi.nlm.nih.gov/refseq', v.accession) }),
    comp('92822-6', { valueCodeableConcept: cc(LOINC, v.system ?? 'LA30100-4') }),
    comp('48019-4', {
      valueCodeableConcept: cc('http://www.sequenceontology.org', 'SO:0001019', 'copy_number_variation'),
    }),
  ];
  if (v.outer)
    component.push(
      comp('81301-4', { valueRange: { low: { value: v.outer[0] }, high: { value: v.outer[1] } } }),
    );
  if (v.inner)
    component.push(
      comp('81302-2', { valueRange: { low: { value: v.inner[0] }, high: { value: v.inner[1] } } }),
    );
  return {
    resourceType: 'Observation',
    id: v.id,
    status: 'final',
    category: structuredClone(categories),
    code: cc(LOINC, '69548-6'),
    subject: { reference: `Patient/${v.patient}` },
    valueCodeableConcept: cc(LOINC, 'LA9633-4', 'Present'),
    component,
  };
}

export function haplotype(
  id: string,
  patient: string,
  kind: 'haplotype' | 'genotype',
  name: string,
  gene?: [string, string],
) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: structuredClone(categories),
    code: cc(LOINC, kind === 'haplotype' ? '84414-2' : '84413-4'),
    subject: { reference: `Patient/${patient}` },
    valueCodeableConcept: { coding: [{ system: 'http://www.pharmvar.org', code: name, display: name }] },
    ...(gene
      ? {
          component: [
            comp('48018-6', { valueCodeableConcept: cc('http://www.genenames.org', gene[0], gene[1]) }),
          ],
        }
      : {}),
  };
}

export function implication(
  id: string,
  patient: string,
  kind: 'therapeutic-implication' | 'diagnostic-implication' | 'molecular-consequence',
  derivedFrom: string[],
  component: ObservationComponent[],
) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: structuredClone(categories),
    code: cc(TBD, kind),
    subject: { reference: `Patient/${patient}` },
    derivedFrom: derivedFrom.map((reference) => ({ reference })),
    component,
  };
}

export const medication = (code: string, display: string): ObservationComponent =>
  comp('51963-7', { valueCodeableConcept: cc('http://www.nlm.nih.gov/research/umls/rxnorm', code, display) });
export const condition = (code: string, display: string): ObservationComponent =>
  comp('81259-4', { valueCodeableConcept: cc('http://snomed.info/sct', code, display) });
export const featureConsequence = (code: string): ObservationComponent => ({
  code: cc(TBD, 'feature-consequence'),
  valueCodeableConcept: cc('http://www.sequenceontology.org', code),
});

export function specimen(id: string, identifier: string) {
  return { resourceType: 'Specimen', id, identifier: [{ value: identifier }] };
}

export function report(
  id: string,
  patient: string,
  identifier: string,
  date: string,
  results: string[],
  specimenId?: string,
) {
  return {
    resourceType: 'DiagnosticReport',
    id,
    meta: { profile: ['http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-report'] },
    status: 'final',
    identifier: [{ value: identifier }],
    category: [cc('http://terminology.hl7.org/CodeSystem/v2-0074', 'GE')],
    code: cc(LOINC, '51969-4', 'Genetic analysis report'),
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: date,
    ...(specimenId ? { specimen: [{ reference: `Specimen/${specimenId}` }] } : {}),
    result: results.map((reference) => ({ reference })),
  };
}

export function phaseRelationship(id: string, patient: string, a: string, b: string) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: structuredClone(categories),
    code: cc(LOINC, '82120-7'),
    subject: { reference: `Patient/${patient}` },
    valueCodeableConcept: cc('http://terminology.hl7.org/CodeSystem/sequence-phase-relationship-cs', 'Cis'),
    derivedFrom: [{ reference: `Observation/${a}` }, { reference: `Observation/${b}` }],
  };
}
