// Every kind of bad suite input gets a specific message at the exact file:line:col, and `fgc lint`
// exits 2 with that line and no stack trace.
import { expect } from 'chai';
import { SuiteErrors } from '../../src/common/errors.js';
import type { SuiteError } from '../../src/common/errors.js';
import { loadSuites } from '../../src/suite/index.js';
import { runCliIn, tempProject } from '../helpers/temp-project.js';

const CATALOG = `requirements:
  - { id: GR-VARIANT-CODE, text: Variants carry LOINC 69548-6, source: "https://hl7.org/fhir/uv/genomics-reporting/", level: SHALL }
`;

interface Expected {
  code: string;
  file?: string;
  line: number;
  col: number;
  message: string;
}

/** Loads a project whose suites/bad.yaml is `yaml`; checks the error and the lint command's output. */
async function expectProblem(
  yaml: string,
  expected: Expected,
  extra: Record<string, string> = {},
): Promise<void> {
  const project = tempProject({ 'suites/requirements.yaml': CATALOG, 'suites/bad.yaml': yaml, ...extra });
  try {
    let errors: readonly SuiteError[] = [];
    try {
      await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir });
    } catch (err) {
      expect(err).to.be.instanceOf(SuiteErrors);
      errors = (err as SuiteErrors).errors;
    }
    const file = expected.file ?? 'suites/bad.yaml';
    const match = errors.find((e) => e.code === expected.code && e.message.includes(expected.message));
    expect(
      match,
      `no ${expected.code} error with "${expected.message}" in:\n${errors.map((e) => e.format()).join('\n')}`,
    ).to.not.equal(undefined);
    expect(match!.loc).to.deep.equal({ file, line: expected.line, col: expected.col });

    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include(`${file}:${expected.line}:${expected.col}: `);
    expect(out.stderr).to.include(`[${expected.code}]`);
    expect(out.stderr).to.not.match(/\n\s+at /);
  } finally {
    project.remove();
  }
}

const step = (body: string) => `scenarios:
  - id: s1
    steps:
${body}`;

