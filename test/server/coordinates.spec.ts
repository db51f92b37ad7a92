// Range parsing and the half-open overlap / subsume rules.
import { expect } from 'chai';
import { chromosomeBuild, overlaps, parseRangeParameter, subsumes } from '../../src/server/coordinates.js';
import { HttpError } from '../../src/server/outcome.js';

const known = (acc: string) => chromosomeBuild(acc) !== undefined;

function rejects(text: string, pattern: RegExp): void {
  let error: unknown;
  try {
    parseRangeParameter(text, known);
  } catch (err) {
    error = err;
  }
  expect(error).to.be.instanceOf(HttpError);
  expect((error as HttpError).status).to.equal(400);
  expect((error as HttpError).message).to.match(pattern);
}

describe('server coordinates', () => {
  it('parses a 0-based half-open range on a versioned accession', () => {
    expect(parseRangeParameter('NC_000007.14:140753335-140753336', known)).to.include({
      accession: 'NC_000007.14',
      start: 140753335,
      end: 140753336,
    });
  });

  it('rejects bad syntax, a missing version, start > end and an unknown accession', () => {
    rejects('chr7:1-2', /expected <versioned RefSeq accession>/);
    rejects('NC_000007:1-2', /has no version/);
    rejects('NC_000007.14:200-100', /start 200 is greater than end 100/);
    rejects('NC_000007.99:1-2', /unknown reference sequence NC_000007.99/);
  });

  it('knows both builds of every chromosome', () => {
    expect(chromosomeBuild('NC_000007.13')).to.equal('GRCh37');
    expect(chromosomeBuild('NC_000007.14')).to.equal('GRCh38');
    expect(chromosomeBuild('NC_000023.11')).to.equal('GRCh38');
    expect(chromosomeBuild('NC_000019.8')).to.equal(undefined);
  });

  describe('overlap of [start, end) with the range [100, 200)', () => {
    const range = { start: 100, end: 200 };
    const cases: [string, number, number, boolean][] = [
      ['ends exactly at the range start (touching left)', 90, 100, false],
      ['covers the range start', 99, 101, true],
      ['starts at the range start', 100, 101, true],
      ['contained', 150, 160, true],
      ['contains the range', 50, 250, true],
      ['last base inside', 199, 200, true],
      ['starts exactly at the range end (adjacent right)', 200, 201, false],
      ['insertion at the range start', 100, 100, true],
      ['insertion at the range end', 200, 200, false],
      ['insertion before the range', 99, 99, false],
    ];
    for (const [title, start, end, expected] of cases)
      it(`${title}: ${expected}`, () => expect(overlaps({ start, end }, range)).to.equal(expected));

    it('a closed range (the closed-ranges fault) also takes a variant starting at the end', () => {
      expect(overlaps({ start: 200, end: 201 }, range, true)).to.equal(true);
    });
  });

  it('subsumes when the variant covers the whole range, boundaries included', () => {
    expect(subsumes({ start: 100, end: 200 }, { start: 100, end: 200 })).to.equal(true);
    expect(subsumes({ start: 101, end: 300 }, { start: 100, end: 200 })).to.equal(false);
    expect(subsumes({ start: 0, end: 199 }, { start: 100, end: 200 })).to.equal(false);
  });
});
