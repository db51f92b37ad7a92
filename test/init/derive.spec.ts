// fgc init's derivation rules on small fixtures: which patient plays each role, and values that hold for it.
import { expect } from 'chai';
import type { Resource } from '@medplum/fhirtypes';
import { NO_CAPABILITIES } from '../../src/engine/capabilities.js';
import { deriveInputs } from '../../src/init/derive/index.js';
import { type Derivation, isDerived } from '../../src/init/derive/types.js';
import { SiteData } from '../../src/init/site-data.js';
import * as fx from '../server/fixtures.js';

const B38 = 'NC_000007.14';
const B37 = 'NC_000007.13';

function derive(
  resources: readonly object[],
  names: readonly string[],
  options: { pinned?: Record<string, string> } = {},
): Record<string, Derivation> {
  const data = new SiteData();
  data.add(resources as Resource[]);
  const ctx = {
    data,
    claims: NO_CAPABILITIES,
    hasCapabilityStatement: false,
    complete: new Set(['Variants']),
  };
  const { byInput } = deriveInputs(ctx, names, new Map(Object.entries(options.pinned ?? {})));
  return Object.fromEntries(byInput);
}

function value(d: Derivation | undefined): unknown {
  expect(d && isDerived(d), JSON.stringify(d)).to.equal(true);
  return (d as { value: unknown }).value;
}

const snv = (
  id: string,
  patient: string,
  low: number,
  accession = B38,
  extra: Partial<fx.SimpleVariant> = {},
) => fx.variant({ id, patient, accession, low, ref: 'A', alt: 'G', ...extra });

