// The operator table (src/checks/operators.ts) is the one source of each operator: the loader's schema, the
// editor JSON Schema, the runtime and the docs table are all built from it, and regexes compile the same
// way in `fgc lint` and when the check runs.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import { evaluateFhirpathCheck } from '../../src/checks/fhirpath.js';
import { withOperatorTable } from '../../src/checks/operator-docs.js';
import { FHIRPATH_OPERATOR_NAMES, fhirpathOperator } from '../../src/checks/operators.js';
import { regexProblem } from '../../src/checks/regex.js';
import { checkHeaderMatches } from '../../src/checks/headers.js';
import { EngineError } from '../../src/common/errors.js';
import { suiteSchemaFiles } from '../../src/suite/json-schema.js';
import { fhirpathCheckSchema } from '../../src/suite/schema.js';
import { loadSuites } from '../../src/suite/index.js';
import { SuiteErrors } from '../../src/common/errors.js';
import { check, checkContext } from '../engine/builders.js';
import { tempProject } from '../helpers/temp-project.js';

describe('checks/operators: one table per operator', () => {
  it('docs/suite-format.md shows the table as it is (run `npm run schema` after changing it)', () => {
    const page = readFileSync(new URL('../../docs/suite-format.md', import.meta.url), 'utf8');
    expect(withOperatorTable(page) === page, 'the operator table of docs/suite-format.md is stale').to.equal(
      true,
    );
  });

  it('the editor JSON Schema offers exactly the table operators, each described by its docs line', () => {
    const suite = JSON.parse(suiteSchemaFiles()['suite.schema.json']!) as {
      definitions: { FhirpathCheck: { properties: Record<string, { description?: string }> } };
    };
    const properties = suite.definitions.FhirpathCheck.properties;
    const offered = Object.keys(properties).filter(
      (k) => !['that', 'id', 'message', 'severity', 'requirement'].includes(k),
    );
    expect(offered).to.deep.equal(FHIRPATH_OPERATOR_NAMES);
    for (const name of FHIRPATH_OPERATOR_NAMES)
      expect(properties[name]!.description).to.include(fhirpathOperator(name).doc.passes);
  });

  for (const name of FHIRPATH_OPERATOR_NAMES) {
    it(`${name}: its docs example loads and runs`, () => {
      const data = parse(fhirpathOperator(name).doc.example) as Record<string, unknown>;
      expect(fhirpathCheckSchema.safeParse(data).success, `the example of ${name} does not load`).to.equal(
        true,
      );
      const verdict = evaluateFhirpathCheck(check(data.that as string, name, data[name]), checkContext({}));
      expect(verdict.outcome).to.be.oneOf(['pass', 'fail']);
    });
  }

  it('the loader accepts an operand only when its schema does', () => {
    expect(fhirpathCheckSchema.safeParse({ that: 'a', count: { min: 2, max: 1 } }).success).to.equal(false);
    expect(fhirpathCheckSchema.safeParse({ that: 'a', in: 'final' }).success).to.equal(false);
    expect(fhirpathCheckSchema.safeParse({ that: 'a', in: ['final'] }).success).to.equal(true);
  });
});

describe('checks/regex: lint and run time read a regex the same way', () => {
  const regexes = ['^NC_\\d+\\.\\d+$', 'a\\-b', '(', '\\p{L}+', '^W/"${inputs.version}"$', '[a-z]{2,'];

  for (const source of regexes) {
    it(`${source}: passes lint exactly when it compiles at run time`, () => {
      const atRunTime = source.replace('${inputs.version}', '7');
      let runs = true;
      try {
        evaluateFhirpathCheck(
          check('Bundle.type', 'matches', atRunTime),
          checkContext({ resourceType: 'Bundle', type: 'x' }),
        );
        checkHeaderMatches({ etag: 'W/"7"' }, 'ETag', atRunTime);
      } catch (err) {
        expect(err).to.be.instanceOf(EngineError);
        expect((err as EngineError).code).to.equal('BAD_REGEX');
        runs = false;
      }
      expect(regexProblem(source) === undefined).to.equal(runs);
    });
  }

  it("`matches: 'a\\-b'` fails lint with a hint, at its line", async () => {
    const project = tempProject({
      'suites/re.yaml': `scenarios:
  - id: s1
    steps:
      - request: { path: metadata }
        expect:
          fhirpath:
            - { that: id, matches: 'a\\-b' }
`,
    });
    try {
      const error = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).to.be.instanceOf(SuiteErrors);
      const [first] = (error as SuiteErrors).errors;
      expect(first!.format()).to.match(/re\.yaml:7:\d+: .*not a valid regular expression .*Unicode mode/);
    } finally {
      project.remove();
    }
  });
});
