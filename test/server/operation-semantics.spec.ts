// Operation semantics the suites rely on: POST lists are OR and a Period is AND; the subject implication
// operations return nothing without a selection parameter and include the evidence chain; genomicSourceClass
// reaches haplotypes and implications through what they derive from or their test's analysis; and
// $find-study-metadata reads studied and uncallable regions from the analysis BED files.
import { expect } from 'chai';
import type { Parameters } from '@medplum/fhirtypes';
import type { ReferenceServer } from '../../src/server/index.js';
import { blocks, ids, op, partResources, partValue, postOp, send, startFixtureServer } from './client.js';
import * as fx from './fixtures.js';
import { outputProblems } from './operation-definitions.js';

const IG = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';
const B38 = 'NC_000019.10';
const A = `${B38}:1000:C:T`;
const B = `${B38}:2000:G:A`;

const bed = (id: string, lines: string[] | undefined) => ({
  resourceType: 'DocumentReference',
  id,
  status: 'current',
  content: [
    {
      attachment: {
        contentType: 'text/plain',
        ...(lines ? { data: Buffer.from(lines.map((l) => `${l}\n`).join('')).toString('base64') } : {}),
      },
    },
  ],
});

/** A report with a GenomicStudy and one analysis stating source class and region files. */
function test(key: string, patient: string, date: string, results: string[], sourceClass: string) {
  return [
    {
      ...fx.report(`r-${key}`, patient, `test-${key}`, date, results),
      extension: [
        { url: `${IG}genomic-study-reference`, valueReference: { reference: `Procedure/s-${key}` } },
      ],
    },
    {
      resourceType: 'Procedure',
      id: `s-${key}`,
      status: 'completed',
      subject: { reference: `Patient/${patient}` },
      extension: [
        { url: `${IG}genomic-study-analysis-ext`, valueReference: { reference: `Procedure/a-${key}` } },
      ],
    },
    {
      resourceType: 'Procedure',
      id: `a-${key}`,
      status: 'completed',
      subject: { reference: `Patient/${patient}` },
      extension: [
        {
          url: `${IG}genomic-study-analysis-genomic-source-class`,
          valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: sourceClass }] },
        },
        {
          url: `${IG}genomic-study-analysis-regions`,
          extension: [
            { url: 'studied', valueReference: { reference: `DocumentReference/bed-s-${key}` } },
            { url: 'uncalled', valueReference: { reference: `DocumentReference/bed-u-${key}` } },
          ],
        },
      ],
    },
  ];
}

const fixtures = [
  fx.patient('p1'),
  fx.patient('p2'),
  fx.variant({
    id: 'va',
    patient: 'p1',
    accession: B38,
    low: 1000,
    high: 1001,
    ref: 'C',
    alt: 'T',
    system: 'LA30100-4',
  }),
  fx.variant({
    id: 'vb',
    patient: 'p2',
    accession: B38,
    low: 2000,
    high: 2001,
    ref: 'G',
    alt: 'A',
    system: 'LA30100-4',
  }),
  {
    ...fx.haplotype('h1', 'p1', 'haplotype', 'CYP2C19*2', ['HGNC:2621', 'CYP2C19']),
    derivedFrom: [{ reference: 'Observation/va' }],
  },
  {
    ...fx.haplotype('g1', 'p1', 'genotype', 'CYP2C19 *1/*2', ['HGNC:2621', 'CYP2C19']),
    derivedFrom: [{ reference: 'Observation/h1' }],
  },
  fx.haplotype('h2', 'p2', 'haplotype', 'HLA-A*23:01', ['HGNC:4931', 'HLA-A']),
  fx.implication(
    'tx1',
    'p1',
    'therapeutic-implication',
    ['Observation/g1'],
    [fx.medication('32968', 'clopidogrel')],
  ),
  ...test(
    '1',
    'p1',
    '2020-07-13',
    ['Observation/va', 'Observation/h1', 'Observation/g1', 'Observation/tx1'],
    'LA6683-2',
  ),
  ...test('2', 'p2', '2022-01-10', ['Observation/vb', 'Observation/h2'], 'LA6684-0'),
  bed('bed-s-1', [`${B38}\t900\t1100`, `${B38}\t1500\t2500`, 'NC_000017.11\t1\t5']),
  bed('bed-u-1', undefined),
  { ...bed('bed-s-2', undefined), content: [{ attachment: { url: 'https://files.example.org/2.bed' } }] },
  bed('bed-u-2', undefined),
];

