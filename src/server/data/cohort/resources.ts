// One builder per STU3 profile used by the synthetic cohort (Variant … GenomicStudyAnalysis, plus the
// Patient and Specimen they hang on). Coordinates are always written 0-based (LA30100-4).
import {
  cc,
  chromosomeAnswer,
  type Gene,
  geneComponent,
  type Json,
  loincComponent,
  meta,
  type ObservationContext,
  observationBase,
  ref,
  SYS,
  tbdComponent,
} from './model.js';
import type { GenomeBuild } from '../../../genomics/accessions.js';
import { COORDINATE_SYSTEMS, GENOME_BUILD_CODES, SOURCE_CLASS_CODES } from '../../../genomics/loinc.js';

const LOINC = SYS.loinc;

export interface VariantSpec {
  id: string;
  gene: Gene;
  build: GenomeBuild;
  chromosome: string;
  accession: string;
  /** 0-based half-open [start, end) of the ref allele (VCF-padded for indels). */
  start: number;
  end: number;
  ref: string;
  alt: string;
  /** Normalized SPDI, when the variant has precise breakpoints. */
  spdi: string;
  hgvsC?: string;
  hgvsG?: string;
  hgvsP?: string;
  transcript?: string;
  dbsnp?: string;
  changeType: [string, string];
  source: 'germline' | 'somatic';
  zygosity?: 'heterozygous' | 'homozygous';
  vaf?: number;
  /** Reads supporting the call (somatic calls report it with the VAF). */
  readDepth?: number;
  confidence?: 'high' | 'intermediate' | 'low';
  /** A short tandem repeat: the motif and the number of units observed. */
  repeat?: { motif: string; count: number };
  /** Cytogenetic location (band), e.g. 7q34. */
  cytoband: string;
}

export interface StructuralVariantSpec {
  id: string;
  gene: Gene;
  build: GenomeBuild;
  chromosome: string;
  accession: string;
  outer: [number, number];
  inner: [number, number];
  changeType: [string, string];
  copyNumber: number;
  hgvsG?: string;
  source: 'germline' | 'somatic';
  cytoband: string;
}

const SOURCE_CLASS = {
  germline: cc(LOINC, SOURCE_CLASS_CODES.germline, 'Germline'),
  somatic: cc(LOINC, SOURCE_CLASS_CODES.somatic, 'Somatic'),
};
const ZYGOSITY = {
  heterozygous: cc(LOINC, 'LA6706-1', 'Heterozygous'),
  homozygous: cc(LOINC, 'LA6705-3', 'Homozygous'),
};
const PRESENT = cc(LOINC, 'LA9633-4', 'Present');
const CONFIDENCE_CS = 'http://terminology.hl7.org/CodeSystem/variant-confidence-status-cs';
const CONFIDENCE = { high: 'High', intermediate: 'Intermediate', low: 'Low' } as const;
/** A count (reads, repeat units) as a UCUM Quantity of unit 1. */
const count = (value: number): Json => ({
  valueQuantity: { value, system: 'http://unitsofmeasure.org', code: '1' },
});
const ZERO_BASED = cc(LOINC, COORDINATE_SYSTEMS.zeroBasedInterval, '0-based interval counting');

const hgvs = (code: string): Json => ({ valueCodeableConcept: cc(SYS.hgvs, code) });
const range = (low: number, high: number): Json => ({
  valueRange: { low: { value: low }, high: { value: high } },
});

/** Components every located variant carries: gene, band, build, chromosome, ref seq, coordinate system. */
function locationComponents(spec: {
  gene: Gene;
  build: GenomeBuild;
  chromosome: string;
  accession: string;
  source: 'germline' | 'somatic';
  cytoband: string;
}): Json[] {
  return [
    geneComponent(spec.gene),
    loincComponent('48001-2', 'Cytogenetic (chromosome) location', {
      valueCodeableConcept: { text: spec.cytoband },
    }),
    loincComponent('62374-4', 'Human reference sequence assembly version', {
      valueCodeableConcept: cc(LOINC, GENOME_BUILD_CODES[spec.build], spec.build),
    }),
    loincComponent('48000-4', 'Chromosome (Chromosome ID)', {
      valueCodeableConcept: chromosomeAnswer(spec.chromosome),
    }),
    loincComponent('48013-7', 'Genomic reference sequence [ID]', {
      valueCodeableConcept: cc(SYS.refseq, spec.accession),
    }),
    loincComponent('92822-6', 'Genomic coordinate system [Type]', { valueCodeableConcept: ZERO_BASED }),
    loincComponent('48002-0', 'Genomic source class [Type]', {
      valueCodeableConcept: SOURCE_CLASS[spec.source],
    }),
  ];
}