describe('suite loader: bad input', () => {
  it('reports YAML aliases that expand without bound instead of crashing', async () => {
    const aliases = Array.from({ length: 30 }, () => '*x').join(', ');
    const scenarios = Array.from({ length: 10 }, (_, i) => `  - id: s${i}\n    steps: [${aliases}]\n`).join(
      '',
    );
    await expectProblem(`x: &x { request: { path: Patient } }\nscenarios:\n${scenarios}`, {
      code: 'YAML_SYNTAX',
      line: 1,
      col: 1,
      message: 'too many YAML alias',
    });
  });

  it('reports an alias inside the value it names (data without end) at the alias', async () => {
    await expectProblem(
      'scenarios:\n  - id: s1\n    steps:\n      - &s\n        request: { path: metadata, body: [*s] }\n',
      { code: 'YAML_SYNTAX', line: 5, col: 43, message: 'the alias *s is inside the value it names' },
    );
    await expectProblem(
      'scenarios:\n  - id: s1\n    steps:\n      - &s\n        request: { path: metadata }\n        expect: { <<: *s }\n',
      { code: 'YAML_SYNTAX', line: 6, col: 23, message: 'the alias *s is inside the value it names' },
    );
  });

  it('reports a YAML syntax error at its position', async () => {
    await expectProblem('scenarios:\n  - id: s1\n    steps: [\n', {
      code: 'YAML_SYNTAX',
      line: 4,
      col: 1,
      message: 'YAML syntax error: Flow sequence in block collection',
    });
  });

  it('reports a duplicate key at the second occurrence', async () => {
    await expectProblem(
      'scenarios:\n  - id: s1\n    id: s2\n    steps:\n      - request: { path: metadata }\n',
      {
        code: 'YAML_SYNTAX',
        line: 3,
        col: 5,
        message: 'duplicate key "id": a key may appear only once in a map',
      },
    );
  });

  it('reports an unknown key with the closest allowed key', async () => {
    await expectProblem(step('      - request: { path: metadata, mathod: GET }\n'), {
      code: 'SCHEMA',
      line: 4,
      col: 36,
      message: 'unknown key "mathod" in scenarios[0].steps[0].request (did you mean "method"?)',
    });
  });

  it('suggests the operator for a misspelt one and does not add a missing-operator error', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - that: Bundle.type\n              equal: searchset\n',
    );
    await expectProblem(yaml, {
      code: 'SCHEMA',
      line: 8,
      col: 15,
      message: 'unknown key "equal" in scenarios[0].steps[0].expect.fhirpath[0] (did you mean "equals"?)',
    });
    const project = tempProject({ 'suites/bad.yaml': yaml });
    try {
      await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir }).then(
        () => expect.fail('should not load'),
        (err: SuiteErrors) => expect(err.errors).to.have.length(1),
      );
    } finally {
      project.remove();
    }
  });

  it('reports a wrong type with what is expected', async () => {
    await expectProblem(step('      - request: { path: metadata }\n        expect: { status: ok }\n'), {
      code: 'SCHEMA',
      line: 5,
      col: 27,
      message: 'scenarios[0].steps[0].expect.status must be a number, a list of numbers or a class like 2xx',
    });
  });

  it('reports a missing required key at the map that lacks it', async () => {
    await expectProblem(step('      - request: { method: GET }\n'), {
      code: 'SCHEMA',
      line: 4,
      col: 18,
      message: 'scenarios[0].steps[0].request.path is required',
    });
  });

  it('suggests the allowed value closest to a wrong one', async () => {
    await expectProblem(step('      - request: { path: metadata, method: get }\n'), {
      code: 'SCHEMA',
      line: 4,
      col: 44,
      message:
        'scenarios[0].steps[0].request.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD (did you mean "GET"?)',
    });
  });

  it('requires exactly one operator in a fhirpath check', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - that: Bundle.type\n              equals: searchset\n              exists: true\n',
    );
    await expectProblem(yaml, {
      code: 'SCHEMA',
      line: 7,
      col: 15,
      message: 'needs exactly one operator, but has equals and exists',
    });
  });

  it('checks operand types: count needs a number or { min, max }', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - { that: Bundle.entry, count: many }\n',
    );
    await expectProblem(yaml, {
      code: 'SCHEMA',
      line: 7,
      col: 44,
      message: 'count must be a whole number or { min, max }',
    });
  });

  it('reports a FHIRPath syntax error at the column inside the expression', async () => {
    // The quoted expression starts at column 22; the stray ')' is its 15th character.
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - that: "Bundle.type = )"\n              exists: true\n',
    );
    await expectProblem(yaml, {
      code: 'FHIRPATH_SYNTAX',
      line: 7,
      col: 36,
      message: "FHIRPath syntax error: unexpected ')'",
    });
  });

  it('reports an unknown FHIRPath function with a suggestion', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        capture:\n          first: Bundle.entry.resource.firts().id\n',
    );
    await expectProblem(yaml, {
      code: 'FHIRPATH_SYNTAX',
      line: 6,
      col: 40,
      message: 'unknown FHIRPath function firts() (did you mean "first"?)',
    });
  });

  it('reports an undeclared input in a ${} template', async () => {
    const yaml = `inputs:\n  patientId: { description: A patient }\n${step('      - request: { path: "Patient/${inputs.patient}" }\n')}`;
    await expectProblem(yaml, {
      code: 'UNDECLARED_VARIABLE',
      line: 6,
      col: 35,
      message: `input "patient" is not declared in the suite's inputs (did you mean "patientId"?)`,
    });
  });

  it('reports an undeclared capture in a ${} template', async () => {
    await expectProblem(step('      - request: { path: "Observation/${firstVariant}" }\n'), {
      code: 'UNDECLARED_VARIABLE',
      line: 4,
      col: 39,
      message: '"firstVariant" is not declared',
    });
  });

  it('reports an undeclared %variable in FHIRPath at its column', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - { that: "Bundle.entry.resource.id = %variantId", is: true }\n',
    );
    await expectProblem(yaml, {
      code: 'UNDECLARED_VARIABLE',
      line: 7,
      col: 51,
      message: '"variantId" is not declared',
    });
  });

  it('reports an undeclared %inputs.x in FHIRPath', async () => {
    const yaml = `inputs:\n  patientId: { description: A patient }\n${step('      - request: { path: metadata }\n        capture: { p: "%inputs.patientID" }\n')}`;
    await expectProblem(yaml, {
      code: 'UNDECLARED_VARIABLE',
      line: 7,
      col: 24,
      message: 'input "patientID" is not declared',
    });
  });

  it('refuses ${env.X} in a suite', async () => {
    await expectProblem(
      step('      - request: { path: metadata, headers: { Authorization: "Bearer ${env.TOKEN}" } }\n'),
      {
        code: 'UNDECLARED_VARIABLE',
        line: 4,
        col: 70,
        message: 'suites cannot read environment variables (${env.TOKEN}); put secrets in the target config',
      },
    );
  });

  it('reports a missing fixture file', async () => {
    const yaml = `fixtures:\n  - { id: expected, file: fixtures/none.json }\n${step('      - request: { path: metadata }\n')}`;
    await expectProblem(yaml, {
      code: 'FIXTURE_MISSING',
      line: 2,
      col: 27,
      message: 'fixture "expected": file not found: suites/fixtures/none.json',
    });
  });

  it('refuses a fixture path that leaves the suites folder with ..', async () => {
    const yaml = `fixtures:\n  - { id: secret, file: ../config/targets/site.yaml }\n${step('      - request: { path: metadata }\n')}`;
    await expectProblem(
      yaml,
      {
        code: 'FIXTURE_OUTSIDE_SUITES',
        line: 2,
        col: 25,
        message: 'fixture "secret": "../config/targets/site.yaml" resolves outside the suites folder',
      },
      { 'config/targets/site.yaml': 'baseUrl: https://x\n' },
    );
  });

  it('refuses an absolute fixture path', async () => {
    const yaml = `fixtures:\n  - { id: passwd, file: /etc/passwd }\n${step('      - request: { path: metadata }\n')}`;
    await expectProblem(yaml, {
      code: 'FIXTURE_OUTSIDE_SUITES',
      line: 2,
      col: 25,
      message: 'fixture "passwd": "/etc/passwd" is an absolute path',
    });
  });

  it('reports a body naming an undeclared fixture', async () => {
    await expectProblem(
      step('      - request: { method: POST, path: Observation, body: { fixture: variant } }\n'),
      {
        code: 'FIXTURE_MISSING',
        line: 4,
        col: 70,
        message: 'unknown fixture "variant" (this suite declares no fixtures)',
      },
    );
  });

  it('reports an unknown requirement with the closest id', async () => {
    const yaml = `scenarios:\n  - id: s1\n    requirement: GR-VARIANT-COD\n    steps:\n      - request: { path: metadata }\n`;
    await expectProblem(yaml, {
      code: 'UNKNOWN_REQUIREMENT',
      line: 3,
      col: 18,
      message:
        'unknown requirement "GR-VARIANT-COD": it is not in suites/requirements.yaml (did you mean "GR-VARIANT-CODE"?)',
    });
  });

  it('reports an unknown requirement on a check, in a list', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        expect:\n          fhirpath:\n            - { that: Bundle.type, equals: searchset, requirement: [GR-VARIANT-CODE, GR-NOPE] }\n',
    );
    await expectProblem(yaml, {
      code: 'UNKNOWN_REQUIREMENT',
      line: 7,
      col: 86,
      message: 'unknown requirement "GR-NOPE"',
    });
  });

  it('reports a duplicate scenario id at the second one', async () => {
    const yaml = `scenarios:\n  - id: s1\n    steps: [{ request: { path: metadata } }]\n  - id: s1\n    steps: [{ request: { path: metadata } }]\n`;
    await expectProblem(yaml, {
      code: 'DUPLICATE_ID',
      line: 4,
      col: 9,
      message: 'scenario id "s1" is used twice in this suite (first at line 2)',
    });
  });

  it('reports a duplicate suite id', async () => {
    const yaml = `suite: same\nscenarios:\n  - id: s1\n    steps: [{ request: { path: metadata } }]\n`;
    await expectProblem(
      yaml,
      {
        code: 'DUPLICATE_ID',
        file: 'suites/bad.yaml',
        line: 1,
        col: 8,
        message: 'suite id "same" is also used by suites/a.yaml',
      },
      { 'suites/a.yaml': yaml },
    );
  });

  it('requires forEach.in to name a list input or a captureList', async () => {
    const yaml = `inputs:\n  ranges: { description: Ranges, type: list }\nscenarios:\n  - id: s1\n    forEach: { in: range, as: r }\n    steps: [{ request: { path: "x/\${r}" } }]\n`;
    await expectProblem(yaml, {
      code: 'UNDECLARED_VARIABLE',
      line: 5,
      col: 20,
      message:
        'forEach.in: "range" is neither a list input nor a captureList of this suite (did you mean "ranges"?)',
    });
  });

  it('requires forEach over an input to use a list input', async () => {
    const yaml = `inputs:\n  ranges: { description: Ranges }\nscenarios:\n  - id: s1\n    forEach: { in: ranges, as: r }\n    steps: [{ request: { path: "x/\${r}" } }]\n`;
    await expectProblem(yaml, {
      code: 'SCHEMA',
      line: 5,
      col: 20,
      message: 'input "ranges" is not a list; declare it with type: list',
    });
  });

  it('refuses ${} inside FHIRPath and names the %variable to use', async () => {
    const yaml = step(
      '      - request: { path: metadata }\n        capture: { firstId: id }\n        expect:\n          fhirpath:\n            - { that: "id = \'${firstId}\'", is: true }\n',
    );
    await expectProblem(yaml, {
      code: 'FHIRPATH_SYNTAX',
      line: 8,
      col: 30,
      message:
        'FHIRPath does not splice ${...} values into the expression text; read the variable as %firstId instead',
    });
  });

  it('refuses a capture named like a built-in variable', async () => {
    await expectProblem(step('      - request: { path: metadata }\n        capture: { resource: id }\n'), {
      code: 'SCHEMA',
      line: 5,
      col: 20,
      message: 'key "resource" in scenarios[0].steps[0].capture is a reserved name',
    });
  });

  it('refuses page: all on a request that is not a search', async () => {
    await expectProblem(step('      - request: { method: DELETE, path: Observation/1, page: all }\n'), {
      code: 'SCHEMA',
      line: 4,
      col: 63,
      message: 'page: all only applies to searches (GET, or POST to _search)',
    });
  });

  it('explains a second YAML document in one file', async () => {
    await expectProblem(step('      - request: { path: metadata }\n---\nscenarios: []\n'), {
      code: 'YAML_SYNTAX',
      line: 5,
      col: 1,
      message: 'a file holds one YAML document; remove this "---" or split the file',
    });
  });

  it('explains fhirpath checks written as a map instead of a list', async () => {
    await expectProblem(
      step(
        '      - request: { path: metadata }\n        expect:\n          fhirpath: { that: Bundle.type, exists: true }\n',
      ),
      {
        code: 'SCHEMA',
        line: 6,
        col: 21,
        message:
          'scenarios[0].steps[0].expect.fhirpath must be a list of checks, each starting with "- that:"',
      },
    );
  });

  it('reports every problem of every file at once', async () => {
    const project = tempProject({
      'suites/a.yaml': step('      - request: { path: metadata, mathod: GET }\n'),
      'suites/b.yaml': step('      - request: { path: "${nope}" }\n        expect: { status: ok }\n'),
      'suites/c.yaml': 'scenarios: [\n',
    });
    try {
      const err = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir }).catch(
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(SuiteErrors);
      const files = (err as SuiteErrors).errors.map((e) => e.loc.file);
      expect(files).to.include.members(['suites/a.yaml', 'suites/b.yaml', 'suites/c.yaml']);
    } finally {
      project.remove();
    }
  });
});