describe('reference server: operation semantics', () => {
  let server: ReferenceServer;
  before(async () => (server = await startFixtureServer(fixtures)));
  after(() => server.close());

  const ok = (name: string, out: { status: number; body: Parameters }): Parameters => {
    expect(out.status, JSON.stringify(out.body)).to.equal(200);
    expect(outputProblems(name, out.body)).to.deep.equal([]);
    return out.body;
  };
  const numbers = (out: Parameters, name: string) =>
    blocks(out, name).map((b) => [
      partValue(b, 'variantItem') ?? partValue(b, 'haplotypeItem'),
      partValue(b, 'numerator'),
    ]);

  describe('POST Parameters', () => {
    it('repeated parameters are one OR list (one block per item), unlike repeated query parameters (AND)', async () => {
      const name = 'find-population-specific-variants';
      expect(numbers(ok(name, await postOp(server, name, { variants: [A, B] })), 'variants')).to.deep.equal([
        [A, 1],
        [B, 1],
      ]);
      expect(numbers(ok(name, await op(server, name, { variants: [A, B] })), 'variants')).to.deep.equal([
        [`${A} AND ${B}`, 0],
      ]);
      const haplotypes = 'find-population-specific-haplotypes';
      expect(
        numbers(
          ok(haplotypes, await postOp(server, haplotypes, { haplotypes: ['CYP2C19*2', 'HLA-A*23'] })),
          'haplotypes',
        ),
      ).to.deep.equal([
        ['CYP2C19*2', 1],
        ['HLA-A*23', 1],
      ]);
    });

    it('a valuePeriod testDateRange ANDs its start and end, as repeated date strings do', async () => {
      const presence = async (testDateRange: object) => {
        const out = await send<Parameters>(server, 'POST', '$find-subject-variants', {
          resourceType: 'Parameters',
          parameter: [
            { name: 'subject', valueString: 'p1' },
            { name: 'ranges', valueString: `${B38}:0-5000` },
            { name: 'testDateRange', ...testDateRange },
          ],
        });
        return partValue(blocks(ok('find-subject-variants', out))[0]!, 'presence');
      };
      expect(await presence({ valuePeriod: { start: '2020-01-01', end: '2020-12-31' } })).to.equal(true);
      expect(await presence({ valuePeriod: { start: '2021-01-01' } })).to.equal(false);
      expect(await presence({ valuePeriod: { start: '2021-01-01', end: '2019-12-31' } })).to.equal(false);
    });

    it('a Period without start and end is refused with 400', async () => {
      const out = await send(server, 'POST', '$find-subject-variants', {
        resourceType: 'Parameters',
        parameter: [
          { name: 'subject', valueString: 'p1' },
          { name: 'ranges', valueString: `${B38}:0-5000` },
          { name: 'testDateRange', valuePeriod: {} },
        ],
      });
      expect(out.status).to.equal(400);
    });
  });

  describe('subject implication operations', () => {
    it('return no implication when no variants, ranges, haplotypes, treatments or conditions are given', async () => {
      for (const name of [
        'find-subject-tx-implications',
        'find-subject-dx-implications',
        'find-subject-molecular-consequences',
      ]) {
        const out = ok(name, await op(server, name, { subject: 'p1' }));
        expect(out.parameter ?? [], name).to.have.length(0);
      }
    });

    it('include the derivedFrom targets and, in turn, what they derive from, each once', async () => {
      const name = 'find-subject-tx-implications';
      const out = ok(name, await op(server, name, { subject: 'p1', treatments: 'clopidogrel,32968' }));
      expect((out.parameter ?? []).map((p) => `${p.name}:${p.resource?.id}`)).to.deep.equal([
        'implication:tx1',
        'genotype:g1',
        'haplotype:h1',
        'variant:va',
      ]);
    });
  });

  describe('genomicSourceClass', () => {
    it('reaches haplotypes and genotypes through what they derive from, and through the test analysis', async () => {
      const name = 'find-subject-haplotypes';
      const found = async (subject: string, genomicSourceClass: string) =>
        ids(
          (
            ok(name, await op(server, name, { subject, genes: 'CYP2C19,HLA-A', genomicSourceClass }))
              .parameter ?? []
          ).flatMap((b) => partResources(b, 'haplotype').concat(partResources(b, 'genotype'))),
        );
      expect(await found('p1', 'germline')).to.deep.equal(['g1', 'h1']);
      expect(await found('p1', 'somatic')).to.deep.equal([]);
      // h2 has no source class and derives from nothing: its test's analysis says somatic.
      expect(await found('p2', 'somatic')).to.deep.equal(['h2']);
    });

    it('counts implications on population operations by the class of their evidence', async () => {
      const name = 'find-population-tx-implications';
      const count = async (genomicSourceClass: string) =>
        partValue(
          blocks(
            ok(name, await op(server, name, { treatments: 'clopidogrel', genomicSourceClass })),
            'implications',
          )[0]!,
          'numerator',
        );
      expect(await count('germline')).to.equal(1);
      expect(await count('somatic')).to.equal(0);
    });
  });

  describe('$find-study-metadata regions', () => {
    const regions = async (subject: string, ranges: string) => {
      const out = ok('find-study-metadata', await op(server, 'find-study-metadata', { subject, ranges }));
      const [t] = blocks(out, 'tests');
      return [partValue(t!, 'regionStudied'), partValue(t!, 'uncallableRegions')];
    };

    it('lists the studied regions inside the requested ranges, in the IG notes format, and [] for none', async () => {
      expect(await regions('p1', `${B38}:1000-2000,${B38}:1900-3000`)).to.deep.equal([
        `['${B38}:1000-1100', '${B38}:1500-2500']`,
        '[]',
      ]);
      expect(await regions('p1', 'NC_000001.11:1-2')).to.deep.equal(['[]', '[]']);
    });

    it("says 'unknown' when the region file holds no readable regions (a URL only)", async () => {
      expect(await regions('p2', `${B38}:1000-2000`)).to.deep.equal(['unknown', '[]']);
    });
  });
});