export function variant(spec: VariantSpec, ctx: ObservationContext): Json {
  const components: Json[] = [
    ...locationComponents(spec),
    loincComponent('81254-5', 'Genomic allele start-end', range(spec.start, spec.end)),
    loincComponent('69547-8', 'Genomic ref allele [ID]', { valueString: spec.ref }),
    loincComponent('69551-0', 'Genomic alt allele [ID]', { valueString: spec.alt }),
    loincComponent('48019-4', 'DNA change type', { valueCodeableConcept: cc(SYS.so, ...spec.changeType) }),
    loincComponent('81252-9', 'Discrete genetic variant', { valueCodeableConcept: cc(SYS.spdi, spec.spdi) }),
  ];
  if (spec.dbsnp)
    components.push(
      loincComponent('81252-9', 'Discrete genetic variant', {
        valueCodeableConcept: cc(SYS.dbsnp, spec.dbsnp),
      }),
    );
  if (spec.transcript)
    components.push(
      loincComponent('51958-7', 'Transcript reference sequence [ID]', {
        valueCodeableConcept: cc(SYS.refseq, spec.transcript),
      }),
    );
  if (spec.hgvsC) components.push(loincComponent('48004-6', 'DNA change (c.HGVS)', hgvs(spec.hgvsC)));
  if (spec.hgvsG) components.push(loincComponent('81290-9', 'Genomic DNA change (gHGVS)', hgvs(spec.hgvsG)));
  if (spec.hgvsP) components.push(loincComponent('48005-3', 'Amino acid change (pHGVS)', hgvs(spec.hgvsP)));
  if (spec.zygosity)
    components.push(
      loincComponent('53034-5', 'Allelic state', { valueCodeableConcept: ZYGOSITY[spec.zygosity] }),
    );
  if (spec.vaf !== undefined)
    components.push(
      loincComponent('81258-6', 'Sample variant allelic frequency [NFr]', {
        valueQuantity: { value: spec.vaf, system: 'http://unitsofmeasure.org', code: '1' },
      }),
    );
  if (spec.readDepth !== undefined)
    components.push(loincComponent('82121-5', 'Allelic read depth', count(spec.readDepth)));
  if (spec.repeat)
    components.push(
      tbdComponent('repeat-motif', { valueString: spec.repeat.motif }),
      tbdComponent('repeat-number', count(spec.repeat.count)),
    );
  if (spec.confidence)
    components.push(
      tbdComponent('variant-confidence-status', {
        valueCodeableConcept: cc(CONFIDENCE_CS, spec.confidence, CONFIDENCE[spec.confidence]),
      }),
    );
  return {
    ...observationBase(spec.id, 'variant', cc(LOINC, '69548-6', 'Genetic variant assessment'), ctx),
    valueCodeableConcept: PRESENT,
    component: components,
  };
}

export function structuralVariant(spec: StructuralVariantSpec, ctx: ObservationContext): Json {
  const components: Json[] = [
    ...locationComponents(spec),
    loincComponent('48019-4', 'DNA change type', { valueCodeableConcept: cc(SYS.so, ...spec.changeType) }),
    loincComponent('81301-4', 'Variant outer start and end', range(...spec.outer)),
    loincComponent('81302-2', 'Variant inner start and end', range(...spec.inner)),
    loincComponent('82155-3', 'Genomic structural variant copy number', {
      valueQuantity: { value: spec.copyNumber, system: 'http://unitsofmeasure.org', code: '1' },
    }),
  ];
  if (spec.hgvsG) components.push(loincComponent('81290-9', 'Genomic DNA change (gHGVS)', hgvs(spec.hgvsG)));
  return {
    ...observationBase(spec.id, 'variant', cc(LOINC, '69548-6', 'Genetic variant assessment'), ctx),
    valueCodeableConcept: PRESENT,
    component: components,
  };
}

