// Haplotype, implication, study-metadata and population operations on small fixtures.
import { expect } from 'chai';
import type { Parameters } from '@medplum/fhirtypes';
import type { ReferenceServer } from '../../src/server/index.js';
import { blocks, componentOf, ids, op, partResources, partValue, startFixtureServer } from './client.js';
import * as fx from './fixtures.js';
import { outputProblems } from './operation-definitions.js';

const SPDI = 'NC_000019.10:38499669:C:T';
const ABSENT_SPDI = 'NC_000019.10:38499999:G:C';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const fixtures = [
  fx.patient('q1'),
  fx.patient('q2'),
  fx.patient('q3'),
  fx.haplotype('g1', 'q1', 'genotype', 'CYP2C19 *1/*2', ['HGNC:2621', 'CYP2C19']),
  fx.haplotype('h1', 'q1', 'haplotype', 'HLA-A*23:01:01', ['HGNC:4931', 'HLA-A']),
  fx.variant({
    id: 'qv1',
    patient: 'q1',
    accession: 'NC_000019.10',
    low: 38499670,
    ref: 'C',
    alt: 'T',
    sourceClass: 'germline',
  }),
  fx.implication(
    'tx1',
    'q1',
    'therapeutic-implication',
    ['Observation/g1'],
    [fx.medication('32968', 'clopidogrel')],
  ),
  fx.implication(
    'dx1',
    'q1',
    'diagnostic-implication',
    ['Observation/qv1'],
    [fx.condition('398036000', 'Familial hypercholesterolemia')],
  ),
  fx.implication(
    'mc1',
    'q1',
    'molecular-consequence',
    ['Observation/qv1'],
    [fx.featureConsequence('SO:0001575')],
  ),
  fx.specimen('sq1', 'specimen-q1'),
  fx.report(
    'rq1',
    'q1',
    'q1-test',
    '2020-07-13',
    ['Observation/g1', 'Observation/h1', 'Observation/qv1', 'Observation/tx1'],
    'sq1',
  ),
  fx.haplotype('h2', 'q2', 'haplotype', 'HLA-A*23:01:01', ['HGNC:4931', 'HLA-A']),
  fx.variant({
    id: 'qv2',
    patient: 'q2',
    accession: 'NC_000019.10',
    low: 38499670,
    ref: 'C',
    alt: 'T',
    sourceClass: 'somatic',
  }),
  fx.variant({
    id: 'qv3',
    patient: 'q2',
    accession: 'NC_000019.10',
    low: 38500000,
    ref: 'G',
    alt: 'A',
    sourceClass: 'somatic',
  }),
  fx.implication(
    'dx2',
    'q2',
    'diagnostic-implication',
    ['Observation/qv2'],
    [fx.condition('398036000', 'Familial hypercholesterolemia')],
  ),
  fx.haplotype('h3', 'q3', 'haplotype', 'HLA-B*08:01', ['HGNC:4932', 'HLA-B']),
  fx.structuralVariant({ id: 'sv3', patient: 'q3', accession: 'NC_000017.11', outer: [100, 1000] }),
];

