// How every report writes an HTTP exchange: the request, the earlier attempts, the redirects, the answer.
import { expect } from 'chai';
import type { HttpExchange } from '../../src/results/model.js';
import { asStored, prettyClipped, requestLines, responseLines } from '../../src/reporters/exchange-text.js';

const base: HttpExchange = {
  method: 'POST',
  url: 'https://fhir.example.org/Observation/$validate',
  requestHeaders: { Accept: 'application/fhir+json', Authorization: 'Bearer ***' },
  requestBody: '{"resourceType":"Observation"}',
  startedAt: '2026-11-27T10:00:00.000Z',
  durationMs: 12.4,
  status: 200,
  responseHeaders: { 'content-type': 'application/fhir+json' },
  responseBody: '{"resourceType":"OperationOutcome"}',
};

describe('reporters/exchange-text', () => {
  it('writes the request line, its headers and its body', () => {
    expect(requestLines(base, asStored)).to.deep.equal([
      'POST https://fhir.example.org/Observation/$validate',
      'Accept: application/fhir+json',
      'Authorization: Bearer ***',
      '',
      '{"resourceType":"Observation"}',
    ]);
  });

  it('writes the status with its time, the headers and the body as the report asks', () => {
    expect(responseLines(base, prettyClipped(1000))).to.deep.equal([
      'HTTP 200 (12 ms)',
      'content-type: application/fhir+json',
      '',
      '{\n  "resourceType": "OperationOutcome"\n}',
    ]);
    expect(responseLines(base, prettyClipped(10)).at(-1)).to.match(
      /^\{\n {2}"resou\n… \(30 more characters\)$/,
    );
  });

  it('lists the earlier attempts and the redirects before the answer they led to', () => {
    const lines = responseLines(
      {
        ...base,
        retries: [
          { reason: 'CONNECTION_RESET: the server closed the connection', waitMs: 500 },
          { reason: '401: a new access token was obtained', waitMs: 0 },
        ],
        redirects: [{ status: 302, location: 'https://fhir.example.org/r4/Observation/$validate' }],
      },
      asStored,
    );
    expect(lines.slice(0, 4)).to.deep.equal([
      'Attempt 1: CONNECTION_RESET: the server closed the connection; sent again after 500 ms',
      'Attempt 2: 401: a new access token was obtained; sent again',
      'HTTP 302, redirected to https://fhir.example.org/r4/Observation/$validate',
      'HTTP 200 (12 ms)',
    ]);
  });

  it('says when no usable answer came back, with the fault code', () => {
    const { status: _status, responseHeaders: _h, responseBody: _b, ...sent } = base;
    expect(
      responseLines({ ...sent, error: { code: 'TIMEOUT', message: 'no answer within 30 s' } }, asStored),
    ).to.deep.equal(['No usable response: TIMEOUT: no answer within 30 s']);
  });

  it('says when the stored body was cut to the size limit', () => {
    expect(responseLines({ ...base, responseTruncated: true }, asStored).at(-1)).to.equal(
      '[body cut to the size limit by the run]',
    );
  });
});