export interface CalledValue {
  system: string;
  code: string;
  display?: string;
}
export interface HaplotypeSpec {
  id: string;
  gene: Gene;
  value: CalledValue;
  derivedFrom: string[];
  /** How the haplotype was determined (LL4050-2 answer, LOINC code and display). */
  method?: [string, string];
}

export function haplotype(spec: HaplotypeSpec, ctx: ObservationContext): Json {
  return {
    ...observationBase(spec.id, 'haplotype', cc(LOINC, '84414-2', 'Haplotype name'), ctx),
    ...(spec.method ? { method: cc(LOINC, ...spec.method) } : {}),
    valueCodeableConcept: cc(spec.value.system, spec.value.code, spec.value.display, spec.value.display),
    component: [geneComponent(spec.gene)],
    ...derived(spec.derivedFrom),
  };
}

export function genotype(spec: HaplotypeSpec, ctx: ObservationContext): Json {
  return {
    ...observationBase(spec.id, 'genotype', cc(LOINC, '84413-4', 'Genotype display name'), ctx),
    valueCodeableConcept: cc(spec.value.system, spec.value.code, spec.value.display, spec.value.display),
    component: [geneComponent(spec.gene)],
    ...derived(spec.derivedFrom),
  };
}

export function phaseRelationship(
  id: string,
  relation: 'Cis' | 'Trans',
  variantIds: [string, string],
  ctx: ObservationContext,
): Json {
  return {
    ...observationBase(id, 'sequence-phase-relationship', cc(LOINC, '82120-7', 'Allelic phase'), ctx),
    valueCodeableConcept: cc(SYS.phase, relation, relation),
    ...derived(variantIds),
  };
}

const derived = (ids: string[]): Json =>
  ids.length ? { derivedFrom: ids.map((id) => ref('Observation', id)) } : {};

export interface TherapeuticSpec {
  id: string;
  derivedFrom: string[];
  medication: [string, string];
  implication: [string, string];
  condition?: [string, string];
  evidence?: [string, string];
  /** A therapy assessed (therapy-assessed, tbd associated-therapy), as text. */
  therapy?: string;
  conclusion: string;
}

export function therapeuticImplication(spec: TherapeuticSpec, ctx: ObservationContext): Json {
  const components: Json[] = [
    loincComponent('51963-7', 'Medication assessed [ID]', {
      valueCodeableConcept: cc(SYS.rxnorm, ...spec.medication),
    }),
    tbdComponent('therapeutic-implication', { valueCodeableConcept: cc(LOINC, ...spec.implication) }),
  ];
  if (spec.condition)
    components.push(
      loincComponent('81259-4', 'Associated phenotype', {
        valueCodeableConcept: cc(SYS.snomed, ...spec.condition),
      }),
    );
  if (spec.evidence)
    components.push(
      loincComponent('93044-6', 'Level of evidence', {
        valueCodeableConcept: cc(SYS.pharmgkb, ...spec.evidence),
      }),
    );
  if (spec.therapy)
    components.push(tbdComponent('associated-therapy', { valueCodeableConcept: { text: spec.therapy } }));
  components.push(tbdComponent('conclusion-string', { valueString: spec.conclusion }));
  return {
    ...observationBase(spec.id, 'therapeutic-implication', cc(SYS.tbd, 'therapeutic-implication'), ctx),
    component: components,
    ...derived(spec.derivedFrom),
  };
}

export interface DiagnosticSpec {
  id: string;
  derivedFrom: string[];
  phenotype: [string, string];
  significance: [string, string];
  inheritance?: [string, string];
}

export function diagnosticImplication(spec: DiagnosticSpec, ctx: ObservationContext): Json {
  const components: Json[] = [
    loincComponent('81259-4', 'Associated phenotype', {
      valueCodeableConcept: cc(SYS.snomed, ...spec.phenotype),
    }),
    loincComponent('53037-8', 'Genetic variation clinical significance', {
      valueCodeableConcept: cc(LOINC, ...spec.significance),
    }),
  ];
  if (spec.inheritance)
    components.push(
      tbdComponent('condition-inheritance', {
        valueCodeableConcept: cc('http://human-phenotype-ontology.org', ...spec.inheritance),
      }),
    );
  return {
    ...observationBase(spec.id, 'diagnostic-implication', cc(SYS.tbd, 'diagnostic-implication'), ctx),
    component: components,
    ...derived(spec.derivedFrom),
  };
}

