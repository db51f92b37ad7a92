// Tests for the genomics FHIRPath functions, both as plain functions and through compileFhirpath.
import { expect } from 'chai';
import { compileFhirpath } from '../../src/fhirpath/compile.js';
import {
  buildOfAccession,
  intervalOverlaps,
  isHgvs,
  isSpdi,
  parseRange,
  parseSpdi,
  zeroBasedInterval,
} from '../../src/fhirpath/genomics.js';

const LOINC = 'http://loinc.org';
function cc(code: string, system = LOINC) {
  return { coding: [{ system, code }] };
}
function variant(opts: {
  coord?: string;
  refSeq?: string;
  exact?: [number, number?];
  outer?: [number, number];
  inner?: [number, number];
  ref?: string;
  build?: string;
}) {
  const component: object[] = [];
  if (opts.refSeq)
    component.push({
      code: cc('48013-7'),
      valueCodeableConcept: cc(opts.refSeq, 'http://www.ncbi.nlm.nih.gov/refseq'),
    });
  if (opts.build) component.push({ code: cc('62374-4'), valueCodeableConcept: cc(opts.build) });
  if (opts.coord) component.push({ code: cc('92822-6'), valueCodeableConcept: cc(opts.coord) });
  const range = (code: string, [low, high]: [number, number?]) => ({
    code: cc(code),
    valueRange: high === undefined ? { low: { value: low } } : { low: { value: low }, high: { value: high } },
  });
  if (opts.exact) component.push(range('81254-5', opts.exact));
  if (opts.outer) component.push(range('81301-4', opts.outer));
  if (opts.inner) component.push(range('81302-2', opts.inner));
  if (opts.ref !== undefined) component.push({ code: cc('69547-8'), valueString: opts.ref });
  return { resourceType: 'Observation', status: 'final', code: cc('69548-6'), component };
}
const evalOn = (resource: unknown, expr: string, env: Record<string, unknown> = {}) =>
  compileFhirpath(expr)(resource, env);

