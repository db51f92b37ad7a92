// The synthetic cohort as data: seven patients, their tests and findings. Positions are 0-based
// half-open on versioned RefSeq accessions; docs/suites.md and config/targets/reference.yaml rely on them.
import type { GenomeBuild } from '../../../genomics/accessions.js';
import type { Gene } from './model.js';
import type {
  BiomarkerSpec,
  ConsequenceSpec,
  DiagnosticSpec,
  HaplotypeSpec,
  StructuralVariantSpec,
  TherapeuticSpec,
  VariantSpec,
} from './resources.js';
import { SYS } from './model.js';

export interface TestSpec {
  /** Short key: ids become fgc-report-<key>, fgc-test-<key> (the test identifier), fgc-study-<key>… */
  key: string;
  title: string;
  date: string;
  issued: string;
  build: GenomeBuild;
  source: 'germline' | 'somatic';
  studyType: string;
  method: string;
  changeTypes: [string, string][];
  specimen: { id: string; type: [string, string]; collected: string };
  studied: string[];
  uncalled: string[];
  conclusion: string;
  variants?: VariantSpec[];
  structuralVariants?: StructuralVariantSpec[];
  haplotypes?: HaplotypeSpec[];
  genotypes?: HaplotypeSpec[];
  phase?: { id: string; relation: 'Cis' | 'Trans'; variants: [string, string] }[];
  biomarkers?: BiomarkerSpec[];
  therapeutic?: TherapeuticSpec[];
  diagnostic?: DiagnosticSpec[];
  consequences?: ConsequenceSpec[];
}

export interface PatientSpec {
  id: string;
  name: [string, string];
  gender: 'female' | 'male';
  birthDate: string;
  tests: TestSpec[];
}

const GENES = {
  LDLR: { hgnc: 'HGNC:6547', symbol: 'LDLR' },
  BRCA1: { hgnc: 'HGNC:1100', symbol: 'BRCA1' },
  CYP2C19: { hgnc: 'HGNC:2621', symbol: 'CYP2C19' },
  CYP2D6: { hgnc: 'HGNC:2625', symbol: 'CYP2D6' },
  EGFR: { hgnc: 'HGNC:3236', symbol: 'EGFR' },
  MET: { hgnc: 'HGNC:7029', symbol: 'MET' },
  BRAF: { hgnc: 'HGNC:1097', symbol: 'BRAF' },
  CDKN2A: { hgnc: 'HGNC:1787', symbol: 'CDKN2A' },
  ERBB2: { hgnc: 'HGNC:3430', symbol: 'ERBB2' },
  HLA_A: { hgnc: 'HGNC:4931', symbol: 'HLA-A' },
  HLA_B: { hgnc: 'HGNC:4932', symbol: 'HLA-B' },
  TBX1: { hgnc: 'HGNC:11592', symbol: 'TBX1' },
  MSH2: { hgnc: 'HGNC:7325', symbol: 'MSH2' },
  CD274: { hgnc: 'HGNC:17635', symbol: 'CD274' },
} satisfies Record<string, Gene>;

const SO = {
  snv: ['SO:0001483', 'SNV'] as [string, string],
  deletion: ['SO:0000159', 'deletion'] as [string, string],
  insertion: ['SO:0000667', 'insertion'] as [string, string],
  gain: ['SO:0001742', 'copy_number_gain'] as [string, string],
  loss: ['SO:0001743', 'copy_number_loss'] as [string, string],
  missense: ['SO:0001583', 'missense_variant'] as [string, string],
  frameshift: ['SO:0001589', 'frameshift_variant'] as [string, string],
  inframeDeletion: ['SO:0001822', 'inframe_deletion'] as [string, string],
  inframeInsertion: ['SO:0001821', 'inframe_insertion'] as [string, string],
  synonymous: ['SO:0001819', 'synonymous_variant'] as [string, string],
  gainOfFunction: ['SO:0002053', 'gain_of_function_variant'] as [string, string],
  lossOfFunction: ['SO:0002054', 'loss_of_function_variant'] as [string, string],
};

