// `headers: { Name: regex }` and `headerExists: [Name]`. Header names are case-insensitive.
import type { Expectation } from '../model/suite.js';
import { EngineError } from '../common/errors.js';
import { fail, pass, show } from './format.js';
import { compileRegex, RegexSyntaxError } from './regex.js';
import type { PlannedCheck, Verdict } from './types.js';

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return headers[name.toLowerCase()];
}

export function checkHeaderMatches(
  headers: Readonly<Record<string, string>>,
  name: string,
  pattern: string,
): Verdict {
  let re: RegExp;
  try {
    re = compileRegex(pattern);
  } catch (err) {
    if (!(err instanceof RegexSyntaxError)) throw err;
    throw new EngineError('BAD_REGEX', `header ${name}: invalid regex ${show(pattern)}: ${err.reason}`);
  }
  const value = header(headers, name);
  const description = `header ${name} matches /${pattern}/`;
  if (value !== undefined && re.test(value)) return pass(pattern, value);
  return fail(description, `/${pattern}/`, value, {
    where: `the ${name} response header`,
    shownExpected: `/${pattern}/`,
    ...(value === undefined ? { shownActual: 'no such header' } : {}),
  });
}

export function checkHeaderExists(headers: Readonly<Record<string, string>>, name: string): Verdict {
  const value = header(headers, name);
  return value !== undefined
    ? pass(name, value)
    : fail(`header ${name} is present`, 'a value', undefined, {
        where: 'the response headers',
        shownActual: 'no such header',
      });
}

export function headerChecks(expect: Expectation | undefined): PlannedCheck[] {
  if (!expect) return [];
  const matching: PlannedCheck[] = Object.entries(expect.headers).map(([name, pattern]) => ({
    kind: 'header',
    description: `header ${name} matches /${pattern}/`,
    loc: expect.loc,
    readsBody: false,
    run: (ctx) => checkHeaderMatches(ctx.response.headers, name, String(ctx.substitute(pattern))),
  }));
  const present: PlannedCheck[] = expect.headerExists.map((name) => ({
    kind: 'header',
    description: `header ${name} is present`,
    loc: expect.loc,
    readsBody: false,
    run: (ctx) => checkHeaderExists(ctx.response.headers, name),
  }));
  return [...matching, ...present];
}
