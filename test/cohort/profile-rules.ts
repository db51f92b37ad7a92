// The per-resource FHIRPath rules of each STU3 profile (fixed codes, category slices, component value
// types, required bindings). The bundled suites state the same rules; tests run them on the cohort and
// on the IG's own examples, so a rule that rejects valid IG data is caught here.

import { CHROMOSOME_ANSWERS as CHROMOSOME_CODES } from '../../src/server/data/cohort/model.js';

const LAB_SLICE =
  "category.where(coding.count() = 1 and coding.system = 'http://terminology.hl7.org/CodeSystem/observation-category' and coding.code = 'laboratory').count() = 1";
const GE_SLICE =
  "category.where(coding.count() = 1 and coding.system = 'http://terminology.hl7.org/CodeSystem/v2-0074' and coding.code = 'GE').count() = 1";
const code = (system: string, value: string) =>
  `code.coding.where(system = '${system}' and code = '${value}').exists()`;
const LOINC = 'http://loinc.org';
const TBD = 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs';

/** Component codes whose value must be a CodeableConcept, per profile. */
const ccValues = (codes: string[]) =>
  `component.where(code.coding.code in (${codes.map((c) => `'${c}'`).join(' | ')})).all(value.ofType(CodeableConcept).exists())`;

const GENOMIC_BASE = [LAB_SLICE, GE_SLICE, 'status.exists()'];
const FINDING = [
  ...GENOMIC_BASE,
  ccValues(['48018-6', '48001-2', '62374-4', '48000-4']),
  `component.where(code.coding.code = '48000-4').all(value.coding.where(system = 'http://loinc.org' and code in (${CHROMOSOME_CODES.map((c) => `'${c}'`).join(' | ')})).exists())`,
];
const HGVS_BOUND = (codes: string[]) =>
  `component.where(code.coding.code in (${codes.map((c) => `'${c}'`).join(' | ')})).all(value.coding.where(system = 'http://varnomen.hgvs.org').exists())`;
const IMPLICATION = [
  ...GENOMIC_BASE,
  'value.empty()',
  'derivedFrom.exists()',
  ccValues(['93044-6', '53037-8']),
];
const PROCEDURE_FORBIDDEN = [
  'partOf',
  'statusReason',
  'recorder',
  'location',
  'bodySite',
  'outcome',
  'report',
  'complication',
  'complicationDetail',
  'followUp',
  'focalDevice',
  'usedReference',
  'usedCode',
];
const LAB_PROCEDURE_CATEGORY =
  "category.coding.count() = 1 and category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/observation-category' and code = 'laboratory').exists()";

export const PROFILE_RULES: Record<string, string[]> = {
  variant: [
    ...FINDING,
    code(LOINC, '69548-6'),
    'value.empty() or value.ofType(CodeableConcept).exists()',
    "value.empty() or value.coding.where(system = 'http://loinc.org' and code in ('LA9633-4' | 'LA9634-2' | 'LA18198-4' | 'LA11884-6')).exists()",
    HGVS_BOUND(['48004-6', '81290-9', '48005-3']),
    "component.where(code.coding.code in ('81254-5' | '81301-4' | '81302-2')).all(value.ofType(Range).exists())",
    "component.where(code.coding.code in ('69547-8' | '69551-0')).all(value.ofType(string).exists())",
    "component.where(code.coding.code in ('81258-6' | '82121-5')).all(value.ofType(Quantity).exists())",
    "component.where(code.coding.code = '81258-6').all(value.system = 'http://unitsofmeasure.org')",
    "component.where(code.coding.code = '82155-3').all(value.ofType(Quantity).exists() or value.ofType(Range).exists())",
    ccValues([
      '48004-6',
      '81290-9',
      '81291-7',
      '48013-7',
      '51958-7',
      '92822-6',
      '48019-4',
      '48002-0',
      '53034-5',
      '94186-4',
      '82309-6',
      '81252-9',
      '48005-3',
    ]),
    "component.where(code.coding.code = 'variant-confidence-status').all(value.coding.where(system = 'http://terminology.hl7.org/CodeSystem/variant-confidence-status-cs' and code in ('high' | 'intermediate' | 'low')).exists())",
    ...[
      '48004-6',
      '81290-9',
      '81291-7',
      '48013-7',
      '51958-7',
      '81254-5',
      '81302-2',
      '81301-4',
      '92822-6',
      '69547-8',
      '69551-0',
      '48019-4',
      '48002-0',
      '81258-6',
      '82121-5',
      '53034-5',
      '94186-4',
      '82309-6',
      '48005-3',
      '82155-3',
    ].map((c) => `component.where(code.coding.code = '${c}').count() <= 1`),
  ],
  haplotype: [...FINDING, code(LOINC, '84414-2'), 'value.ofType(CodeableConcept).exists()'],
  genotype: [...FINDING, code(LOINC, '84413-4'), 'value.ofType(CodeableConcept).exists()'],
  'sequence-phase-relationship': [
    ...FINDING,
    code(LOINC, '82120-7'),
    "value.ofType(CodeableConcept).coding.where(system = 'http://terminology.hl7.org/CodeSystem/sequence-phase-relationship-cs' and code in ('Cis' | 'Trans' | 'Indeterminate' | 'Unknown')).exists()",
  ],
  'therapeutic-implication': [
    ...IMPLICATION,
    code(TBD, 'therapeutic-implication'),
    ccValues(['therapeutic-implication', '81259-4', '51963-7', 'associated-therapy']),
  ],
  'diagnostic-implication': [
    ...IMPLICATION,
    code(TBD, 'diagnostic-implication'),
    ccValues(['81259-4', 'condition-inheritance']),
  ],
  'molecular-consequence': [
    ...IMPLICATION,
    code(TBD, 'molecular-consequence'),
    HGVS_BOUND(['48004-6', '48005-3']),
    ccValues(['51958-7', 'protein-ref-seq', 'feature-consequence', 'functional-effect']),
    ...['48004-6', '51958-7', '48005-3', 'protein-ref-seq', 'functional-effect'].map(
      (c) => `component.where(code.coding.code = '${c}').count() <= 1`,
    ),
  ],
  'molecular-biomarker': [
    LAB_SLICE,
    "category.where(coding.count() = 1 and coding.system = 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs' and coding.code = 'biomarker-category').count() = 1",
    "category.where(coding.where(code = 'GE').exists()).all(coding.count() = 1)",
    'code.exists()',
    ccValues(['48018-6', 'biomarker-category']),
  ],
  'genomic-report': [
    code(LOINC, '51969-4'),
    GE_SLICE,
    'status.exists()',
    'effective.empty() or effective.ofType(dateTime).exists()',
  ],
  'genomic-study': [
    LAB_PROCEDURE_CATEGORY,
    'performed.empty() or performed.ofType(dateTime).exists()',
    PROCEDURE_FORBIDDEN.map((e) => `${e}.empty()`).join(' and '),
  ],
  'genomic-study-analysis': [
    "status = 'completed'",
    'code.empty()',
    LAB_PROCEDURE_CATEGORY,
    'performed.empty() or performed.ofType(dateTime).exists()',
    [...PROCEDURE_FORBIDDEN, 'basedOn', 'encounter', 'asserter', 'reasonCode', 'reasonReference']
      .map((e) => `${e}.empty()`)
      .join(' and '),
  ],
  'genomic-data-file': ["context.related.all(reference.startsWith('DiagnosticReport/'))"],
};