export interface ConsequenceSpec {
  id: string;
  derivedFrom: string;
  transcript: string;
  hgvsC: string;
  hgvsP?: string;
  consequence: [string, string];
  effect?: [string, string];
}

export function molecularConsequence(spec: ConsequenceSpec, ctx: ObservationContext): Json {
  const components: Json[] = [
    loincComponent('51958-7', 'Transcript reference sequence [ID]', {
      valueCodeableConcept: cc(SYS.refseq, spec.transcript),
    }),
    loincComponent('48004-6', 'DNA change (c.HGVS)', hgvs(spec.hgvsC)),
  ];
  if (spec.hgvsP) components.push(loincComponent('48005-3', 'Amino acid change (pHGVS)', hgvs(spec.hgvsP)));
  components.push(
    tbdComponent('feature-consequence', { valueCodeableConcept: cc(SYS.so, ...spec.consequence) }),
  );
  if (spec.effect)
    components.push(tbdComponent('functional-effect', { valueCodeableConcept: cc(SYS.so, ...spec.effect) }));
  return {
    ...observationBase(spec.id, 'molecular-consequence', cc(SYS.tbd, 'molecular-consequence'), ctx),
    component: components,
    ...derived([spec.derivedFrom]),
  };
}

export interface BiomarkerSpec {
  id: string;
  /** LOINC code and display. */
  code: [string, string];
  value: Json;
  /** molecular-biomarker-ontology-cs codes and displays. */
  kinds: [string, string][];
  gene?: Gene;
  derivedFrom?: string[];
  /** True when measured by sequencing: the optional GE category is added. */
  genetic: boolean;
}

/** A MolecularBiomarker: laboratory and biomarker-category categories (GE when sequenced), never genomic-base. */
export function molecularBiomarker(spec: BiomarkerSpec, ctx: ObservationContext): Json {
  const base = observationBase(spec.id, 'molecular-biomarker', cc(LOINC, ...spec.code), ctx);
  return {
    ...base,
    category: [
      cc(SYS.obsCategory, 'laboratory', 'Laboratory'),
      cc(SYS.tbd, 'biomarker-category'),
      ...(spec.genetic ? [cc(SYS.v2_0074, 'GE', 'Genetics')] : []),
    ],
    ...spec.value,
    component: [
      ...(spec.gene ? [geneComponent(spec.gene)] : []),
      ...spec.kinds.map(([code, display]) =>
        tbdComponent('biomarker-category', {
          valueCodeableConcept: cc(SYS.biomarkerOntology, code, display),
        }),
      ),
    ],
    ...derived(spec.derivedFrom ?? []),
  };
}

export function patient(
  id: string,
  name: [string, string],
  gender: 'female' | 'male',
  birthDate: string,
): Json {
  return {
    resourceType: 'Patient',
    id,
    meta: meta(),
    identifier: [{ system: SYS.mrn, value: id.toUpperCase() }],
    name: [{ family: name[0], given: [name[1]] }],
    gender,
    birthDate,
  };
}

export function specimen(id: string, patientId: string, type: [string, string], collected: string): Json {
  return {
    resourceType: 'Specimen',
    id,
    meta: meta(),
    identifier: [{ system: SYS.specimenId, value: id }],
    status: 'available',
    type: cc(SYS.snomed, ...type),
    subject: ref('Patient', patientId),
    collection: { collectedDateTime: collected },
  };
}

/**
 * A BED or VCF file of a test, as GenomicDataFile. BED data lists the 0-based half-open regions; with no
 * regions `data` is left out, because an empty string is not a valid FHIR value.
 */
export function dataFile(
  id: string,
  patientId: string,
  reportId: string,
  format: 'bed' | 'vcf',
  description: string,
  regions: string[] = [],
): Json {
  const attachment: Json =
    format === 'bed'
      ? {
          contentType: 'text/plain',
          title: `${id}.bed`,
          ...(regions.length ? { data: Buffer.from(regions.map(bedLine).join('')).toString('base64') } : {}),
        }
      : { contentType: 'text/plain', title: `${id}.vcf`, url: `https://files.fgc.example.org/${id}.vcf` };
  return {
    resourceType: 'DocumentReference',
    id,
    meta: meta('genomic-data-file'),
    status: 'current',
    type: cc(SYS.dataFormat, format),
    subject: ref('Patient', patientId),
    description,
    content: [{ attachment }],
    context: { related: [ref('DiagnosticReport', reportId)] },
  };
}

