// The `expect.fhirpath` check family: evaluates `that` on the response body, tests the result with its
// operator (operators.ts) and, on a failure, says which item and which entry broke the rule.
import type { FhirpathCheck } from '../model/suite.js';
import { evaluateExpression } from '../fhirpath/evaluate.js';
import { fail, pass, show, trimText } from './format.js';
import { endsWithAll, isResource, locateEntry, locateResource, resourceLabel } from './locate.js';
import { fhirpathOperator } from './operators.js';
import type { CheckContext, PlannedCheck, Verdict } from './types.js';

/** Evaluates one `fhirpath` check against the response body. Never throws on a mismatch. */
export function evaluateFhirpathCheck(check: FhirpathCheck, ctx: CheckContext): Verdict {
  const op = fhirpathOperator(check.operator);
  const description = describeFhirpathCheck(check);
  const expected = ctx.substitute(check.value);
  const body = ctx.response.body;
  const actual = evaluateExpression(check.that, body, ctx.env);
  const result = op.test(actual, expected);
  if (result.ok) {
    const verdict = pass(expected, actual.length === 1 ? actual[0] : actual);
    return check.over && nothingToJudge(check, actual, body, ctx)
      ? { ...verdict, exercised: false }
      : verdict;
  }
  const source = check.that.source;
  if (result.itemIndex !== undefined && op.itemFails) {
    const index = result.itemIndex;
    const item = actual[index];
    const where =
      locateResource(body, item) ??
      locateEntry(body, source, ctx.env, (per) => per.some((x) => op.itemFails!(x, expected))) ??
      `${source} (item ${index})`;
    return fail(description, expected, item, {
      where,
      shownActual: `item ${index} of ${actual.length} = ${show(item)}`,
    });
  }
  let where = source;
  let shownActual =
    result.actualText ??
    (actual.length === 0 ? 'no value' : actual.length === 1 ? show(actual[0]) : show(actual));
  if (check.operator === 'is' && endsWithAll(source)) {
    where = locateEntry(body, source, ctx.env, (per) => !(per.length === 1 && per[0] === expected)) ?? source;
  } else if (actual.length > 0 && actual.every(isResource)) {
    // Resources are named by where they sit, not dumped: `Bundle.entry[0].resource = Observation/a (+2 more)`.
    const more = actual.length > 1 ? ` (+${actual.length - 1} more)` : '';
    where = `${locateResource(body, actual[0])}${more}`;
    const labels = trimText(
      actual.map((r) => resourceLabel(r as Parameters<typeof resourceLabel>[0])).join(', '),
    );
    shownActual = `${actual.length} resource(s): ${labels}`;
  }
  return fail(description, expected, actual, {
    where,
    shownActual,
    ...(result.expectedText ? { shownExpected: result.expectedText } : {}),
    ...(result.detail ? { detail: result.detail } : {}),
  });
}

/** A "no item breaks the rule" check whose items are absent: it held without testing anything. */
function nothingToJudge(
  check: FhirpathCheck,
  actual: readonly unknown[],
  body: unknown,
  ctx: CheckContext,
): boolean {
  if (check.over!.source === check.that.source) return actual.length === 0;
  return evaluateExpression(check.over!, body, ctx.env).length === 0;
}

export function describeFhirpathCheck(check: FhirpathCheck): string {
  return `${check.that.source} ${fhirpathOperator(check.operator).describe(check.value)}`;
}

/** Family builder: one planned check per `expect.fhirpath` entry. */
export function fhirpathChecks(checks: readonly FhirpathCheck[]): PlannedCheck[] {
  return checks.map((check) => ({
    kind: 'fhirpath',
    ...(check.id ? { id: check.id } : {}),
    description: describeFhirpathCheck(check),
    ...(check.severity ? { severity: check.severity } : {}),
    ...(check.requirements ? { requirements: check.requirements } : {}),
    ...(check.message ? { message: check.message } : {}),
    loc: check.loc,
    readsBody: true,
    // Only items drawn from the entries grow with more pages; a rule over them holds per item.
    holdsPerItem: check.over !== undefined && /^\s*(Bundle\s*\.\s*)?entry\b/.test(check.over.source),
    run: (ctx) => evaluateFhirpathCheck(check, ctx),
  }));
}
