// `conformsTo`: the response (or the `select`ed resources, at least `minimum` of them) validates against a
// profile with no error-level issue. Validation itself is the ProfileValidator port's job.
import type { ConformsToSpec, Expectation } from '../model/suite.js';
import type { ValidationIssue } from '../model/validation.js';
import { evaluateExpression } from '../fhirpath/evaluate.js';
import { checkError, fail, pass, trimText } from './format.js';
import { isResource, locateResource } from './locate.js';
import type { CheckContext, PlannedCheck, Verdict } from './types.js';

/** Issues kept per check: enough to act on, small enough for the results file. */
const MAX_ISSUES = 50;

function describeConformsTo(spec: ConformsToSpec): string {
  const what = spec.select ? `resources selected by ${spec.select.source}` : 'the response';
  const min = spec.minimum !== undefined ? ` (at least ${spec.minimum})` : '';
  return `${what}${min} conform to ${spec.profile}`;
}

export function checkConformsTo(spec: ConformsToSpec, ctx: CheckContext): Verdict {
  const description = describeConformsTo(spec);
  const validator = ctx.validator;
  if (!validator)
    return checkError(description, 'profile validation is not available (no validator is configured)');
  if (!validator.hasProfile(spec.profile)) {
    return checkError(
      description,
      `the profile ${spec.profile} is not loaded (is its IG package installed?)`,
    );
  }
  const body = ctx.response.body;
  const selected = spec.select ? evaluateExpression(spec.select, body, ctx.env) : [body];
  const resources = selected.filter(isResource);
  const minimum = spec.minimum ?? (spec.select ? 1 : 0);
  if (resources.length < minimum) {
    return fail(description, `at least ${minimum} resources`, resources.length, {
      where: spec.select?.source ?? 'the response',
      shownActual: `${resources.length}`,
    });
  }
  const bundle = isResource(body) && body.resourceType === 'Bundle' ? body : undefined;
  const issues: ValidationIssue[] = [];
  const failing: string[] = [];
  let firstError: { where: string; issue: ValidationIssue } | undefined;
  for (const resource of resources) {
    const found = validator.validate(resource, spec.profile, bundle ? { bundle } : undefined);
    const where = locateResource(body, resource) ?? 'the response';
    const errors = found.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      failing.push(where);
      firstError ??= { where, issue: errors[0]! };
    }
    for (const issue of found) {
      if (issues.length < MAX_ISSUES && issue.severity !== 'information') {
        issues.push({ ...issue, message: `${where}: ${issue.message}` });
      }
    }
  }
  if (!firstError)
    return { ...pass(spec.profile, `${resources.length} resources`), ...(issues.length ? { issues } : {}) };
  const { where, issue } = firstError;
  return {
    ...fail(
      description,
      'no error-level issue',
      `${failing.length} of ${resources.length} resources with errors`,
      {
        where: `${where} ${issue.location}`,
        shownActual: `${failing.length} of ${resources.length} resources with errors; first: ${trimText(issue.message)}`,
        shownExpected: 'no error-level issue',
      },
    ),
    issues,
  };
}

export function conformsToChecks(expect: Expectation | undefined): PlannedCheck[] {
  const spec = expect?.conformsTo;
  if (!spec) return [];
  return [
    {
      kind: 'conformsTo',
      description: describeConformsTo(spec),
      loc: spec.loc,
      ...(spec.trace ? { requirements: spec.trace.requirements, severity: spec.trace.severity } : {}),
      readsBody: true,
      // Each selected resource is validated on its own: an invalid one is invalid whatever the other pages hold.
      holdsPerItem: true,
      run: (ctx) => checkConformsTo(spec, ctx),
    },
  ];
}
