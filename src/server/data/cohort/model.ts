// Resource builders for the synthetic cohort: each turns a small spec into an STU3-conformant resource
// (meta.profile, both Observation categories, fixed codes, required components). Used by generate.ts.

export const SYS = {
  loinc: 'http://loinc.org',
  tbd: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs',
  obsCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  v2_0074: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  hgnc: 'http://www.genenames.org',
  hgvs: 'http://varnomen.hgvs.org',
  so: 'http://www.sequenceontology.org',
  refseq: 'http://www.ncbi.nlm.nih.gov/refseq',
  dbsnp: 'http://www.ncbi.nlm.nih.gov/projects/SNP',
  spdi: 'https://api.ncbi.nlm.nih.gov/variation/v0/',
  pharmvar: 'http://www.pharmvar.org',
  imgtHla: 'http://www.ebi.ac.uk/ipd/imgt/hla',
  glstring: 'http://glstring.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  snomed: 'http://snomed.info/sct',
  phase: 'http://terminology.hl7.org/CodeSystem/sequence-phase-relationship-cs',
  pharmgkb: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/pharmgkb-evidence-level-custom-cs',
  biomarkerOntology: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/molecular-biomarker-ontology-cs',
  studyType: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/genomic-study-type-cs',
  methodType: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/genomic-study-method-type-cs',
  dataFormat: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/genomic-study-data-format-cs',
  testId: 'http://fgc.example.org/fhir/NamingSystem/test-id',
  specimenId: 'http://fgc.example.org/fhir/NamingSystem/specimen-id',
  mrn: 'http://fgc.example.org/fhir/NamingSystem/mrn',
  dataSource: 'http://fgc.example.org/fhir/CodeSystem/data-source',
} as const;

const IG = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';
export const profile = (id: string): string => IG + id;

export type Json = Record<string, unknown>;
export interface CodingSpec {
  system: string;
  code: string;
  display?: string;
}

export const coding = (system: string, code: string, display?: string): CodingSpec =>
  display === undefined ? { system, code } : { system, code, display };
export const cc = (system: string, code: string, display?: string, text?: string): Json =>
  text === undefined
    ? { coding: [coding(system, code, display)] }
    : { coding: [coding(system, code, display)], text };
export const ref = (type: string, id: string): Json => ({ reference: `${type}/${id}` });

const TAG = { system: SYS.dataSource, code: 'synthetic-cohort' };
export function meta(profileId?: string): Json {
  return profileId ? { profile: [profile(profileId)], tag: [TAG] } : { tag: [TAG] };
}

/** The two STU3 category CodeableConcepts, each with exactly one coding. */
export const GENOMIC_CATEGORIES = [
  cc(SYS.obsCategory, 'laboratory', 'Laboratory'),
  cc(SYS.v2_0074, 'GE', 'Genetics'),
];

// LL2938-0 answers, chromosome 1..22, X, Y (LA21254-0 … LA21277-1).
export const CHROMOSOME_ANSWERS = [
  'LA21254-0',
  'LA21255-7',
  'LA21256-5',
  'LA21257-3',
  'LA21258-1',
  'LA21259-9',
  'LA21260-7',
  'LA21261-5',
  'LA21262-3',
  'LA21263-1',
  'LA21264-9',
  'LA21265-6',
  'LA21266-4',
  'LA21267-2',
  'LA21268-0',
  'LA21269-8',
  'LA21270-6',
  'LA21271-4',
  'LA21272-2',
  'LA21273-0',
  'LA21274-8',
  'LA21275-5',
  'LA21276-3',
  'LA21277-1',
];

/** The LL2938-0 (required binding) answer for a chromosome: '1'..'22', 'X' or 'Y'. */
export function chromosomeAnswer(chromosome: string): Json {
  const index = chromosome === 'X' ? 23 : chromosome === 'Y' ? 24 : Number(chromosome);
  return cc(SYS.loinc, CHROMOSOME_ANSWERS[index - 1]!, `Chromosome ${chromosome}`);
}

export function buildComponent(code: Json, value: Json): Json {
  return { code, ...value };
}
export const loincComponent = (code: string, display: string, value: Json): Json =>
  buildComponent(cc(SYS.loinc, code, display), value);
export const tbdComponent = (code: string, value: Json): Json => buildComponent(cc(SYS.tbd, code), value);

export interface Gene {
  hgnc: string;
  symbol: string;
}
export const geneComponent = (gene: Gene): Json =>
  loincComponent('48018-6', 'Gene studied [ID]', {
    valueCodeableConcept: cc(SYS.hgnc, gene.hgnc, gene.symbol),
  });

/** Provenance every finding and implication shares: who, which test's specimen, when. */
export interface ObservationContext {
  patientId: string;
  specimenId: string;
  issued: string;
}

export function observationBase(id: string, profileId: string, code: Json, ctx: ObservationContext): Json {
  return {
    resourceType: 'Observation',
    id,
    meta: meta(profileId),
    status: 'final',
    category: GENOMIC_CATEGORIES,
    code,
    subject: ref('Patient', ctx.patientId),
    effectiveDateTime: ctx.issued,
    issued: ctx.issued,
    specimen: ref('Specimen', ctx.specimenId),
  };
}