describe('genomics FHIRPath functions', () => {
  describe('parseRange / isRange', () => {
    it('parses a versioned 0-based range and names its build', () => {
      expect(parseRange('NC_000007.14:140753335-140753336')).to.deep.equal({
        accession: 'NC_000007.14',
        start: 140753335,
        end: 140753336,
        build: 'GRCh38',
      });
      expect(evalOn({}, "'NC_000007.13:100-200'.parseRange().start")).to.deep.equal([100]);
      expect(evalOn({}, "'NC_000007.13:100-200'.parseRange().build")).to.deep.equal(['GRCh37']);
    });
    it('refuses an unversioned accession, a chr name, and start > end', () => {
      for (const bad of ['NC_000007:1-2', 'chr7:1-2', 'NC_000007.14:200-100', 'NC_000007.14:1', 'x'])
        expect(parseRange(bad), bad).to.equal(undefined);
      expect(evalOn({}, "'NC_000007.14:200-100'.isRange()")).to.deep.equal([false]);
      expect(evalOn({}, "'NC_000007.14:100-200'.isRange()")).to.deep.equal([true]);
      expect(evalOn({}, "'chr7:1-2'.parseRange()")).to.deep.equal([]);
    });
  });

  describe('genomeBuild', () => {
    it('knows GRCh37 and GRCh38 chromosome accessions', () => {
      expect(buildOfAccession('NC_000019.9')).to.equal('GRCh37');
      expect(buildOfAccession('NC_000019.10')).to.equal('GRCh38');
      expect(buildOfAccession('NC_000023.11')).to.equal('GRCh38');
      expect(buildOfAccession('NC_000019.8')).to.equal(undefined);
      expect(buildOfAccession('NM_000518.5')).to.equal(undefined);
    });
    it('reads component 62374-4 first, then the accession', () => {
      const v = variant({ refSeq: 'NC_000019.10', build: 'LA14029-5' });
      expect(evalOn(v, 'Observation.genomeBuild()')).to.deep.equal(['GRCh37']);
      expect(evalOn(variant({ refSeq: 'NC_000019.10' }), 'Observation.genomeBuild()')).to.deep.equal([
        'GRCh38',
      ]);
      expect(evalOn(variant({}), 'Observation.genomeBuild()')).to.deep.equal([]);
    });
  });

  describe('coordinateSystem / zeroBasedStart / zeroBasedEnd', () => {
    it('keeps 0-based interval counting as is', () => {
      const v = variant({ coord: 'LA30100-4', refSeq: 'NC_000019.10', exact: [11089559, 11089560] });
      expect(evalOn(v, 'Observation.coordinateSystem()')).to.deep.equal(['LA30100-4']);
      expect(evalOn(v, 'Observation.zeroBasedStart()')).to.deep.equal([11089559]);
      expect(evalOn(v, 'Observation.zeroBasedEnd()')).to.deep.equal([11089560]);
    });
    it('converts 1-based character counting (LA30102-0)', () => {
      const v = variant({ coord: 'LA30102-0', refSeq: 'NC_000019.10', exact: [11089560, 11089560] });
      expect(evalOn(v, 'Observation.zeroBasedStart()')).to.deep.equal([11089559]);
      expect(evalOn(v, 'Observation.zeroBasedEnd()')).to.deep.equal([11089560]);
    });
    it('converts 0-based character counting (LA30101-2)', () => {
      const v = variant({ coord: 'LA30101-2', refSeq: 'NC_000019.10', exact: [10, 12] });
      expect(zeroBasedInterval(v)).to.include({ start: 10, end: 13 });
    });
    it('derives the end from the ref allele when high is missing', () => {
      const v = variant({ coord: 'LA30100-4', refSeq: 'NC_000007.14', exact: [100], ref: 'CTT' });
      expect(evalOn(v, 'Observation.zeroBasedEnd()')).to.deep.equal([103]);
    });
    it('gives empty without a coordinate system', () => {
      const v = variant({ refSeq: 'NC_000019.10', exact: [11089560, 11089560] });
      expect(evalOn(v, 'Observation.coordinateSystem()')).to.deep.equal([]);
      expect(evalOn(v, 'Observation.zeroBasedStart()')).to.deep.equal([]);
    });
    it('reads outer/inner bounds on request, and rejects unknown bounds', () => {
      const v = variant({ coord: 'LA30100-4', refSeq: 'NC_000007.14', outer: [100, 900], inner: [200, 800] });
      expect(evalOn(v, "Observation.zeroBasedStart('inner')")).to.deep.equal([200]);
      expect(evalOn(v, 'Observation.zeroBasedStart()')).to.deep.equal([100]);
      expect(() => evalOn(v, "Observation.zeroBasedStart('middle')")).to.throw(/bounds must be/);
    });
  });

  describe('overlapsRange / withinRange / subsumesRange', () => {
    const snv = variant({ coord: 'LA30100-4', refSeq: 'NC_000007.14', exact: [140753335, 140753336] });
    it('includes a variant at X and excludes one at Y (half-open)', () => {
      expect(evalOn(snv, "Observation.overlapsRange('NC_000007.14:140753335-140753400')")).to.deep.equal([
        true,
      ]);
      expect(evalOn(snv, "Observation.overlapsRange('NC_000007.14:140753300-140753335')")).to.deep.equal([
        false,
      ]);
      expect(
        evalOn(snv, 'Observation.overlapsRange(%r)', { r: 'NC_000007.14:140753336-140753400' }),
      ).to.deep.equal([false]);
    });
    it('includes a deletion that starts before X and reaches into the range', () => {
      const del = variant({ coord: 'LA30100-4', refSeq: 'NC_000007.14', exact: [98, 102] });
      expect(evalOn(del, "Observation.overlapsRange('NC_000007.14:100-200')")).to.deep.equal([true]);
      expect(evalOn(del, "Observation.withinRange('NC_000007.14:100-200')")).to.deep.equal([false]);
    });
    it('excludes an insertion that starts before X', () => {
      const ins = { accession: 'NC_000007.14', start: 99, end: 99 };
      expect(intervalOverlaps(ins, { accession: 'NC_000007.14', start: 100, end: 200 })).to.equal(false);
      expect(intervalOverlaps({ ...ins, start: 100, end: 100 }, { ...ins, start: 100, end: 200 })).to.equal(
        true,
      );
    });
    it('is false on another chromosome and empty on the other build of the same chromosome', () => {
      expect(evalOn(snv, "Observation.overlapsRange('NC_000008.11:0-999999999')")).to.deep.equal([false]);
      expect(evalOn(snv, "Observation.overlapsRange('NC_000007.13:0-999999999')")).to.deep.equal([]);
    });
    it('uses the outer bounds of a structural variant for subsumption', () => {
      const sv = variant({
        coord: 'LA30100-4',
        refSeq: 'NC_000007.14',
        outer: [1000, 5000],
        inner: [1100, 4900],
      });
      expect(evalOn(sv, "Observation.subsumesRange('NC_000007.14:1050-4950')")).to.deep.equal([true]);
      expect(evalOn(sv, "Observation.subsumesRange('NC_000007.14:900-4950')")).to.deep.equal([false]);
      expect(evalOn(sv, "Observation.overlapsRange('NC_000007.14:4999-6000')")).to.deep.equal([true]);
    });
    it('accepts range strings as input too', () => {
      expect(evalOn({}, "'NC_000007.14:10-20'.withinRange('NC_000007.14:0-20')")).to.deep.equal([true]);
      expect(evalOn({}, "'NC_000007.14:10-21'.withinRange('NC_000007.14:0-20')")).to.deep.equal([false]);
    });
    it('refuses a malformed range argument with a clear error', () => {
      expect(() => evalOn(snv, "Observation.overlapsRange('chr7:1-2')")).to.throw(/not a 0-based range/);
    });
  });

  describe('isHgvs / isSpdi / parseSpdi', () => {
    it('accepts HGVS on versioned references and checks the type letter', () => {
      expect(isHgvs('NM_005228.5:c.2369C>T')).to.equal(true);
      expect(isHgvs('NC_000016.9:g.2124200_2138612dup', 'g')).to.equal(true);
      expect(isHgvs('NP_000050.2:p.(Asn1836Lys)', 'p')).to.equal(true);
      expect(evalOn({}, "'NM_005228.5:c.2369C>T'.isHgvs('g')")).to.deep.equal([false]);
      expect(evalOn({}, "'NM_005228:c.2369C>T'.isHgvs()")).to.deep.equal([false]);
      expect(evalOn({}, "'c.2369C>T'.isHgvs()")).to.deep.equal([false]);
    });
    it('accepts SPDI with sequences or a deletion length', () => {
      expect(isSpdi('NC_000019.10:11089559:G:A')).to.equal(true);
      expect(isSpdi('NC_000001.10:27106893::T')).to.equal(true);
      expect(isSpdi('NC_000005.9:112154946:2:')).to.equal(true);
      expect(evalOn({}, "'NC_000019.10:11089559:G'.isSpdi()")).to.deep.equal([false]);
      expect(evalOn({}, "'NC_000019:11089559:G:A'.isSpdi()")).to.deep.equal([false]);
      expect(parseSpdi('NC_000019.10:11089559:G:A')).to.deep.equal({
        sequence: 'NC_000019.10',
        position: 11089559,
        deleted: 'G',
        inserted: 'A',
      });
      expect(evalOn({}, "'NC_000019.10:11089559:G:A'.parseSpdi().position")).to.deep.equal([11089559]);
    });
  });
});
