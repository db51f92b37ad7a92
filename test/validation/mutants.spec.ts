// The mutant corpus: IG examples with one deliberate defect each. Every kind must be flagged with an
// error at the right place (and the unmutated example must be clean), so a blind spot shows up as a failure.
import { expect } from 'chai';
import { GR, example, sharedValidator } from './shared-validator.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Mutant {
  readonly kind: string;
  readonly file: string;
  readonly profile: string;
  readonly mutate: (r: Json) => void;
  /** The error's location must match. */
  readonly at: RegExp;
  readonly message?: RegExp;
}

const VARIANT = 'Observation-ATR-insertion-var.json';
const component = (r: Json, code: string): Json =>
  r.component.find((c: Json) => c.code.coding[0].code === code);
const LAB = { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' };
const GE = { system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE' };

const mutants: Mutant[] = [
  {
    kind: 'Variant value outside the required LL1971-2 binding',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.valueCodeableConcept.coding[0].code = 'LA6576-8'),
    at: /^Observation\.valueCodeableConcept$/,
    message: /LL1971-2/,
  },
  {
    kind: 'status: done (not an observation-status code)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.status = 'done'),
    at: /^Observation\.status$/,
    message: /observation-status/,
  },
  {
    kind: 'two value[x]',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.valueString = 'present'),
    at: /^Observation\.value/,
    message: /only one of/,
  },
  {
    kind: 'wrong value type in a component slice',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => {
      const c = component(r, '48018-6');
      delete c.valueCodeableConcept;
      c.valueString = 'ATR';
    },
    at: /^Observation\.component\[\d+\]\.valueString$/,
    message: /not allowed/,
  },
  {
    kind: 'missing component value',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => delete component(r, '48000-4').valueCodeableConcept,
    at: /^Observation\.component\[\d+\]\.value\[x\]$/,
  },
  {
    kind: 'wrong extension value type',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) =>
      (r.extension = [
        { url: 'http://hl7.org/fhir/StructureDefinition/observation-secondaryFinding', valueString: 'acmg' },
      ]),
    at: /^Observation\.extension\[0\]\.valueString$/,
  },
  {
    kind: 'valueString where the profile allows only CodeableConcept',
    file: 'Observation-HLA-A-haplotype1.json',
    profile: `${GR}haplotype`,
    mutate: (r) => {
      delete r.valueCodeableConcept;
      r.valueString = 'HLA-A*01:01';
    },
    at: /^Observation\.valueString$/,
    message: /not allowed/,
  },
  {
    kind: 'removed required element (status)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => delete r.status,
    at: /^Observation\.status$/,
    message: /required/,
  },
  {
    kind: 'wrong fixed code (Observation.code)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.code.coding[0].code = '69547-8'),
    at: /^Observation\.code$/,
    message: /pattern/,
  },
  {
    kind: 'one category holding both codes',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.category = [{ coding: [LAB, GE] }]),
    at: /^Observation\.category/,
  },
  {
    kind: 'GE category removed',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.category = [{ coding: [LAB] }]),
    at: /^Observation\.category(:geCategory)?$/,
  },
  {
    kind: 'a value in an implication',
    file: 'Observation-TherapeuticImplicationExample1.json',
    profile: `${GR}therapeutic-implication`,
    mutate: (r) => (r.valueCodeableConcept = { text: 'responsive' }),
    at: /^Observation\.valueCodeableConcept$/,
    message: /0\.\.0/,
  },
  {
    kind: 'derivedFrom removed from an implication',
    file: 'Observation-TherapeuticImplicationExample1.json',
    profile: `${GR}therapeutic-implication`,
    mutate: (r) => delete r.derivedFrom,
    at: /^Observation\.derivedFrom$/,
  },
  {
    kind: 'haplotype with no value',
    file: 'Observation-HLA-A-haplotype1.json',
    profile: `${GR}haplotype`,
    mutate: (r) => delete r.valueCodeableConcept,
    at: /^Observation\.value/,
  },
  {
    kind: 'duplicated slice with max 1 (genomic-hgvs)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => r.component.push(structuredClone(component(r, '81290-9'))),
    at: /^Observation\.component:genomic-hgvs$/,
    message: /at most 1/,
  },
  {
    kind: 'wrong code in a required binding on a component (chromosome)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (component(r, '48000-4').valueCodeableConcept.coding[0].code = 'LA6683-2'),
    at: /^Observation\.component\[\d+\]\.valueCodeableConcept$/,
    message: /LL2938-0/,
  },
  {
    kind: 'unknown element',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.assessment = 'present'),
    at: /^Observation\.assessment$/,
    message: /unknown element/,
  },
  {
    kind: 'bad primitive format (dateTime)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.effectiveDateTime = '2023-13-45'),
    at: /^Observation\.effectiveDateTime$/,
    message: /dateTime/,
  },
  {
    kind: 'bad resource id (not an id)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.id = 'ATR insertion var'),
    at: /^Observation\.id$/,
    message: /not a valid id/,
  },
  {
    kind: 'reference to a resource type the profile does not allow',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.subject = { reference: 'Medication/aspirin' }),
    at: /^Observation\.subject$/,
    message: /Medication/,
  },
  {
    kind: 'base invariant obs-6 (dataAbsentReason with a value)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.dataAbsentReason = { text: 'not asked' }),
    at: /^Observation$/,
    message: /obs-6/,
  },
  {
    kind: 'nested slice: repeat-motif-order with a wrong value type',
    file: 'Observation-MultipleRepeatExpansions.json',
    profile: `${GR}variant`,
    mutate: (r) => {
      const ext = r.component[5].extension[0];
      delete ext.valuePositiveInt;
      ext.valueString = 'first';
    },
    at: /^Observation\.component\[5\]\.extension\[0\]\.valueString$/,
  },
  {
    kind: 'single value where the element repeats (category as an object)',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.category = r.category[0]),
    at: /^Observation\.category$/,
    message: /array/,
  },
  {
    kind: 'GenomicReport without the GE category',
    file: 'DiagnosticReport-GenomicReportExample01.json',
    profile: `${GR}genomic-report`,
    mutate: (r) =>
      (r.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }]),
    at: /^DiagnosticReport\.category:Genetics$/,
  },
  {
    kind: 'GenomicStudy category coding off the pattern (repeating coding)',
    file: 'Procedure-PGXGenomicStudy.json',
    profile: `${GR}genomic-study`,
    mutate: (r) => (r.category.coding[0].code = 'imaging'),
    at: /^Procedure\.category/,
  },
  {
    kind: 'GenomicStudyAnalysis with an element fixed to 0..0 (code)',
    file: 'Procedure-PGXGenomicStudyAnalysis.json',
    profile: `${GR}genomic-study-analysis`,
    mutate: (r) => (r.code = { text: 'analysis' }),
    at: /^Procedure\.code$/,
    message: /0\.\.0/,
  },
  {
    kind: 'MedicationRecommendation with intent other than the fixed proposal',
    file: 'Task-MedicationRecommendationExample1.json',
    profile: `${GR}medication-recommendation`,
    mutate: (r) => (r.intent = 'order'),
    at: /^Task\.intent$/,
  },
  {
    kind: 'contained reference to a missing resource',
    file: VARIANT,
    profile: `${GR}variant`,
    mutate: (r) => (r.specimen = { reference: '#no-such-specimen' }),
    at: /^Observation\.specimen$/,
    message: /contained/,
  },
];

describe('validation: the mutant corpus', () => {
  it(`has at least 20 kinds (${mutants.length})`, () => {
    expect(mutants.length).to.be.at.least(20);
  });

  for (const m of mutants) {
    it(`flags: ${m.kind}`, async () => {
      const validator = await sharedValidator();
      const original = await example(m.file);
      expect(errorsOf(validator.validate(original, m.profile)), 'the unmutated example').to.deep.equal([]);
      const mutant = await example(m.file);
      m.mutate(mutant);
      const errors = validator.validate(mutant, m.profile).filter((i) => i.severity === 'error');
      const hit = errors.find((e) => m.at.test(e.location) && (!m.message || m.message.test(e.message)));
      const wanted = `an error at ${m.at}${m.message ? ` saying ${m.message}` : ''}`;
      expect(hit !== undefined, `${wanted}; got ${JSON.stringify(errors)}`).to.equal(true);
    });
  }
});

function errorsOf(issues: readonly { severity: string; location: string; message: string }[]): string[] {
  return issues.filter((i) => i.severity === 'error').map((i) => `${i.location}: ${i.message}`);
}