// LL4050-2 answer: the PGx haplotypes were phased by long-read sequencing.
const DIRECTLY_MEASURED: [string, string] = ['LA26426-9', 'Directly measured'];

const BLOOD: [string, string] = ['119297000', 'Blood specimen'];
const TUMOR: [string, string] = ['108294001', 'Tumor tissue sample'];
const SALIVA: [string, string] = ['258560004', 'Oral saliva sample'];
const MARKERS_ONCOLOGY: [string, string][] = [SO.snv, SO.deletion, SO.insertion, SO.gain, SO.loss];

/** Synthetic patients. Dates and identifiers are what the operation filters (testIdentifiers…) match. */
export const COHORT: PatientSpec[] = [
  {
    // Familial hypercholesterolaemia and BRCA1: the same LDLR variant reported on GRCh37 (2019) and GRCh38 (2023).
    id: 'fgc-pt-01',
    name: ['Synthetic', 'Ada'],
    gender: 'female',
    birthDate: '1971-04-12',
    tests: [
      {
        key: '0101',
        title: 'Hereditary cardiovascular panel (GRCh37)',
        date: '2019-03-14',
        issued: '2019-03-20T09:00:00Z',
        build: 'GRCh37',
        source: 'germline',
        studyType: 'snp',
        method: 'sequence-analysis-of-the-entire-coding-region',
        changeTypes: [SO.snv],
        specimen: { id: 'fgc-spec-0101', type: BLOOD, collected: '2019-03-10' },
        studied: ['NC_000019.9:11200037-11244505'],
        uncalled: ['NC_000019.9:11230000-11230100'],
        conclusion: 'Pathogenic LDLR variant consistent with familial hypercholesterolaemia.',
        variants: [
          {
            id: 'fgc-var-0101',
            gene: GENES.LDLR,
            build: 'GRCh37',
            chromosome: '19',
            cytoband: '19p13.2',
            accession: 'NC_000019.9',
            start: 11200235,
            end: 11200236,
            ref: 'G',
            alt: 'A',
            spdi: 'NC_000019.9:11200235:G:A',
            hgvsG: 'NC_000019.9:g.11200236G>A',
            hgvsC: 'NM_001195798.2:c.12G>A',
            transcript: 'NM_001195798.2',
            changeType: SO.snv,
            source: 'germline',
            zygosity: 'heterozygous',
          },
        ],
        diagnostic: [
          {
            id: 'fgc-dx-0101',
            derivedFrom: ['fgc-var-0101'],
            phenotype: ['398036000', 'Familial hypercholesterolemia'],
            significance: ['LA6668-3', 'Pathogenic'],
            inheritance: ['HP:0000006', 'Autosomal dominant inheritance'],
          },
        ],
      },
      {
        key: '0102',
        title: 'Hereditary cancer and cardiovascular exome (GRCh38)',
        date: '2023-06-01',
        issued: '2023-06-09T14:30:00Z',
        build: 'GRCh38',
        source: 'germline',
        studyType: 'snp',
        method: 'sequence-analysis-of-the-entire-coding-region',
        changeTypes: [SO.snv, SO.deletion],
        specimen: { id: 'fgc-spec-0102', type: SALIVA, collected: '2023-05-20' },
        studied: ['NC_000017.11:43044294-43125483', 'NC_000019.10:11089362-11133830'],
        uncalled: ['NC_000017.11:43100000-43100100'],
        conclusion: 'Pathogenic LDLR variant and pathogenic BRCA1 frameshift deletion.',
        variants: [
          {
            id: 'fgc-var-0102',
            gene: GENES.LDLR,
            build: 'GRCh38',
            chromosome: '19',
            cytoband: '19p13.2',
            accession: 'NC_000019.10',
            start: 11089559,
            end: 11089560,
            ref: 'G',
            alt: 'A',
            spdi: 'NC_000019.10:11089559:G:A',
            hgvsG: 'NC_000019.10:g.11089560G>A',
            hgvsC: 'NM_001195798.2:c.12G>A',
            transcript: 'NM_001195798.2',
            dbsnp: 'rs879254403',
            changeType: SO.snv,
            source: 'germline',
            zygosity: 'heterozygous',
          },
          {
            // A deletion written VCF-style: anchor base C at 43124025, then AG deleted.
            id: 'fgc-var-0103',
            gene: GENES.BRCA1,
            build: 'GRCh38',
            chromosome: '17',
            cytoband: '17q21.31',
            accession: 'NC_000017.11',
            start: 43124025,
            end: 43124028,
            ref: 'CAG',
            alt: 'C',
            spdi: 'NC_000017.11:43124026:AG:',
            hgvsG: 'NC_000017.11:g.43124027_43124028del',
            hgvsC: 'NM_007294.4:c.68_69del',
            hgvsP: 'NP_009225.1:p.(Glu23ValfsTer17)',
            transcript: 'NM_007294.4',
            changeType: SO.deletion,
            source: 'germline',
            zygosity: 'heterozygous',
          },
        ],
        diagnostic: [
          {
            id: 'fgc-dx-0102',
            derivedFrom: ['fgc-var-0102'],
            phenotype: ['398036000', 'Familial hypercholesterolemia'],
            significance: ['LA6668-3', 'Pathogenic'],
            inheritance: ['HP:0000006', 'Autosomal dominant inheritance'],
          },
          {
            id: 'fgc-dx-0103',
            derivedFrom: ['fgc-var-0103'],
            phenotype: ['718220008', 'Hereditary breast and ovarian cancer syndrome'],
            significance: ['LA6668-3', 'Pathogenic'],
          },
        ],
        consequences: [
          {
            id: 'fgc-mc-0103',
            derivedFrom: 'fgc-var-0103',
            transcript: 'NM_007294.4',
            hgvsC: 'NM_007294.4:c.68_69del',
            hgvsP: 'NP_009225.1:p.(Glu23ValfsTer17)',
            consequence: SO.frameshift,
            effect: SO.lossOfFunction,
          },
        ],
      },
    ],
  },
  {
    // Pharmacogenomics: CYP2C19 *2/*17 (phased in trans) and CYP2D6 *4/*4, with clopidogrel and codeine implications.
    id: 'fgc-pt-02',
    name: ['Synthetic', 'Bo'],
    gender: 'male',
    birthDate: '1958-09-30',
    tests: [
      {
        key: '0201',
        title: 'Pharmacogenomic panel (GRCh38)',
        date: '2022-02-10',
        issued: '2022-02-14T08:15:00Z',
        build: 'GRCh38',
        source: 'germline',
        studyType: 'snp',
        method: 'targeted-variant-analysis',
        changeTypes: [SO.snv],
        specimen: { id: 'fgc-spec-0201', type: BLOOD, collected: '2022-02-08' },
        studied: ['NC_000010.11:94760000-94860000', 'NC_000022.11:42126498-42130881'],
        uncalled: [],
        conclusion: 'CYP2C19 intermediate metabolizer; CYP2D6 poor metabolizer.',
        variants: [
          {
            id: 'fgc-var-0201',
            gene: GENES.CYP2C19,
            build: 'GRCh38',
            chromosome: '10',
            cytoband: '10q23.33',
            accession: 'NC_000010.11',
            start: 94781858,
            end: 94781859,
            ref: 'G',
            alt: 'A',
            spdi: 'NC_000010.11:94781858:G:A',
            hgvsG: 'NC_000010.11:g.94781859G>A',
            hgvsC: 'NM_000769.4:c.681G>A',
            transcript: 'NM_000769.4',
            dbsnp: 'rs4244285',
            changeType: SO.snv,
            source: 'germline',
            zygosity: 'heterozygous',
          },
          {
            id: 'fgc-var-0202',
            gene: GENES.CYP2C19,
            build: 'GRCh38',
            chromosome: '10',
            cytoband: '10q23.33',
            accession: 'NC_000010.11',
            start: 94761899,
            end: 94761900,
            ref: 'C',
            alt: 'T',
            spdi: 'NC_000010.11:94761899:C:T',
            hgvsG: 'NC_000010.11:g.94761900C>T',
            hgvsC: 'NM_000769.4:c.-806C>T',
            transcript: 'NM_000769.4',
            dbsnp: 'rs12248560',
            changeType: SO.snv,
            source: 'germline',
            zygosity: 'heterozygous',
          },
          {
            id: 'fgc-var-0203',
            gene: GENES.CYP2D6,
            build: 'GRCh38',
            chromosome: '22',
            cytoband: '22q13.2',
            accession: 'NC_000022.11',
            start: 42128944,
            end: 42128945,
            ref: 'C',
            alt: 'T',
            spdi: 'NC_000022.11:42128944:C:T',
            hgvsG: 'NC_000022.11:g.42128945C>T',
            hgvsC: 'NM_000106.6:c.506-1G>A',
            transcript: 'NM_000106.6',
            dbsnp: 'rs3892097',
            changeType: SO.snv,
            source: 'germline',
            zygosity: 'homozygous',
          },
        ],
        phase: [{ id: 'fgc-spr-0201', relation: 'Trans', variants: ['fgc-var-0201', 'fgc-var-0202'] }],
        haplotypes: [
          {
            id: 'fgc-hap-0201',
            gene: GENES.CYP2C19,
            value: { system: SYS.pharmvar, code: 'CYP2C19*2', display: 'CYP2C19*2' },
            derivedFrom: ['fgc-var-0201'],
            method: DIRECTLY_MEASURED,
          },
          {
            id: 'fgc-hap-0202',
            gene: GENES.CYP2C19,
            value: { system: SYS.pharmvar, code: 'CYP2C19*17', display: 'CYP2C19*17' },
            derivedFrom: ['fgc-var-0202'],
            method: DIRECTLY_MEASURED,
          },
          {
            id: 'fgc-hap-0203',
            gene: GENES.CYP2D6,
            value: { system: SYS.pharmvar, code: 'CYP2D6*4', display: 'CYP2D6*4' },
            derivedFrom: ['fgc-var-0203'],
            method: DIRECTLY_MEASURED,
          },
        ],
        genotypes: [
          {
            id: 'fgc-gt-0201',
            gene: GENES.CYP2C19,
            value: { system: SYS.pharmvar, code: 'CYP2C19*2/*17', display: 'CYP2C19 *2/*17' },
            derivedFrom: ['fgc-hap-0201', 'fgc-hap-0202'],
          },
          {
            id: 'fgc-gt-0202',
            gene: GENES.CYP2D6,
            value: { system: SYS.pharmvar, code: 'CYP2D6*4/*4', display: 'CYP2D6 *4/*4' },
            derivedFrom: ['fgc-hap-0203'],
          },
        ],
        therapeutic: [
          {
            id: 'fgc-tx-0201',
            // From the CYP2C19 diplotype and its two star alleles, so implications come with haplotypes too.
            derivedFrom: ['fgc-gt-0201', 'fgc-hap-0201', 'fgc-hap-0202'],
            medication: ['32968', 'clopidogrel'],
            implication: ['LA10317-8', 'Intermediate metabolizer'],
            evidence: ['1A', 'Level 1A'],
            therapy: 'Dual antiplatelet therapy after percutaneous coronary intervention',
            conclusion:
              'Reduced clopidogrel activation expected; consider an alternative antiplatelet agent.',
          },
          {
            id: 'fgc-tx-0202',
            derivedFrom: ['fgc-gt-0202'],
            medication: ['2670', 'codeine'],
            implication: ['LA9657-3', 'Poor metabolizer'],
            evidence: ['1A', 'Level 1A'],
            conclusion: 'Codeine is not converted to morphine; avoid codeine.',
          },
        ],
        consequences: [
          {
            id: 'fgc-mc-0201',
            derivedFrom: 'fgc-var-0201',
            transcript: 'NM_000769.4',
            hgvsC: 'NM_000769.4:c.681G>A',
            hgvsP: 'NP_000760.1:p.(Pro227=)',
            consequence: SO.synonymous,
          },
        ],
      },
    ],
  },
  {
    // Somatic lung adenocarcinoma on GRCh37: EGFR L858R, EGFR exon 19 deletion, MET amplification, TMB, PD-L1.
    id: 'fgc-pt-03',
    name: ['Synthetic', 'Cyd'],
    gender: 'female',
    birthDate: '1964-01-22',
    tests: [
      {
        key: '0301',
        title: 'Solid tumour panel, lung (GRCh37)',
        date: '2021-05-20',
        issued: '2021-05-28T11:00:00Z',
        build: 'GRCh37',
        source: 'somatic',
        studyType: 'struc-var',
        method: 'sequence-analysis-of-select-exons',
        changeTypes: MARKERS_ONCOLOGY,
        specimen: { id: 'fgc-spec-0301', type: TUMOR, collected: '2021-05-12' },
        studied: ['NC_000007.13:55086724-55275031', 'NC_000007.13:116312458-116438440'],
        uncalled: ['NC_000007.13:55200000-55200200'],
        conclusion: 'EGFR L858R and exon 19 deletion; MET amplification.',
        variants: [
          {
            id: 'fgc-var-0301',
            gene: GENES.EGFR,
            build: 'GRCh37',
            chromosome: '7',
            cytoband: '7p11.2',
            accession: 'NC_000007.13',
            start: 55259514,
            end: 55259515,
            ref: 'T',
            alt: 'G',
            spdi: 'NC_000007.13:55259514:T:G',
            hgvsG: 'NC_000007.13:g.55259515T>G',
            hgvsC: 'NM_005228.5:c.2573T>G',
            hgvsP: 'NP_005219.2:p.(Leu858Arg)',
            transcript: 'NM_005228.5',
            dbsnp: 'rs121434568',
            changeType: SO.snv,
            source: 'somatic',
            vaf: 0.32,
          },
          {
            id: 'fgc-var-0302',
            gene: GENES.EGFR,
            build: 'GRCh37',
            chromosome: '7',
            cytoband: '7p11.2',
            accession: 'NC_000007.13',
            start: 55242463,
            end: 55242479,
            ref: 'GGAATTAAGAGAAGCA',
            alt: 'G',
            spdi: 'NC_000007.13:55242464:GAATTAAGAGAAGCA:',
            hgvsG: 'NC_000007.13:g.55242465_55242479del',
            hgvsC: 'NM_005228.5:c.2235_2249del',
            hgvsP: 'NP_005219.2:p.(Glu746_Ala750del)',
            transcript: 'NM_005228.5',
            changeType: SO.deletion,
            source: 'somatic',
            vaf: 0.18,
          },
        ],
        structuralVariants: [
          {
            id: 'fgc-var-0303',
            gene: GENES.MET,
            build: 'GRCh37',
            chromosome: '7',
            cytoband: '7q31.2',
            accession: 'NC_000007.13',
            outer: [116280000, 116460000],
            inner: [116300000, 116440000],
            changeType: SO.gain,
            copyNumber: 8,
            source: 'somatic',
          },
        ],
        biomarkers: [
          {
            // Tumour mutational burden, computed from the somatic calls (two of them reported here).
            id: 'fgc-tmb-0301',
            code: ['94076-7', 'Mutations/Megabase [# Ratio] in Tumor'],
            value: {
              valueQuantity: {
                value: 12,
                unit: '/1000000{Base}',
                system: 'http://unitsofmeasure.org',
                code: '/1000000{Base}',
              },
            },
            kinds: [['molgen', 'molecular sequence adjacent category']],
            derivedFrom: ['fgc-var-0301', 'fgc-var-0302'],
            genetic: true,
          },
          {
            // PD-L1 (CD274) by immunohistochemistry: a biomarker that is not sequenced, so no GE category.
            id: 'fgc-pdl1-0301',
            code: ['85147-7', 'PD-L1 by clone 22C3 in Tissue by Immune stain Report'],
            value: {
              valueCodeableConcept: {
                coding: [{ system: SYS.loinc, code: 'LA6576-8', display: 'Positive' }],
              },
            },
            kinds: [
              ['cellReceptorLigand', 'cell receptor ligand category'],
              ['immuneStain', 'immune stain category'],
            ],
            gene: GENES.CD274,
            genetic: false,
          },
        ],
        therapeutic: [
          {
            id: 'fgc-tx-0301',
            derivedFrom: ['fgc-var-0301'],
            medication: ['1721560', 'osimertinib'],
            implication: ['LA6677-4', 'Responsive'],
            condition: ['254637007', 'Non-small cell lung cancer'],
            conclusion: 'EGFR L858R predicts response to EGFR tyrosine kinase inhibitors.',
          },
          {
            id: 'fgc-tx-0302',
            derivedFrom: ['fgc-var-0302'],
            medication: ['337525', 'erlotinib'],
            implication: ['LA6677-4', 'Responsive'],
            condition: ['254637007', 'Non-small cell lung cancer'],
            conclusion: 'EGFR exon 19 deletion predicts response to erlotinib.',
          },
        ],
        consequences: [
          {
            id: 'fgc-mc-0301',
            derivedFrom: 'fgc-var-0301',
            transcript: 'NM_005228.5',
            hgvsC: 'NM_005228.5:c.2573T>G',
            hgvsP: 'NP_005219.2:p.(Leu858Arg)',
            consequence: SO.missense,
            effect: SO.gainOfFunction,
          },
          {
            id: 'fgc-mc-0302',
            derivedFrom: 'fgc-var-0302',
            transcript: 'NM_005228.5',
            hgvsC: 'NM_005228.5:c.2235_2249del',
            hgvsP: 'NP_005219.2:p.(Glu746_Ala750del)',
            consequence: SO.inframeDeletion,
          },
        ],
      },
    ],
  },
  {
    // Somatic melanoma on GRCh38: BRAF V600E (used for range boundaries), ERBB2 insertion, CDKN2A deletion,
    // and a contracted BAT-26 microsatellite (a short tandem repeat).
    id: 'fgc-pt-04',
    name: ['Synthetic', 'Dee'],
    gender: 'male',
    birthDate: '1980-11-03',
    tests: [
      {
        key: '0401',
        title: 'Solid tumour panel, melanoma (GRCh38)',
        date: '2024-01-15',
        issued: '2024-01-22T16:45:00Z',
        build: 'GRCh38',
        source: 'somatic',
        studyType: 'struc-var',
        method: 'sequence-analysis-of-select-exons',
        changeTypes: MARKERS_ONCOLOGY,
        specimen: { id: 'fgc-spec-0401', type: TUMOR, collected: '2024-01-09' },
        studied: [
          'NC_000007.14:140713327-140924929',
          'NC_000009.12:21900000-22100000',
          'NC_000017.11:39687913-39730426',
          'NC_000002.12:47414400-47414460',
        ],
        uncalled: ['NC_000007.14:140800000-140800150'],
        conclusion: 'BRAF V600E; ERBB2 exon 20 insertion; homozygous CDKN2A deletion.',
        variants: [
          {
            id: 'fgc-var-0401',
            gene: GENES.BRAF,
            build: 'GRCh38',
            chromosome: '7',
            cytoband: '7q34',
            accession: 'NC_000007.14',
            start: 140753335,
            end: 140753336,
            ref: 'A',
            alt: 'T',
            spdi: 'NC_000007.14:140753335:A:T',
            hgvsG: 'NC_000007.14:g.140753336A>T',
            hgvsC: 'NM_004333.6:c.1799T>A',
            hgvsP: 'NP_004324.2:p.(Val600Glu)',
            transcript: 'NM_004333.6',
            dbsnp: 'rs113488022',
            changeType: SO.snv,
            source: 'somatic',
            zygosity: 'heterozygous',
            vaf: 0.41,
            readDepth: 612,
            confidence: 'high',
          },
          {
            // An insertion written VCF-style: anchor base A at 39724040, TACGTGATGGC inserted after it.
            id: 'fgc-var-0402',
            gene: GENES.ERBB2,
            build: 'GRCh38',
            chromosome: '17',
            cytoband: '17q12',
            accession: 'NC_000017.11',
            start: 39724040,
            end: 39724041,
            ref: 'A',
            alt: 'ATACGTGATGGC',
            spdi: 'NC_000017.11:39724041::TACGTGATGGC',
            hgvsG: 'NC_000017.11:g.39724041_39724042insTACGTGATGGC',
            hgvsC: 'NM_004448.4:c.2313_2324dup',
            hgvsP: 'NP_004439.2:p.(Tyr772_Ala775dup)',
            transcript: 'NM_004448.4',
            changeType: SO.insertion,
            source: 'somatic',
            zygosity: 'heterozygous',
            vaf: 0.22,
            readDepth: 488,
            confidence: 'intermediate',
          },
          {
            // MSI marker BAT-26 (MSH2 intron 5): the poly-A tract of 26 A contracted to 21 A in the tumour,
            // written VCF-style with the anchor base T at 47414418.
            id: 'fgc-var-0404',
            gene: GENES.MSH2,
            build: 'GRCh38',
            chromosome: '2',
            cytoband: '2p21',
            accession: 'NC_000002.12',
            start: 47414418,
            end: 47414424,
            ref: 'TAAAAA',
            alt: 'T',
            spdi: 'NC_000002.12:47414419:AAAAA:',
            hgvsG: 'NC_000002.12:g.47414420A[21]',
            changeType: SO.deletion,
            source: 'somatic',
            vaf: 0.28,
            readDepth: 376,
            repeat: { motif: 'A', count: 21 },
            confidence: 'high',
          },
        ],
        structuralVariants: [
          {
            id: 'fgc-var-0403',
            gene: GENES.CDKN2A,
            build: 'GRCh38',
            chromosome: '9',
            cytoband: '9p21.3',
            accession: 'NC_000009.12',
            outer: [21960000, 22000000],
            inner: [21967000, 21995000],
            changeType: SO.loss,
            copyNumber: 0,
            source: 'somatic',
          },
        ],
        therapeutic: [
          {
            id: 'fgc-tx-0401',
            derivedFrom: ['fgc-var-0401'],
            medication: ['1147220', 'vemurafenib'],
            implication: ['LA6677-4', 'Responsive'],
            condition: ['372244006', 'Malignant melanoma'],
            conclusion: 'BRAF V600E predicts response to BRAF inhibitors.',
          },
        ],
        consequences: [
          {
            id: 'fgc-mc-0401',
            derivedFrom: 'fgc-var-0401',
            transcript: 'NM_004333.6',
            hgvsC: 'NM_004333.6:c.1799T>A',
            hgvsP: 'NP_004324.2:p.(Val600Glu)',
            consequence: SO.missense,
            effect: SO.gainOfFunction,
          },
          {
            id: 'fgc-mc-0402',
            derivedFrom: 'fgc-var-0402',
            transcript: 'NM_004448.4',
            hgvsC: 'NM_004448.4:c.2313_2324dup',
            hgvsP: 'NP_004439.2:p.(Tyr772_Ala775dup)',
            consequence: SO.inframeInsertion,
          },
        ],
      },
    ],
  },
  {
    // HLA typing: HLA-A and HLA-B haplotypes and GL String genotypes.
    id: 'fgc-pt-05',
    name: ['Synthetic', 'Eli'],
    gender: 'female',
    birthDate: '1990-06-17',
    tests: [
      {
        key: '0501',
        title: 'HLA class I typing (GRCh38)',
        date: '2020-07-15',
        issued: '2020-07-17T10:20:00Z',
        build: 'GRCh38',
        source: 'germline',
        studyType: 'snp',
        method: 'sequence-analysis-of-the-entire-coding-region',
        changeTypes: [SO.snv],
        specimen: { id: 'fgc-spec-0501', type: BLOOD, collected: '2020-07-13' },
        studied: ['NC_000006.12:29941259-29945884', 'NC_000006.12:31353871-31367067'],
        uncalled: [],
        conclusion: 'HLA-A*02:01:01:01, HLA-A*23:01:01; HLA-B*08:01:01, HLA-B*44:02:01:01.',
        haplotypes: [
          hla('fgc-hap-0501', GENES.HLA_A, 'HLA-A*02:01:01:01'),
          hla('fgc-hap-0502', GENES.HLA_A, 'HLA-A*23:01:01'),
          hla('fgc-hap-0503', GENES.HLA_B, 'HLA-B*08:01:01'),
          hla('fgc-hap-0504', GENES.HLA_B, 'HLA-B*44:02:01:01'),
        ],
        genotypes: [
          {
            id: 'fgc-gt-0501',
            gene: GENES.HLA_A,
            value: { system: SYS.glstring, code: 'hla#3.33.0#HLA-A*02:01:01:01+HLA-A*23:01:01' },
            derivedFrom: ['fgc-hap-0501', 'fgc-hap-0502'],
          },
          {
            id: 'fgc-gt-0502',
            gene: GENES.HLA_B,
            value: { system: SYS.glstring, code: 'hla#3.33.0#HLA-B*08:01:01+HLA-B*44:02:01:01' },
            derivedFrom: ['fgc-hap-0503', 'fgc-hap-0504'],
          },
        ],
      },
    ],
  },
  {
    // Germline 22q11.2 deletion on GRCh37 (an imprecise structural variant with outer/inner bounds).
    id: 'fgc-pt-06',
    name: ['Synthetic', 'Fen'],
    gender: 'male',
    birthDate: '2016-02-29',
    tests: [
      {
        key: '0601',
        title: 'Chromosomal microarray (GRCh37)',
        date: '2018-11-02',
        issued: '2018-11-09T13:00:00Z',
        build: 'GRCh37',
        source: 'germline',
        studyType: 'cnv',
        method: 'deletion-duplication-analysis',
        changeTypes: [SO.gain, SO.loss],
        specimen: { id: 'fgc-spec-0601', type: BLOOD, collected: '2018-10-30' },
        studied: ['NC_000022.10:16000000-51304566'],
        uncalled: ['NC_000022.10:16000000-17000000'],
        conclusion: 'Pathogenic 22q11.2 deletion.',
        structuralVariants: [
          {
            id: 'fgc-var-0601',
            gene: GENES.TBX1,
            build: 'GRCh37',
            chromosome: '22',
            cytoband: '22q11.21',
            accession: 'NC_000022.10',
            outer: [18890000, 21510000],
            inner: [18912000, 21466000],
            changeType: SO.loss,
            copyNumber: 1,
            source: 'germline',
          },
        ],
        diagnostic: [
          {
            id: 'fgc-dx-0601',
            derivedFrom: ['fgc-var-0601'],
            phenotype: ['767263007', '22q11.2 deletion syndrome'],
            significance: ['LA6668-3', 'Pathogenic'],
            inheritance: ['HP:0000006', 'Autosomal dominant inheritance'],
          },
        ],
      },
    ],
  },
  {
    // A known patient with no genomic results: operations must answer presence=false, not 404.
    id: 'fgc-pt-07',
    name: ['Synthetic', 'Gus'],
    gender: 'male',
    birthDate: '1949-12-01',
    tests: [],
  },
];

function hla(id: string, gene: Gene, allele: string): HaplotypeSpec {
  return { id, gene, value: { system: SYS.imgtHla, code: allele, display: allele }, derivedFrom: [] };
}
