// `contentType`: compares media types with parameters ignored. `application/json` passes for
// `application/fhir+json` only when the target says `lenientContentType: true`.
import type { Expectation } from '../model/suite.js';
import { fail, pass } from './format.js';
import type { PlannedCheck, Verdict } from './types.js';

export function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

export function checkContentType(expected: string, header: string | undefined, lenient: boolean): Verdict {
  const want = mediaType(expected) ?? expected;
  const got = mediaType(header);
  const description = `Content-Type is ${want}`;
  if (got === want) return pass(want, header);
  if (lenient && want === 'application/fhir+json' && got === 'application/json') return pass(want, header);
  const hint =
    want === 'application/fhir+json' && got === 'application/json'
      ? 'the target config may set lenientContentType: true to accept application/json'
      : undefined;
  return fail(description, want, header, {
    where: 'the Content-Type response header',
    ...(header === undefined ? { shownActual: 'no Content-Type header' } : {}),
    ...(hint ? { detail: hint } : {}),
  });
}

export function contentTypeChecks(expect: Expectation | undefined): PlannedCheck[] {
  const expected = expect?.contentType;
  if (!expect || expected === undefined) return [];
  return [
    {
      kind: 'contentType',
      description: `Content-Type is ${mediaType(expected) ?? expected}`,
      loc: expect.loc,
      // Without a requirement of its own, the media type is a prerequisite of the step, not a scenario rule.
      requirements: expect.contentTypeTrace?.requirements ?? [],
      ...(expect.contentTypeTrace ? { severity: expect.contentTypeTrace.severity } : {}),
      readsBody: false,
      run: (ctx) => checkContentType(expected, ctx.response.headers['content-type'], ctx.lenientContentType),
    },
  ];
}
