// `headers: { Name: regex }` and `headerExists`.
import { expect } from 'chai';
import { checkHeaderExists, checkHeaderMatches, headerChecks } from '../../src/checks/headers.js';
import { EngineError } from '../../src/common/errors.js';
import { checkContext, expectation } from '../engine/builders.js';

describe('checks/headers', () => {
  const headers = { etag: 'W/"3"', location: 'http://x/fhir/Observation/1/_history/3' };
  it('matches a regex against a header, names case-insensitive', () => {
    expect(checkHeaderMatches(headers, 'ETag', '^W/"\\d+"$').outcome).to.equal('pass');
    const failed = checkHeaderMatches(headers, 'ETag', '^"\\d+"$');
    expect(failed.message).to.equal(
      'header ETag matches /^"\\d+"$/: expected /^"\\d+"$/, got "W/\\"3\\"" at the ETag response header',
    );
  });
  it('a missing header fails both kinds', () => {
    expect(checkHeaderMatches(headers, 'X-Request-Id', '.').message).to.match(/got no such header/);
    expect(checkHeaderExists(headers, 'Last-Modified').message).to.match(
      /header Last-Modified is present.*no such header/,
    );
    expect(checkHeaderExists(headers, 'Location').outcome).to.equal('pass');
  });
  it('plans one check per header entry', () => {
    const planned = headerChecks(expectation({ headers: { ETag: '.' }, headerExists: ['Location', 'Date'] }));
    expect(planned.map((p) => p.description)).to.deep.equal([
      'header ETag matches /./',
      'header Location is present',
      'header Date is present',
    ]);
    expect(planned[2]!.run(checkContext({}, { headers })).outcome).to.equal('fail');
  });
  it('an invalid regex is a suite fault', () => {
    expect(() => checkHeaderMatches(headers, 'ETag', '(')).to.throw(EngineError, /invalid regex/);
  });
});