function bedLine(region: string): string {
  const [accession, span] = region.split(':');
  const [start, end] = span!.split('-');
  return `${accession}\t${start}\t${end}\n`;
}

const EXT = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';

export interface AnalysisSpec {
  id: string;
  patientId: string;
  specimenId: string;
  build: GenomeBuild;
  source: 'germline' | 'somatic';
  performed: string;
  title: string;
  method: string;
  changeTypes: [string, string][];
  /** Region studied, as 0-based ranges; described in text and in the studied BED file. */
  studied: string[];
  uncalled: string[];
  bedStudiedId: string;
  bedUncalledId: string;
  vcfId: string;
}

export function studyAnalysis(spec: AnalysisSpec): Json {
  return {
    resourceType: 'Procedure',
    id: spec.id,
    meta: meta('genomic-study-analysis'),
    extension: [
      {
        url: EXT + 'genomic-study-analysis-method-type',
        valueCodeableConcept: cc(SYS.methodType, spec.method),
      },
      ...spec.changeTypes.map((t) => ({
        url: EXT + 'genomic-study-analysis-change-type',
        valueCodeableConcept: cc(SYS.so, ...t),
      })),
      {
        url: EXT + 'genomic-study-analysis-genome-build',
        valueCodeableConcept: cc(LOINC, GENOME_BUILD_CODES[spec.build], spec.build),
      },
      {
        url: EXT + 'genomic-study-analysis-genomic-source-class',
        valueCodeableConcept: SOURCE_CLASS[spec.source],
      },
      { url: EXT + 'genomic-study-analysis-title', valueString: spec.title },
      { url: EXT + 'genomic-study-analysis-specimen', valueReference: ref('Specimen', spec.specimenId) },
      {
        url: EXT + 'genomic-study-analysis-regions',
        extension: [
          { url: 'description', valueString: `0-based regions studied: ${spec.studied.join(',')}` },
          { url: 'studied', valueReference: ref('DocumentReference', spec.bedStudiedId) },
          { url: 'uncalled', valueReference: ref('DocumentReference', spec.bedUncalledId) },
        ],
      },
      {
        url: EXT + 'genomic-study-analysis-output',
        extension: [
          { url: 'file', valueReference: ref('DocumentReference', spec.vcfId) },
          { url: 'type', valueCodeableConcept: cc(SYS.dataFormat, 'vcf') },
        ],
      },
    ],
    status: 'completed',
    category: cc('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory', 'Laboratory'),
    subject: ref('Patient', spec.patientId),
    performedDateTime: spec.performed,
  };
}

export interface StudySpec {
  id: string;
  patientId: string;
  analysisId: string;
  type: string;
  performed: string;
  description: string;
}

export function study(spec: StudySpec): Json {
  return {
    resourceType: 'Procedure',
    id: spec.id,
    meta: meta('genomic-study'),
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${spec.description}</div>`,
    },
    extension: [
      { url: EXT + 'genomic-study-analysis-ext', valueReference: ref('Procedure', spec.analysisId) },
    ],
    status: 'completed',
    category: cc('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory', 'Laboratory'),
    code: cc(SYS.studyType, spec.type),
    subject: ref('Patient', spec.patientId),
    performedDateTime: spec.performed,
  };
}

export interface ReportSpec {
  id: string;
  testId: string;
  patientId: string;
  specimenId: string;
  studyId: string;
  effective: string;
  issued: string;
  results: string[];
  conclusion: string;
}

export function genomicReport(spec: ReportSpec): Json {
  return {
    resourceType: 'DiagnosticReport',
    id: spec.id,
    meta: meta('genomic-report'),
    extension: [{ url: EXT + 'genomic-study-reference', valueReference: ref('Procedure', spec.studyId) }],
    identifier: [{ system: SYS.testId, value: spec.testId }],
    status: 'final',
    category: [cc(SYS.v2_0074, 'GE', 'Genetics')],
    code: cc(LOINC, '51969-4', 'Genetic analysis report'),
    subject: ref('Patient', spec.patientId),
    effectiveDateTime: spec.effective,
    issued: spec.issued,
    specimen: [ref('Specimen', spec.specimenId)],
    result: spec.results.map((id) => ref('Observation', id)),
    conclusion: spec.conclusion,
  };
}
