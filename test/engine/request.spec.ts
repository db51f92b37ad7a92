// Building requests: templates, repeated parameters, bodies, operations by GET and POST.
import { expect } from 'chai';
import { buildRequest, isWriteStep, toParameters, toPeriodParameter } from '../../src/engine/request.js';
import { EngineError } from '../../src/common/errors.js';
import type { Variables } from '../../src/engine/template.js';
import { loc, request, step } from './builders.js';

const vars: Variables = {
  inputs: { patientId: 'HG00403', ranges: ['NC_000007.14:1-2', 'NC_000012.12:5-6'] },
  values: new Map<string, unknown>([
    ['firstVariant', 'obs 1'],
    ['ref', 'Patient/p1'],
  ]),
};
const scope = (extra: object = {}) => ({
  baseUrl: 'http://h/fhir',
  operations: {},
  fixtures: {
    body: {
      id: 'body',
      path: '/x',
      loc: loc(),
      content: { resourceType: 'Patient', id: '${inputs.patientId}' },
    },
  },
  vars,
  ...extra,
});

describe('engine/request', () => {
  it('substitutes inputs and captures in path, query and headers', () => {
    const built = buildRequest(
      step({
        request: request('Observation/${firstVariant}', {
          query: { subject: 'Patient/${inputs.patientId}', code: 'http://loinc.org|69548-6' },
          headers: { 'X-Patient': '${inputs.patientId}' },
        }),
      }),
      scope(),
    );
    expect(built.url).to.equal(
      'http://h/fhir/Observation/obs%201?subject=Patient/HG00403&code=http://loinc.org%7C69548-6',
    );
    expect(built.headers).to.deep.equal({ 'X-Patient': 'HG00403' });
    expect(built.name).to.equal(
      'GET Observation/${firstVariant}?subject=Patient/${inputs.patientId}&code=http://loinc.org|69548-6',
    );
  });
  it('a query value that is exactly a list variable repeats the parameter; inside text it is comma-joined', () => {
    const repeated = buildRequest(
      step({ request: request('x', { query: { ranges: '${inputs.ranges}' } }) }),
      scope(),
    );
    expect(repeated.url).to.equal('http://h/fhir/x?ranges=NC_000007.14:1-2&ranges=NC_000012.12:5-6');
    const joined = buildRequest(
      step({ request: request('x', { query: { ranges: 'r=${inputs.ranges}' } }) }),
      scope(),
    );
    expect(joined.url).to.equal('http://h/fhir/x?ranges=r%3DNC_000007.14:1-2,NC_000012.12:5-6');
    const list = buildRequest(step({ request: request('x', { query: { code: ['a', 'b'] } }) }), scope());
    expect(list.url).to.equal('http://h/fhir/x?code=a&code=b');
  });
  it('a captured reference keeps its slash in the path', () => {
    expect(buildRequest(step({ request: request('${ref}') }), scope()).url).to.equal(
      'http://h/fhir/Patient/p1',
    );
  });
  it('sends fixture and inline bodies as JSON with templates substituted', () => {
    const built = buildRequest(
      step({ request: request('Patient', { method: 'POST', body: { fixture: 'body' } }) }),
      scope(),
    );
    expect(JSON.parse(built.body!)).to.deep.equal({ resourceType: 'Patient', id: 'HG00403' });
    const inline = buildRequest(
      step({ request: request('Patient', { method: 'PUT', body: { inline: { a: '${firstVariant}' } } }) }),
      scope(),
    );
    expect(JSON.parse(inline.body!)).to.deep.equal({ a: 'obs 1' });
  });
  it('an unknown fixture or unset variable is a suite fault naming it', () => {
    expect(() =>
      buildRequest(step({ request: request('P', { method: 'POST', body: { fixture: 'nope' } }) }), scope()),
    ).to.throw(EngineError, /unknown fixture "nope"/);
    expect(() => buildRequest(step({ request: request('Observation/${missing}') }), scope())).to.throw(
      EngineError,
      /\$\{missing\}/,
    );
  });
  it('operations default to GET $name with query parameters (lists repeat, comma strings stay)', () => {
    const built = buildRequest(
      step({
        operation: {
          name: 'find-subject-variants',
          params: {
            subject: '${inputs.patientId}',
            ranges: '${inputs.ranges}',
            includeVariants: true,
            extra: 'a,b',
          },
        },
      }),
      scope(),
    );
    expect(built.method).to.equal('GET');
    expect(built.name).to.equal('$find-subject-variants (GET)');
    expect(built.url).to.equal(
      'http://h/fhir/$find-subject-variants?subject=HG00403&ranges=NC_000007.14:1-2&ranges=NC_000012.12:5-6&includeVariants=true&extra=a,b',
    );
  });
  it('operations use the target endpoint; via overrides its method; POST sends Parameters', () => {
    const s = scope({
      operations: { 'find-subject-variants': { path: 'Patient/$find-subject-variants', method: 'GET' } },
    });
    const built = buildRequest(
      step({
        operation: {
          name: 'find-subject-variants',
          via: 'POST',
          params: {
            subject: '${inputs.patientId}',
            ranges: '${inputs.ranges}',
            includeVariants: true,
            count: 3,
            ratio: 0.5,
          },
        },
      }),
      s,
    );
    expect(built.method).to.equal('POST');
    expect(built.url).to.equal('http://h/fhir/Patient/$find-subject-variants');
    expect(JSON.parse(built.body!)).to.deep.equal({
      resourceType: 'Parameters',
      parameter: [
        { name: 'subject', valueString: 'HG00403' },
        { name: 'ranges', valueString: 'NC_000007.14:1-2' },
        { name: 'ranges', valueString: 'NC_000012.12:5-6' },
        { name: 'includeVariants', valueBoolean: true },
        { name: 'count', valueInteger: 3 },
        { name: 'ratio', valueDecimal: 0.5 },
      ],
    });
  });
  it('POST sends a comma-separated OR list as repeated parameters and testDateRange as one valuePeriod', () => {
    const post = (params: Record<string, unknown>) =>
      JSON.parse(
        buildRequest(step({ operation: { name: 'find-subject-variants', via: 'POST', params } }), scope())
          .body!,
      ) as { parameter: object[] };
    expect(
      post({
        ranges: '${inputs.ranges.0},${inputs.ranges.1}',
        testDateRange: ['ge2020-06-01', 'le2020-08-01'],
      }).parameter,
    ).to.deep.equal([
      { name: 'ranges', valueString: 'NC_000007.14:1-2' },
      { name: 'ranges', valueString: 'NC_000012.12:5-6' },
      { name: 'testDateRange', valuePeriod: { start: '2020-06-01', end: '2020-08-01' } },
    ]);
    expect(post({ testDateRange: ['ge2023-01-01'] }).parameter).to.deep.equal([
      { name: 'testDateRange', valuePeriod: { start: '2023-01-01' } },
    ]);
    expect(post({ testDateRange: 'le2020-12-31' }).parameter).to.deep.equal([
      { name: 'testDateRange', valuePeriod: { end: '2020-12-31' } },
    ]);
    // A value[x] object written in the suite is sent as it is.
    expect(post({ testDateRange: { valuePeriod: { start: '2021' } } }).parameter).to.deep.equal([
      { name: 'testDateRange', valuePeriod: { start: '2021' } },
    ]);
  });

  it('GET keeps the comma-separated OR list in one query parameter and repeats a list (AND)', () => {
    const built = buildRequest(
      step({
        operation: {
          name: 'find-population-specific-variants',
          via: 'GET',
          params: { variants: ['a', 'b'], other: 'c,d', testDateRange: ['ge2020', 'le2021'] },
        },
      }),
      scope(),
    );
    expect(built.url).to.equal(
      'http://h/fhir/$find-population-specific-variants?variants=a&variants=b&other=c,d&testDateRange=ge2020&testDateRange=le2021',
    );
  });

  it('a Period bound must be ge, le, eq or a bare date, and each end is given once', () => {
    expect(toPeriodParameter('d', 'eq2020-01-02')).to.deep.equal({
      name: 'd',
      valuePeriod: { start: '2020-01-02', end: '2020-01-02' },
    });
    expect(() => toPeriodParameter('d', 'gt2020')).to.throw(EngineError, /cannot be sent as a Period/);
    expect(() => toPeriodParameter('d', ['ge2020', 'ge2021'])).to.throw(EngineError, /two start dates/);
  });

  it('Parameters accept resources and value[x] objects, and refuse other objects', () => {
    expect(toParameters('r', { resourceType: 'Patient' })).to.deep.equal([
      { name: 'r', resource: { resourceType: 'Patient' } },
    ]);
    expect(toParameters('c', { valueCode: 'x' })).to.deep.equal([{ name: 'c', valueCode: 'x' }]);
    expect(toParameters('s', 'a, b')).to.deep.equal([
      { name: 's', valueString: 'a' },
      { name: 's', valueString: 'b' },
    ]);
    expect(toParameters('s', '')).to.deep.equal([{ name: 's', valueString: '' }]);
    expect(() => toParameters('o', { a: 1 })).to.throw(EngineError, /operation parameter "o"/);
  });
  it('knows which steps write', () => {
    expect(isWriteStep(step({ request: request('Patient', { method: 'POST' }) }))).to.equal(true);
    expect(isWriteStep(step({ request: request('Observation/_search', { method: 'POST' }) }))).to.equal(
      false,
    );
    expect(isWriteStep(step({ request: request('$match', { method: 'POST' }) }))).to.equal(false);
    expect(isWriteStep(step({ request: request('Patient/1', { method: 'DELETE' }) }))).to.equal(true);
  });
});
