// $find-subject-variants, $find-subject-specific-variants and the structural subject operations on small
// fixtures in both builds: range boundaries, every parameter, every error status, GET = POST.
import { expect } from 'chai';
import type { ReferenceServer } from '../../src/server/index.js';
import {
  blocks,
  componentOf,
  diagnostics,
  ids,
  op,
  partResources,
  partValue,
  postOp,
  startFixtureServer,
} from './client.js';
import { B37, B38, variantFixtures } from './variant-fixtures.js';
import { outputProblems } from './operation-definitions.js';

describe('reference server: subject variant operations', () => {
  let server: ReferenceServer;
  before(async () => (server = await startFixtureServer(variantFixtures)));
  after(() => server.close());

  async function presence(range: string, name = 'find-subject-variants'): Promise<boolean> {
    const res = await op(server, name, { subject: 'p1', ranges: range });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(outputProblems(name, res.body)).to.deep.equal([]);
    return partValue(blocks(res.body)[0]!, 'presence') as boolean;
  }

  async function found(
    query: Record<string, string | string[]>,
    name = 'find-subject-variants',
  ): Promise<string[]> {
    const res = await op(server, name, { subject: 'p1', includeVariants: 'true', ...query });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(outputProblems(name, res.body)).to.deep.equal([]);
    return ids(blocks(res.body).flatMap((b) => partResources(b, 'variant')));
  }

  describe('range boundaries (0-based, half-open)', () => {
    for (const [build, acc] of [
      ['GRCh38', B38],
      ['GRCh37', B37],
    ] as const) {
      it(`${build}: an SNV at [1000, 1001): touching, starting, containing, exact, adjacent`, async () => {
        expect(await presence(`${acc}:990-1000`)).to.equal(false);
        expect(await presence(`${acc}:1000-1010`)).to.equal(true);
        expect(await presence(`${acc}:900-1100`)).to.equal(true);
        expect(await presence(`${acc}:1000-1001`)).to.equal(true);
        expect(await presence(`${acc}:1001-1100`)).to.equal(false);
      });
    }

    it('GRCh38: a padded deletion counts from its first deleted base', async () => {
      expect(await presence(`${B38}:1990-2001`)).to.equal(false);
      expect(await presence(`${B38}:2001-2002`)).to.equal(true);
      expect(await presence(`${B38}:2002-2003`)).to.equal(true);
      expect(await presence(`${B38}:2003-2010`)).to.equal(false);
    });

    it('GRCh38: an insertion is in a range that starts at it, not in one that ends at it', async () => {
      expect(await presence(`${B38}:3001-3002`)).to.equal(true);
      expect(await presence(`${B38}:2990-3001`)).to.equal(false);
    });

    it('does not mix builds (no liftover)', async () => {
      expect(await found({ ranges: `${B37}:0-100000` })).to.deep.equal(['v37-snv']);
    });
  });

  it('answers one block per range, in request order, with presence false where nothing is found', async () => {
    const res = await op(server, 'find-subject-variants', {
      subject: 'Patient/p1',
      ranges: `${B38}:5000-5001,${B38}:7000-8000`,
    });
    expect(blocks(res.body).map((b) => [partValue(b, 'rangeItem'), partValue(b, 'presence')])).to.deep.equal([
      [`${B38}:5000-5001`, true],
      [`${B38}:7000-8000`, false],
    ]);
  });

  it('includeVariants defaults to false; true returns variants in the operation minimum (0-based LA30100-4)', async () => {
    const res = await op(server, 'find-subject-variants', { subject: 'p1', ranges: `${B38}:1000-1001` });
    expect(partResources(blocks(res.body)[0]!, 'variant')).to.have.length(0);
    const [v] = (
      await op(server, 'find-subject-variants', {
        subject: 'p1',
        ranges: `${B38}:1000-1001`,
        includeVariants: 'true',
      })
    ).body.parameter!.flatMap((b) => partResources(b, 'variant'));
    const comp = (code: string) => componentOf(v!, code);
    expect(comp('92822-6').valueCodeableConcept?.coding?.[0]?.code).to.equal('LA30100-4');
    expect(comp('81254-5').valueRange).to.deep.equal({ low: { value: 1000 }, high: { value: 1001 } });
    expect(comp('48013-7').valueCodeableConcept?.coding?.[0]?.code).to.equal(B38);
    expect(comp('69547-8').valueString).to.equal('A');
    expect(comp('69551-0').valueString).to.equal('G');
    expect(v!.valueCodeableConcept?.coding?.[0]?.code).to.equal('LA9633-4');
  });

  it('includePhasing=true implies includeVariants and returns the phase relationships between returned variants', async () => {
    const res = await op(server, 'find-subject-variants', {
      subject: 'p1',
      ranges: `${B38}:900-2100`,
      includePhasing: 'true',
    });
    expect(outputProblems('find-subject-variants', res.body)).to.deep.equal([]);
    const block = blocks(res.body)[0]!;
    expect(ids(partResources(block, 'variant'))).to.deep.equal(['v38-del', 'v38-snv']);
    expect(ids(partResources(block, 'sequencePhaseRelationship'))).to.deep.equal(['spr-1']);
    const narrow = await op(server, 'find-subject-variants', {
      subject: 'p1',
      ranges: `${B38}:900-1100`,
      includePhasing: 'true',
    });
    expect(partResources(blocks(narrow.body)[0]!, 'sequencePhaseRelationship')).to.have.length(0);
  });

  describe('filters', () => {
    const all = `${B38}:0-100000`;
    it('testIdentifiers (comma = OR)', async () => {
      expect(await found({ ranges: all, testIdentifiers: 'test-2' })).to.deep.equal(['v38-som']);
      expect(await found({ ranges: all, testIdentifiers: 'test-1,test-2' })).to.deep.equal([
        'v38-del',
        'v38-ins',
        'v38-snv',
        'v38-som',
      ]);
      expect(await found({ ranges: all, testIdentifiers: 'nope' })).to.deep.equal([]);
    });
    it('testDateRange: repeated prefixed dates are ANDed', async () => {
      expect(await found({ ranges: all, testDateRange: ['ge2021-01-01', 'le2021-12-31'] })).to.deep.equal([
        'v38-del',
        'v38-ins',
        'v38-snv',
      ]);
      expect(await found({ ranges: all, testDateRange: 'ge2022-01' })).to.deep.equal(['v38-som']);
      expect(await found({ ranges: all, testDateRange: ['ge2022-01-01', 'le2021-12-31'] })).to.deep.equal([]);
    });
    it('specimenIdentifiers (from the Observation or its report)', async () => {
      expect(await found({ ranges: all, specimenIdentifiers: 'spec-2' })).to.deep.equal(['v38-som']);
      expect(await found({ ranges: all, specimenIdentifiers: 'spec-1' })).to.deep.equal(['v38-snv']);
    });
    it('genomicSourceClass', async () => {
      expect(await found({ ranges: all, genomicSourceClass: 'somatic' })).to.deep.equal(['v38-som']);
      expect(await found({ ranges: all, genomicSourceClass: 'germline' })).to.deep.equal([
        'v38-del',
        'v38-ins',
        'v38-snv',
      ]);
    });
  });

  it('POST with a Parameters body answers exactly like GET', async () => {
    const query = {
      subject: 'p1',
      ranges: `${B38}:900-2100,${B38}:7000-8000`,
      includeVariants: 'true',
      testDateRange: ['ge2021-01-01', 'le2021-12-31'],
    };
    const viaGet = await op(server, 'find-subject-variants', query);
    const viaPost = await postOp(server, 'find-subject-variants', { ...query, includeVariants: true });
    expect(viaPost.status).to.equal(200);
    expect(viaPost.body).to.deep.equal(viaGet.body);
  });

  describe('errors', () => {
    const cases: [string, Record<string, string | string[]>, number, RegExp][] = [
      ['missing subject', { ranges: `${B38}:1-2` }, 400, /requires the parameter "subject"/],
      ['unknown subject', { subject: 'nobody', ranges: `${B38}:1-2` }, 404, /Patient nobody not found/],
      ['missing ranges', { subject: 'p1' }, 400, /requires the parameter "ranges"/],
      ['bad range syntax', { subject: 'p1', ranges: 'chr7:1-2' }, 400, /Invalid range "chr7:1-2"/],
      ['start > end', { subject: 'p1', ranges: `${B38}:200-100` }, 400, /greater than end/],
      ['unknown accession', { subject: 'p1', ranges: 'NC_000099.1:1-2' }, 400, /unknown reference sequence/],
      ['unversioned accession', { subject: 'p1', ranges: 'NC_000007:1-2' }, 400, /has no version/],
      [
        'bad boolean',
        { subject: 'p1', ranges: `${B38}:1-2`, includeVariants: 'yes' },
        400,
        /must be true or false/,
      ],
      [
        'unknown parameter',
        { subject: 'p1', ranges: `${B38}:1-2`, specimenIdentfiers: 'x' },
        400,
        /has no parameter "specimenIdentfiers"/,
      ],
      [
        'bad genomicSourceClass',
        { subject: 'p1', ranges: `${B38}:1-2`, genomicSourceClass: 'mosaic' },
        400,
        /germline or somatic/,
      ],
      [
        'bad testDateRange',
        { subject: 'p1', ranges: `${B38}:1-2`, testDateRange: 'yesterday' },
        400,
        /testDateRange "yesterday"/,
      ],
      ['subject twice', { subject: ['p1', 'p2'], ranges: `${B38}:1-2` }, 400, /may be given only once/],
    ];
    for (const [title, query, status, message] of cases)
      it(`${title}: ${status} with an OperationOutcome`, async () => {
        const res = await op(server, 'find-subject-variants', query);
        expect(res.status).to.equal(status);
        expect(res.contentType).to.match(/^application\/fhir\+json/);
        expect(res.body.resourceType).to.equal('OperationOutcome');
        expect(diagnostics(res)).to.match(message);
      });

    it('a POST body that is not Parameters is a 400', async () => {
      const res = await fetch(`${server.baseUrl}/$find-subject-variants`, {
        method: 'POST',
        body: '{"resourceType":"Patient"}',
      });
      expect(res.status).to.equal(400);
    });

    it('an unknown operation is a 404', async () => {
      expect((await op(server, 'find-everything', { subject: 'p1' })).status).to.equal(404);
    });
  });

  describe('$find-subject-specific-variants', () => {
    async function specific(variants: string): Promise<[unknown, string[]][]> {
      const res = await op(server, 'find-subject-specific-variants', { subject: 'p1', variants });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(outputProblems('find-subject-specific-variants', res.body)).to.deep.equal([]);
      return blocks(res.body).map((b) => [partValue(b, 'presence'), ids(partResources(b, 'variant'))]);
    }

    it('matches SPDI, genomic HGVS and the c. HGVS present in the data; echoes each item in order', async () => {
      const res = await op(server, 'find-subject-specific-variants', {
        subject: 'p1',
        variants: `${B38}:1000:A:G,${B38}:g.1001A>G,NM_000001.1:c.10A>G,${B37}:1000:C:T`,
      });
      expect(blocks(res.body).map((b) => partValue(b, 'variantItem'))).to.deep.equal([
        `${B38}:1000:A:G`,
        `${B38}:g.1001A>G`,
        'NM_000001.1:c.10A>G',
        `${B37}:1000:C:T`,
      ]);
      expect(await specific(`${B38}:1000:A:G,${B38}:g.1001A>G,NM_000001.1:c.10A>G`)).to.deep.equal([
        [true, ['v38-snv']],
        [true, ['v38-snv']],
        [true, ['v38-snv']],
      ]);
      expect(await specific(`${B37}:1000:C:T`)).to.deep.equal([[true, ['v37-snv']]]);
    });

    it('normalises VCF padding: the SPDI of a padded insertion and deletion match', async () => {
      expect(await specific(`${B38}:3001::AA,${B38}:2001:CG:`)).to.deep.equal([
        [true, ['v38-ins']],
        [true, ['v38-del']],
      ]);
    });

    it('presence=false for an absent variant and for HGVS wild type', async () => {
      expect(await specific(`${B38}:1000:A:T,NM_000001.1:c.10=`)).to.deep.equal([
        [false, []],
        [false, []],
      ]);
    });

    it('400 for a variant that is neither HGVS nor SPDI, and when variants is missing', async () => {
      expect(
        (await op(server, 'find-subject-specific-variants', { subject: 'p1', variants: 'BRAF V600E' }))
          .status,
      ).to.equal(400);
      expect((await op(server, 'find-subject-specific-variants', { subject: 'p1' })).status).to.equal(400);
    });
  });

  describe('structural variants (outer / inner bounds)', () => {
    const intersect = 'find-subject-structural-intersecting-variants';
    const subsume = 'find-subject-structural-subsuming-variants';
    it('intersect uses the outer bounds: touching is out, any shared base is in', async () => {
      expect(await presence(`${B38}:9000-10000`, intersect)).to.equal(false);
      expect(await presence(`${B38}:19999-20005`, intersect)).to.equal(true);
      expect(await presence(`${B38}:11000-11500`, intersect)).to.equal(true);
      expect(await presence(`${B38}:20000-20005`, intersect)).to.equal(false);
    });
    it('subsume uses the inner bounds when present', async () => {
      expect(await presence(`${B38}:12000-18000`, subsume)).to.equal(true);
      expect(await presence(`${B38}:11000-13000`, subsume)).to.equal(false);
    });
    it('GRCh37: 1-based outer bounds are converted before comparing', async () => {
      expect(await presence(`${B37}:30000-40000`, subsume)).to.equal(true);
      expect(await presence(`${B37}:29999-40000`, subsume)).to.equal(false);
      expect(await presence(`${B37}:39999-40001`, intersect)).to.equal(true);
    });
    it('simple variants are not structural and vice versa', async () => {
      expect(await presence(`${B38}:1000-1001`, intersect)).to.equal(false);
      expect(await presence(`${B38}:12000-12001`)).to.equal(false);
    });
    it('returned structural variants carry 0-based outer and inner bounds', async () => {
      const res = await op(server, intersect, {
        subject: 'p1',
        ranges: `${B37}:30000-30001`,
        includeVariants: 'true',
      });
      const [v] = partResources(blocks(res.body)[0]!, 'variant');
      const comp = (code: string) => componentOf(v!, code);
      expect(comp('92822-6').valueCodeableConcept?.coding?.[0]?.code).to.equal('LA30100-4');
      expect(comp('81301-4').valueRange).to.deep.equal({ low: { value: 30000 }, high: { value: 40000 } });
      expect(comp('48019-4')).to.not.equal(undefined);
    });
  });
});
