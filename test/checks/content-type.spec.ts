// `contentType`: parameters ignored; application/json for fhir+json only when lenient.
import { expect } from 'chai';
import { checkContentType } from '../../src/checks/content-type.js';

describe('checks/contentType', () => {
  it('ignores parameters and case', () => {
    expect(
      checkContentType('application/fhir+json', 'Application/FHIR+json; charset=utf-8', false).outcome,
    ).to.equal('pass');
  });
  it('refuses application/json for application/fhir+json unless the target is lenient', () => {
    const strict = checkContentType('application/fhir+json', 'application/json', false);
    expect(strict.outcome).to.equal('fail');
    expect(strict.message).to.match(
      /expected "application\/fhir\+json", got "application\/json".*lenientContentType/,
    );
    expect(
      checkContentType('application/fhir+json', 'application/json;charset=UTF-8', true).outcome,
    ).to.equal('pass');
  });
  it('lenience does not accept other types', () => {
    expect(checkContentType('application/fhir+json', 'text/html', true).outcome).to.equal('fail');
  });
  it('reports a missing header', () => {
    expect(checkContentType('application/fhir+json', undefined, false).message).to.match(
      /got no Content-Type header/,
    );
  });
});
