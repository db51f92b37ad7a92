// A test-only, in-memory stand-in for a FHIR server over the synthetic cohort, and a minimal evaluator
// of suite steps against it (with the real operator table). It checks the profile suites' FHIRPath on the cohort, and on deliberately
// broken copies of it, in milliseconds and without a server; it is not the engine.
import { FHIRPATH_OPERATOR_NAMES, fhirpathOperator } from '../../src/checks/operators.js';
import { compileFhirpath } from '../../src/fhirpath/compile.js';

export type Resource = { resourceType: string; id: string } & Record<string, unknown>;

/** Answers GET reads and the simple searches the profile suites use (subject, code, category, _include). */
export class CohortServer {
  private readonly byRef: Map<string, Resource>;
  constructor(private readonly resources: Resource[]) {
    this.byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  }

  get(path: string, query: Record<string, string>): { status: number; body: unknown } {
    const read = /^([A-Za-z]+)\/([^/?]+)$/.exec(path);
    if (read) {
      const found = this.byRef.get(path);
      return found
        ? { status: 200, body: found }
        : {
            status: 404,
            body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] },
          };
    }
    const matches = this.resources.filter((r) => r.resourceType === path && this.matches(r, query));
    const included = query._include ? this.include(matches, query._include) : [];
    const entry = [
      ...matches.map((r) => ({
        fullUrl: `http://local/${r.resourceType}/${r.id}`,
        resource: r,
        search: { mode: 'match' },
      })),
      ...included.map((r) => ({
        fullUrl: `http://local/${r.resourceType}/${r.id}`,
        resource: r,
        search: { mode: 'include' },
      })),
    ];
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        total: matches.length,
        link: [{ relation: 'self', url: 'x' }],
        entry,
      },
    };
  }

  private matches(r: Resource, query: Record<string, string>): boolean {
    for (const [name, value] of Object.entries(query)) {
      if (name.startsWith('_')) continue;
      const [system, code] = value.includes('|') ? value.split('|') : [undefined, value];
      const codings = (path: string) => compileFhirpath(path)(r, {}) as { system?: string; code?: string }[];
      const tokenMatch = (path: string) =>
        codings(path).some((c) => c.code === code && (!system || c.system === system));
      if (name === 'subject' && (r.subject as { reference?: string } | undefined)?.reference !== value)
        return false;
      if (name === 'code' && !tokenMatch('code.coding')) return false;
      if (name === 'category' && !tokenMatch('category.coding')) return false;
    }
    return true;
  }

  private include(matches: Resource[], spec: string): Resource[] {
    const path =
      spec === 'Observation:derived-from'
        ? 'derivedFrom'
        : spec === 'DiagnosticReport:result'
          ? 'result'
          : '';
    const refs = matches.flatMap((r) => compileFhirpath(`${path}.reference`)(r, {}) as string[]);
    return [...new Set(refs)].map((ref) => this.byRef.get(ref)).filter((r): r is Resource => r !== undefined);
  }
}

export interface CheckOutcome {
  that: string;
  passed: boolean;
  actual: unknown;
}

type Env = Record<string, unknown>;

/** Substitutes `${inputs.x}` and `${capture}` in a template string. */
export function substitute(template: string, env: Env): string {
  return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const value = name.startsWith('inputs.') ? (env.inputs as Env)[name.slice(7)] : env[name];
    if (value === undefined) throw new Error(`unresolved \${${name}}`);
    return String(value);
  });
}

/** Evaluates the fhirpath checks of one step's `expect` on a response body. */
export function evaluateChecks(body: unknown, checks: Record<string, unknown>[], env: Env): CheckOutcome[] {
  return checks.map((check) => {
    const operator = FHIRPATH_OPERATOR_NAMES.find((op) => op in check);
    if (!operator)
      throw new Error(`offline evaluator does not know the operator of ${JSON.stringify(check)}`);
    let operand = check[operator];
    if (typeof operand === 'string') operand = substitute(operand, env);
    const result = compileFhirpath(check.that as string)(body, env);
    return {
      that: check.that as string,
      passed: fhirpathOperator(operator).test(result, operand).ok,
      actual: result,
    };
  });
}
