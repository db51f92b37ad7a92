// Query encoding and URL joining: FHIR tokens, ranges and prefixes arrive as the server expects.
import { expect } from 'chai';
import { buildQueryString, encodeQueryComponent, resolveUrl } from '../../src/engine/url.js';
import { EngineError } from '../../src/common/errors.js';

describe('engine/url', () => {
  it('escapes | in tokens but keeps : and /', () => {
    expect(buildQueryString([['code', 'http://loinc.org|69548-6']])).to.equal(
      'code=http://loinc.org%7C69548-6',
    );
  });
  it('keeps commas of OR lists and colons of ranges literal', () => {
    expect(
      buildQueryString([['ranges', 'NC_000007.14:140753335-140753336,NC_000012.12:25245350-25245351']]),
    ).to.equal('ranges=NC_000007.14:140753335-140753336,NC_000012.12:25245350-25245351');
  });
  it('keeps date prefixes and encodes the + of a timezone', () => {
    expect(buildQueryString([['date', 'ge2024-01-01']])).to.equal('date=ge2024-01-01');
    expect(buildQueryString([['date', 'ge2024-01-01T10:00:00+01:00']])).to.equal(
      'date=ge2024-01-01T10:00:00%2B01:00',
    );
  });
  it('encodes what would change the query: space & = # + % and non-ASCII', () => {
    expect(encodeQueryComponent('a b&c=d#e+f%g')).to.equal('a%20b%26c%3Dd%23e%2Bf%25g');
    expect(encodeQueryComponent('Müller')).to.equal('M%C3%BCller');
  });
  it('repeats a parameter for each value and keeps modifiers in names', () => {
    expect(
      buildQueryString([
        ['subject:Patient', 'p1'],
        ['code', 'a'],
        ['code', 'b'],
      ]),
    ).to.equal('subject:Patient=p1&code=a&code=b');
  });
  it('joins base URL and path, and refuses absolute URLs elsewhere', () => {
    expect(resolveUrl('http://h/fhir/', '/Observation')).to.equal('http://h/fhir/Observation');
    expect(resolveUrl('http://h/fhir', 'http://h/fhir/Patient/1')).to.equal('http://h/fhir/Patient/1');
    expect(() => resolveUrl('http://h/fhir', 'http://h/fhirx/Patient')).to.throw(
      EngineError,
      /not under the target's base URL/,
    );
    expect(() => resolveUrl('http://h/fhir', 'https://evil.example/fhir')).to.throw(EngineError);
  });
  it('refuses a path that climbs out of the base URL with dot segments, however it is written', () => {
    for (const path of ['../admin', 'Patient/../../admin', '%2e%2e/admin', 'http://h/fhir/../admin']) {
      expect(() => resolveUrl('http://h/fhir', path), path).to.throw(
        EngineError,
        /is not under the target's base URL http:\/\/h\/fhir/,
      );
    }
    expect(resolveUrl('http://h/fhir', 'Patient/../Observation')).to.equal(
      'http://h/fhir/Patient/../Observation',
    );
    expect(resolveUrl('http://h/fhir', 'Observation?note=..%2F..')).to.equal(
      'http://h/fhir/Observation?note=..%2F..',
    );
  });
});