describe('fgc init: deriving inputs', () => {
  it('builds boundary ranges at an SNV start, leaving out a variant just before it', () => {
    // SNV at 0-based 1000; a deletion ends at 0-based 980, so the range ending at 1000 starts after it.
    const resources = [
      fx.patient('p1'),
      snv('v1', 'p1', 1001),
      fx.variant({
        id: 'del',
        patient: 'p1',
        accession: B38,
        low: 970,
        high: 980,
        ref: 'ACGTACGTAC',
        alt: 'A',
        system: 'LA30100-4',
      }),
    ];
    const d = derive(resources, [
      'variantPatientId',
      'rangeStartingAtVariant',
      'rangeEndingAtVariant',
      'rangeWithVariant',
      'knownVariant',
    ]);
    expect(value(d.variantPatientId)).to.equal('p1');
    expect(value(d.rangeStartingAtVariant)).to.equal(`${B38}:1000-1050`);
    expect(value(d.rangeEndingAtVariant)).to.equal(`${B38}:981-1000`);
    expect(value(d.rangeWithVariant)).to.equal(`${B38}:950-1051`);
    expect(value(d.knownVariant)).to.equal(`${B38}:1000:A:G`);
  });

  it('finds ranges without variants on a chromosome the patient has none on, in both builds', () => {
    const resources = [
      fx.patient('p1'),
      snv('v1', 'p1', 1001, 'NC_000001.11'),
      snv('v2', 'p1', 1001, 'NC_000002.11'),
    ];
    const d = derive(resources, ['rangeWithoutVariant', 'rangesWithoutVariants']);
    expect(value(d.rangeWithoutVariant)).to.equal('NC_000003.12:1000000-1100000');
    expect(value(d.rangesWithoutVariants)).to.deep.equal([
      'NC_000003.12:1000000-1100000',
      'NC_000003.11:1000000-1100000',
    ]);
  });

  it('picks absent variants with an ALT nobody has at that position (the patient, or any patient)', () => {
    const resources = [snv('v1', 'p1', 1001), snv('v2', 'p2', 1001, B38, { alt: 'C' })];
    const d = derive(resources, ['absentVariants', 'populationAbsentVariants'], {
      pinned: { variantPatientId: 'p1' },
    });
    expect(value(d.absentVariants)).to.deep.equal([`${B38}:1000:A:C`]);
    expect(value(d.populationAbsentVariants)).to.deep.equal([`${B38}:1000:A:T`]);
  });

  it('derives structural-variant ranges inside the inner bounds, over the start, and wider than the outer bounds', () => {
    const resources = [
      snv('v1', 'p1', 1001),
      fx.structuralVariant({
        id: 'sv',
        patient: 'p1',
        accession: B38,
        outer: [20_000, 60_000],
        inner: [30_000, 50_000],
      }),
    ];
    const d = derive(resources, [
      'svSubsumedRange',
      'svIntersectingRange',
      'svNotSubsumedRange',
      'svInnerRange',
    ]);
    expect(value(d.svSubsumedRange)).to.equal(`${B38}:35000-45000`);
    expect(value(d.svIntersectingRange)).to.equal(`${B38}:29000-30001`);
    expect(value(d.svNotSubsumedRange)).to.equal(`${B38}:19000-61000`);
    expect(value(d.svInnerRange)).to.equal(`${B38}:30000-50000`);
  });

  it('takes svInnerRange from a structural variant with inner bounds, and none from outer bounds alone', () => {
    const outerOnly = fx.structuralVariant({
      id: 'sv1',
      patient: 'p1',
      accession: B38,
      outer: [20_000, 60_000],
    });
    const withInner = fx.structuralVariant({
      id: 'sv2',
      patient: 'p1',
      accession: B38,
      outer: [100_000, 200_000],
      inner: [120_000, 180_000],
    });
    const both = derive([snv('v1', 'p1', 1001), outerOnly, withInner], ['svInnerRange', 'svSubsumedRange']);
    expect(value(both.svInnerRange)).to.equal(`${B38}:120000-180000`);
    expect(value(both.svSubsumedRange), 'the other SV inputs are about the same variant').to.equal(
      `${B38}:135000-165000`,
    );
    const alone = derive([snv('v1', 'p1', 1001), outerOnly], ['svInnerRange']);
    expect(alone.svInnerRange).to.deep.equal({
      reason: 'Observation/sv1 has outer bounds only: no range is certainly inside it',
    });
  });

  it('gives the known variant its genomic source class, or says it has none', () => {
    const somatic = derive(
      [snv('v1', 'p1', 1001, B38, { sourceClass: 'somatic' })],
      ['knownVariant', 'knownVariantSourceClass'],
    );
    expect(value(somatic.knownVariant)).to.equal(`${B38}:1000:A:G`);
    expect(value(somatic.knownVariantSourceClass)).to.equal('somatic');
    const unstated = derive([snv('v1', 'p1', 1001)], ['knownVariantSourceClass']);
    expect(unstated.knownVariantSourceClass).to.deep.equal({
      reason: 'Observation/v1 (the knownVariant) has no genomic source class (48002-0)',
    });
  });

  it('prefers the patient whose data unlocks more, then one already chosen, so few patients cover most', () => {
    const resources = [
      // p1: simple variants only; p2: simple and structural (better variant patient)
      snv('a1', 'p1', 1001),
      snv('b1', 'p2', 1001),
      fx.structuralVariant({ id: 'sv', patient: 'p2', accession: B38, inner: [30_000, 50_000] }),
      // both have one haplotype: the pgx role takes p2, already chosen
      fx.haplotype('h1', 'p1', 'haplotype', 'CYP2C19*2', ['HGNC:2621', 'CYP2C19']),
      fx.haplotype('h2', 'p2', 'haplotype', 'CYP2C19*17', ['HGNC:2621', 'CYP2C19']),
    ];
    const d = derive(resources, ['variantPatientId', 'pgxPatientId']);
    expect(value(d.variantPatientId)).to.equal('p2');
    expect(value(d.pgxPatientId)).to.equal('p2');
    const pinned = derive(resources, ['variantPatientId', 'pgxPatientId', 'knownVariant'], {
      pinned: { variantPatientId: 'p1' },
    });
    expect(value(pinned.knownVariant), 'values follow a patient written by hand').to.equal(`${B38}:1000:A:G`);
    expect(value(pinned.pgxPatientId)).to.equal('p1');
  });

  it('uses a treatment only when every implication naming it points at the patient own Variants', () => {
    const resources = [
      snv('v1', 'p1', 1001),
      snv('v2', 'p2', 1001),
      fx.implication(
        't1',
        'p1',
        'therapeutic-implication',
        ['Observation/v1'],
        [fx.medication('32968', 'clopidogrel')],
      ),
      // p1's codeine implication points at another patient's variant: the operations would not return it
      fx.implication(
        't2',
        'p1',
        'therapeutic-implication',
        ['Observation/v2'],
        [fx.medication('2670', 'codeine')],
      ),
    ];
    const d = derive(resources, [
      'txPatientId',
      'txTreatment',
      'txTreatmentWithout',
      'txVariantPatientId',
      'txVariant',
    ]);
    expect(value(d.txTreatment)).to.equal('http://www.nlm.nih.gov/research/umls/rxnorm|32968');
    expect(value(d.txTreatmentWithout)).to.equal('http://www.nlm.nih.gov/research/umls/rxnorm|1191');
    expect(value(d.txVariant)).to.equal(`${B38}:1000:A:G`);
  });

  it('prefers a tx patient whose implication derives from a genotype, named as txHaplotype', () => {
    const medication = (code: string) => [fx.medication(code, code)];
    const resources = [
      snv('v1', 'p1', 1001),
      fx.implication('t1', 'p1', 'therapeutic-implication', ['Observation/v1'], medication('1721560')),
      fx.haplotype('h2', 'p2', 'haplotype', 'CYP2C19*2', ['HGNC:2621', 'CYP2C19']),
      fx.haplotype('g2', 'p2', 'genotype', 'CYP2C19 *2/*17', ['HGNC:2621', 'CYP2C19']),
      fx.implication(
        't2',
        'p2',
        'therapeutic-implication',
        ['Observation/h2', 'Observation/g2'],
        medication('32968'),
      ),
    ];
    const d = derive(resources, ['txPatientId', 'txHaplotype', 'txVariantPatientId', 'txVariant']);
    expect(value(d.txPatientId)).to.equal('p2');
    expect(value(d.txHaplotype), 'the genotype, whose implications bring haplotypes too').to.equal(
      'CYP2C19 *2/*17',
    );
    expect(value(d.txVariantPatientId)).to.equal('p1');
    const variantsOnly = derive(resources.slice(0, 2), ['txHaplotype']);
    expect(variantsOnly.txHaplotype).to.deep.equal({
      reason:
        'no TherapeuticImplication of the chosen patient derives from a Haplotype or Genotype with a value',
    });
  });

  it('takes a condition another patient has an implication for as dxConditionWithout, else melanoma', () => {
    const resources = [
      snv('v1', 'p1', 1001),
      fx.implication(
        'd1',
        'p1',
        'diagnostic-implication',
        ['Observation/v1'],
        [fx.condition('398036000', 'FH')],
      ),
    ];
    const other = [
      snv('v2', 'p2', 1001, B38, { alt: 'C' }),
      fx.implication(
        'd2',
        'p2',
        'diagnostic-implication',
        ['Observation/v2'],
        [fx.condition('254837009', 'BC')],
      ),
    ];
    const pinned = { dxPatientId: 'p1' };
    const d = derive([...resources, ...other], ['dxCondition', 'dxConditionWithout'], { pinned });
    expect(value(d.dxCondition)).to.equal('http://snomed.info/sct|398036000');
    expect(value(d.dxConditionWithout)).to.equal('http://snomed.info/sct|254837009');
    const alone = derive(resources, ['dxConditionWithout']);
    expect(value(alone.dxConditionWithout)).to.equal('http://snomed.info/sct|372244006');
  });

  it('finds a filter range and variant only the first test found, with its specimen, date bounds and source class', () => {
    const resources = [
      fx.specimen('s1', 'spec-1'),
      fx.specimen('s2', 'spec-2'),
      snv('v1', 'p1', 1001, B38, { sourceClass: 'germline' }),
      snv('v2', 'p1', 90_001, B38, { sourceClass: 'somatic' }),
      fx.report('r1', 'p1', 'test-1', '2023-06-01', ['Observation/v1'], 's1'),
      fx.report('r2', 'p1', 'test-2', '2019-03-14', ['Observation/v2'], 's2'),
    ];
    const d = derive(resources, [
      'studyPatientId',
      'testId',
      'otherTestId',
      'specimenId',
      'otherSpecimenId',
      'testDateFrom',
      'testDateUntil',
      'filterRange',
      'filterVariant',
      'sourceClass',
      'otherSourceClass',
    ]);
    expect(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, value(v)]))).to.deep.equal({
      studyPatientId: 'p1',
      testId: 'test-1',
      otherTestId: 'test-2',
      specimenId: 'spec-1',
      otherSpecimenId: 'spec-2',
      testDateFrom: 'ge2023-06-01',
      testDateUntil: 'le2023-05-31',
      filterRange: `${B38}:950-1051`,
      filterVariant: `${B38}:1000:A:G`,
      sourceClass: 'germline',
      otherSourceClass: 'somatic',
    });
  });

  it('takes haplotypes and genes from the calls, and a star allele nobody has as the absent one', () => {
    const resources = [
      fx.haplotype('h1', 'p1', 'genotype', 'CYP2C19 *2/*3', ['HGNC:2621', 'CYP2C19']),
      fx.haplotype('h2', 'p2', 'haplotype', 'CYP2C19*4', ['HGNC:2621', 'CYP2C19']),
    ];
    const d = derive(
      resources,
      ['genes', 'haplotypesPresent', 'haplotypesAbsent', 'populationAbsentHaplotypes'],
      { pinned: { pgxPatientId: 'p1' } },
    );
    expect(value(d.genes)).to.deep.equal(['http://www.genenames.org|HGNC:2621', 'CYP2C19']);
    expect(value(d.haplotypesPresent)).to.deep.equal([
      'CYP2C19 *2/*3',
      'http://www.pharmvar.org|CYP2C19 *2/*3',
    ]);
    expect(value(d.haplotypesAbsent)).to.deep.equal(['CYP2C19*4']);
    expect(value(d.populationAbsentHaplotypes)).to.deep.equal(['CYP2C19*5']);
  });

  it('takes a gene the pgx patient has no calls for from other data, in its system, and a gene token in another case', () => {
    const own = fx.haplotype('h1', 'p1', 'genotype', 'CYP2C19 *2/*3', ['HGNC:2621', 'CYP2C19']);
    const hla = fx.haplotype('h2', 'p1', 'haplotype', 'HLA-A*01:01', ['HGNC:4931', 'HLA-A']);
    const names = ['geneWithoutResults', 'geneTokenOtherCase'];
    const pinned = { pgxPatientId: 'p1' };
    const other = [
      fx.haplotype('h3', 'p2', 'haplotype', 'HLA-A*02:01', ['HGNC:4931', 'HLA-A']),
      fx.haplotype('h4', 'p2', 'haplotype', 'CYP2D6*4', ['HGNC:2625', 'CYP2D6']),
    ];
    const d = derive([own, hla, ...other], names, { pinned });
    expect(value(d.geneWithoutResults), 'HLA-A is one of its genes').to.equal(
      'http://www.genenames.org|HGNC:2625',
    );
    expect(value(d.geneTokenOtherCase)).to.equal('cyp2c19');
    const alone = derive([own], names, { pinned });
    expect(value(alone.geneWithoutResults), 'TPMT, in the HGNC system the calls use').to.equal(
      'http://www.genenames.org|HGNC:12014',
    );
    const noGene = derive([fx.haplotype('h1', 'p1', 'haplotype', 'CYP2C19*2')], names, { pinned });
    expect(noGene.geneWithoutResults).to.deep.equal({
      reason: 'the calls of Patient/p1 have no gene-studied component (48018-6)',
    });
    expect(noGene.geneTokenOtherCase).to.have.property('reason');
  });

  it('takes two population haplotypes that no patient read holds together', () => {
    const resources = [
      fx.haplotype('h1', 'p1', 'haplotype', 'CYP2C19*2', ['HGNC:2621', 'CYP2C19']),
      fx.haplotype('h2', 'p2', 'genotype', 'CYP2C19 *2/*17', ['HGNC:2621', 'CYP2C19']),
      fx.haplotype('h3', 'p2', 'haplotype', 'CYP2D6*4', ['HGNC:2625', 'CYP2D6']),
      // p3 has CYP2D6*4 too, but p2 holds it with CYP2C19*2
      fx.haplotype('h4', 'p3', 'haplotype', 'CYP2D6*4', ['HGNC:2625', 'CYP2D6']),
    ];
    const pinned = { pgxPatientId: 'p1' };
    const none = derive(resources, ['populationHaplotype', 'populationHaplotypes'], { pinned });
    expect(value(none.populationHaplotype)).to.equal('CYP2C19*2');
    expect(none.populationHaplotypes).to.deep.equal({
      reason: 'no patient read holds a haplotype or genotype while not holding CYP2C19*2',
    });
    const apart = [
      ...resources,
      fx.haplotype('h5', 'p4', 'genotype', 'CYP3A5 *3/*3', ['HGNC:2638', 'CYP3A5']),
    ];
    const d = derive(apart, ['populationHaplotypes'], { pinned });
    expect(value(d.populationHaplotypes)).to.deep.equal(['CYP2C19*2', 'CYP3A5 *3/*3']);
  });

  it('finds the same variant on GRCh37 and GRCh38 by its c.HGVS, and says why when there is none', () => {
    const both = [
      snv('a', 'p1', 1001, B37, { hgvsC: 'NM_1.1:c.1A>G' }),
      snv('b', 'p1', 5001, B38, { hgvsC: 'NM_1.1:c.1A>G' }),
    ];
    expect(value(derive(both, ['crossBuildRanges']).crossBuildRanges)).to.deep.equal([
      `${B37}:950-1051`,
      `${B38}:4950-5051`,
    ]);
    const none = derive([snv('a', 'p1', 1001)], ['crossBuildRanges', 'phasedRange', 'customInput']);
    expect(none.crossBuildRanges).to.deep.equal({
      reason: 'no patient has the same variant stored on GRCh37 and on GRCh38 (init does no liftover)',
    });
    expect(none.phasedRange).to.have.property('reason');
    expect(none.customInput).to.deep.equal({
      reason: 'fgc init has no rule for this input: supply it by hand',
    });
  });
});