describe('reference server: haplotype, implication, metadata and population operations', () => {
  let server: ReferenceServer;
  before(async () => (server = await startFixtureServer(fixtures)));
  after(() => server.close());

  async function call(name: string, query: Record<string, string | string[]>): Promise<Parameters> {
    const res = await op(server, name, query);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(outputProblems(name, res.body)).to.deep.equal([]);
    return res.body;
  }

  describe('$find-subject-haplotypes', () => {
    it('finds genotypes and haplotypes by system|code or gene symbol, one block per gene', async () => {
      const out = await call('find-subject-haplotypes', {
        subject: 'q1',
        genes: 'http://www.genenames.org|HGNC:2621,HLA-A,CYP2D6',
      });
      expect(blocks(out, 'haplotypes').map((b) => partValue(b, 'geneItem'))).to.deep.equal([
        'http://www.genenames.org|HGNC:2621',
        'HLA-A',
        'CYP2D6',
      ]);
      const [cyp2c19, hlaA, cyp2d6] = blocks(out, 'haplotypes');
      expect(ids(partResources(cyp2c19!, 'genotype'))).to.deep.equal(['g1']);
      expect(ids(partResources(hlaA!, 'haplotype'))).to.deep.equal(['h1']);
      expect(cyp2d6!.part).to.have.length(1);
    });

    it('requires genes', async () => {
      expect((await op(server, 'find-subject-haplotypes', { subject: 'q1' })).status).to.equal(400);
    });
  });

  describe('$find-subject-specific-haplotypes', () => {
    it('matches names exactly, by allele-field prefix, and by system|code', async () => {
      const out = await call('find-subject-specific-haplotypes', {
        subject: 'q1',
        haplotypes: ['HLA-A*23', 'CYP2C19 *1/*2', 'HLA-B*08', 'http://www.pharmvar.org|CYP2C19 *1/*2'],
      });
      expect(
        blocks(out, 'haplotypes').map((b) => [partValue(b, 'haplotypeItem'), partValue(b, 'presence')]),
      ).to.deep.equal([
        ['HLA-A*23', true],
        ['CYP2C19 *1/*2', true],
        ['HLA-B*08', false],
        ['http://www.pharmvar.org|CYP2C19 *1/*2', true],
      ]);
    });
  });

  describe('implications', () => {
    it('tx: by treatment (system|code or name) and by haplotype, with the derivedFrom genotype included', async () => {
      const queries: Record<string, string>[] = [
        { treatments: `${RXNORM}|32968` },
        { treatments: 'clopidogrel' },
        { haplotypes: 'CYP2C19 *1/*2' },
      ];
      for (const query of queries) {
        const out = await call('find-subject-tx-implications', { subject: 'q1', ...query });
        expect(ids(partResources(out, 'implication'))).to.deep.equal(['tx1']);
        expect(ids(partResources(out, 'genotype'))).to.deep.equal(['g1']);
      }
    });

    it('tx: an unknown or odd treatment gives an empty answer, not an error', async () => {
      const out = await call('find-subject-tx-implications', {
        subject: 'q1',
        treatments: 'https://clinicaltrials.gov/|NCT01234567',
      });
      expect(out.parameter ?? []).to.have.length(0);
    });

    it('dx: by condition, SPDI or range; the target variant comes back 0-based', async () => {
      const queries: Record<string, string>[] = [
        { conditions: 'http://snomed.info/sct|398036000' },
        { variants: SPDI },
        { ranges: 'NC_000019.10:38499000-38500000' },
      ];
      for (const query of queries) {
        const out = await call('find-subject-dx-implications', { subject: 'q1', ...query });
        expect(ids(partResources(out, 'implication'))).to.deep.equal(['dx1']);
        const [variant] = partResources(out, 'variant');
        expect(componentOf(variant!, '81254-5').valueRange?.low?.value).to.equal(38499669);
      }
      const none = await call('find-subject-dx-implications', { subject: 'q1', ranges: 'NC_000019.10:1-2' });
      expect(none.parameter ?? []).to.have.length(0);
    });

    it('molecular consequences by feature consequence', async () => {
      const out = await call('find-subject-molecular-consequences', {
        subject: 'q1',
        featureConsequences: 'http://www.sequenceontology.org|SO:0001575',
      });
      expect(ids(partResources(out, 'consequence'))).to.deep.equal(['mc1']);
      expect(ids(partResources(out, 'variant'))).to.deep.equal(['qv1']);
    });
  });

  describe('$find-study-metadata', () => {
    it('describes each test: id, dateTime, specimen, build; regions are unknown when ranges are asked for', async () => {
      const out = await call('find-study-metadata', {
        subject: 'q1',
        ranges: 'NC_000019.10:38499000-38500000',
      });
      const [test] = blocks(out, 'tests');
      expect(partValue(test!, 'testId')).to.equal('q1-test');
      expect(test!.part!.find((p) => p.name === 'testDate')).to.deep.equal({
        name: 'testDate',
        valueDateTime: '2020-07-13',
      });
      expect(partValue(test!, 'specimenId')).to.equal('specimen-q1');
      expect(
        test!.part!.find((p) => p.name === 'genomicBuild')?.valueCodeableConcept?.coding?.[0]?.code,
      ).to.equal('LA26806-2');
      expect(partValue(test!, 'regionStudied')).to.equal('unknown');
    });

    it('filters tests by identifier, date range and specimen', async () => {
      expect(
        blocks(await call('find-study-metadata', { subject: 'q1', testDateRange: 'le2019-12-31' }), 'tests'),
      ).to.have.length(0);
      expect(
        blocks(await call('find-study-metadata', { subject: 'q1', testIdentifiers: 'q1-test' }), 'tests'),
      ).to.have.length(1);
      expect(
        blocks(await call('find-study-metadata', { subject: 'q1', specimenIdentifiers: 'other' }), 'tests'),
      ).to.have.length(0);
    });
  });

  describe('population operations', () => {
    const numbers = (out: Parameters, name = 'variants') =>
      blocks(out, name).map((b) => [partValue(b, 'numerator'), partValue(b, 'denominator')]);

    it('specific variants: comma = one block per item (OR); repeated = one AND block', async () => {
      const any = await call('find-population-specific-variants', { variants: `${SPDI},${ABSENT_SPDI}` });
      expect(numbers(any)).to.deep.equal([
        [2, 3],
        [0, 3],
      ]);
      const all = await call('find-population-specific-variants', {
        variants: [SPDI, 'NC_000019.10:38499999:G:A'],
      });
      expect(blocks(all).map((b) => partValue(b, 'variantItem'))).to.deep.equal([
        `${SPDI} AND NC_000019.10:38499999:G:A`,
      ]);
      expect(numbers(all)).to.deep.equal([[1, 3]]);
    });

    it('includePatientList lists the subjects; genomicSourceClass narrows the count', async () => {
      const out = await call('find-population-specific-variants', {
        variants: SPDI,
        includePatientList: 'true',
      });
      expect(
        blocks(out)[0]!
          .part!.filter((p) => p.name === 'subject')
          .map((p) => p.valueString),
      ).to.deep.equal(['q1', 'q2']);
      expect(
        numbers(
          await call('find-population-specific-variants', { variants: SPDI, genomicSourceClass: 'somatic' }),
        ),
      ).to.deep.equal([[1, 3]]);
    });

    it('specific haplotypes with AND', async () => {
      expect(
        numbers(await call('find-population-specific-haplotypes', { haplotypes: 'HLA-A*23' }), 'haplotypes'),
      ).to.deep.equal([[2, 3]]);
      expect(
        numbers(
          await call('find-population-specific-haplotypes', { haplotypes: ['HLA-A*23', 'HLA-B*08'] }),
          'haplotypes',
        ),
      ).to.deep.equal([[0, 3]]);
    });

    it('structural intersecting and subsuming', async () => {
      expect(
        numbers(
          await call('find-population-structural-intersecting-variants', { ranges: 'NC_000017.11:999-1500' }),
        ),
      ).to.deep.equal([[1, 3]]);
      expect(
        numbers(
          await call('find-population-structural-intersecting-variants', {
            ranges: 'NC_000017.11:1000-1500',
          }),
        ),
      ).to.deep.equal([[0, 3]]);
      expect(
        numbers(
          await call('find-population-structural-subsuming-variants', { ranges: 'NC_000017.11:100-1000' }),
        ),
      ).to.deep.equal([[1, 3]]);
    });

    it('tx, dx and molecular consequence counts', async () => {
      expect(
        numbers(await call('find-population-tx-implications', { treatments: 'clopidogrel' }), 'implications'),
      ).to.deep.equal([[1, 3]]);
      expect(
        numbers(
          await call('find-population-dx-implications', { conditions: 'http://snomed.info/sct|398036000' }),
          'implications',
        ),
      ).to.deep.equal([[2, 3]]);
      expect(
        numbers(
          await call('find-population-molecular-consequences', { featureConsequences: 'SO:0001575' }),
          'consequences',
        ),
      ).to.deep.equal([[1, 3]]);
    });

    it('400 without the required parameter or with a bad includePatientList', async () => {
      expect((await op(server, 'find-population-specific-variants', {})).status).to.equal(400);
      expect(
        (await op(server, 'find-population-specific-variants', { variants: SPDI, includePatientList: 'y' }))
          .status,
      ).to.equal(400);
      expect(
        (await op(server, 'find-population-specific-variants', { variants: SPDI, subject: 'q1' })).status,
      ).to.equal(400);
    });
  });
});
