// `status`: a number, a list of numbers, or a class like `2xx`. A step without one must answer 2xx.
import type { Expectation } from '../model/suite.js';
import { EngineError } from '../common/errors.js';
import { fail, pass, show } from './format.js';
import type { PlannedCheck, Verdict } from './types.js';

export type StatusExpectation = number | readonly number[] | string;

/** True when `status` satisfies the expectation (`2xx` means 200–299). */
export function statusMatches(expected: StatusExpectation, status: number): boolean {
  if (typeof expected === 'number') return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  const cls = /^([1-5])xx$/i.exec(expected as string);
  if (!cls)
    throw new EngineError(
      'BAD_EXPECTATION',
      `status ${show(expected)} is not a number, a list or a class like 2xx`,
    );
  return Math.floor(status / 100) === Number(cls[1]);
}

export function describeStatus(expected: StatusExpectation | undefined): string {
  if (expected === undefined) return 'status is 2xx (implicit: the step has no status expectation)';
  if (Array.isArray(expected)) return `status is one of ${expected.join(', ')}`;
  return `status is ${String(expected)}`;
}

export function checkStatus(expected: StatusExpectation | undefined, status: number): Verdict {
  const want = expected ?? '2xx';
  const description = describeStatus(expected);
  return statusMatches(want, status)
    ? pass(want, status)
    : fail(description, want, status, {
        shownExpected: Array.isArray(want) ? want.join(' or ') : String(want),
      });
}

/** True when the expectation admits only success codes: then the status is a prerequisite, not what is tested. */
export function onlySuccess(expected: StatusExpectation | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof expected === 'number') return expected >= 200 && expected < 300;
  if (Array.isArray(expected)) return expected.every((code) => code >= 200 && code < 300);
  return /^2xx$/i.test(expected as string);
}

/**
 * Always one status check per step (the implicit 2xx when the step names none). A success-only status is a
 * prerequisite and names no requirement; one that admits an error code tests the scenario's requirements.
 */
export function statusChecks(expect: Expectation | undefined): PlannedCheck[] {
  const expected = expect?.status;
  const trace = expect?.statusTrace;
  const requirements = trace?.requirements ?? (onlySuccess(expected) ? [] : undefined);
  return [
    {
      kind: 'status',
      description: describeStatus(expected),
      ...(expect ? { loc: expect.loc } : {}),
      ...(requirements ? { requirements } : {}),
      ...(trace ? { severity: trace.severity } : {}),
      readsBody: false,
      run: (ctx) => checkStatus(expected, ctx.response.status),
    },
  ];
}
