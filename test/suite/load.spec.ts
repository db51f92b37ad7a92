// The loader turns valid suites into the model the engine runs: a complete suite end to end, the
// computed fields (usesInputs, usesCaptures, setsCaptures, writes), fixtures and file discovery.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadSuites } from '../../src/suite/index.js';
import type { Scenario, Suite } from '../../src/model/suite.js';
import { tempProject } from '../helpers/temp-project.js';
import type { TempProject } from '../helpers/temp-project.js';

const CATALOG = `requirements:
  - { id: GR-VARIANT-CODE, text: Variants carry LOINC 69548-6, source: "https://hl7.org/fhir/uv/genomics-reporting/", level: SHALL }
  - { id: GR-BASE-CATEGORY, text: Category GE, source: "https://hl7.org/fhir/uv/genomics-reporting/", level: SHOULD, group: variant }
`;

async function load(
  files: Record<string, string>,
  paths: string[] = [],
): Promise<{ suites: Suite[]; project: TempProject }> {
  const project = tempProject({ 'suites/requirements.yaml': CATALOG, ...files });
  try {
    const { suites } = await loadSuites(paths, { suitesRoot: project.path('suites'), cwd: project.dir });
    return { suites, project };
  } catch (err) {
    project.remove();
    throw err;
  }
}

function scenario(suite: Suite, id: string): Scenario {
  const found = suite.scenarios.find((s) => s.id === id);
  expect(found, `scenario ${id}`).to.not.equal(undefined);
  return found!;
}

describe('suite loader', () => {
  const projects: TempProject[] = [];
  afterEach(() => projects.splice(0).forEach((p) => p.remove()));
  const loadTracked = async (files: Record<string, string>, paths: string[] = []) => {
    const result = await load(files, paths);
    projects.push(result.project);
    return result;
  };

  it('loads a complete example suite into the model', async () => {
    const { suites, project } = await loadTracked({
      'suites/genomics-reporting/variant.yaml': readFileSync(
        new URL('./data/example-suite.yaml', import.meta.url),
        'utf8',
      ),
      'suites/genomics-reporting/fixtures/variant-minimum.json':
        '{ "resourceType": "Observation", "status": "final" }',
    });
    expect(suites).to.have.length(1);
    const suite = suites[0]!;
    expect(suite.id).to.equal('genomics-reporting/variant');
    expect(suite.title).to.equal('Variant observations');
    expect(suite.file).to.equal('suites/genomics-reporting/variant.yaml');
    expect(suite.ig).to.equal('hl7.fhir.uv.genomics-reporting#3.0.0');
    expect(suite.requires).to.deep.equal({
      resources: ['Observation'],
      searchParams: { Observation: ['subject', 'code'] },
      operations: [],
    });
    expect(suite.inputs.patientId).to.include({
      type: 'string',
      required: true,
      description: 'A patient with at least one variant',
    });
    expect(suite.inputs.variantRanges).to.include({ type: 'list', required: false });
    expect(suite.fixtures['expected-variant']).to.deep.include({
      path: project.path('suites/genomics-reporting/fixtures/variant-minimum.json'),
      content: { resourceType: 'Observation', status: 'final' },
    });

    const s = scenario(suite, 'search-by-subject-and-code');
    expect(s.fullId).to.equal('genomics-reporting/variant/search-by-subject-and-code');
    expect(s.requirements).to.deep.equal(['GR-VARIANT-CODE']);
    expect(s.severity).to.equal('SHALL');
    expect(s.tags).to.deep.equal(['genomics-reporting', 'variant', 'search']);
    expect(s.when?.source).to.equal('%inputs.patientId.exists()');
    expect(s.forEach).to.deep.equal({ in: 'variantRanges', as: 'range' });
    expect(s).to.include({ retries: 0, timeoutMs: 30000, writes: false });
    expect(s.usesInputs).to.deep.equal(['patientId', 'variantRanges']);
    expect(s.usesCaptures).to.deep.equal([]);
    expect(s.setsCaptures).to.deep.equal(['firstVariant']);
    expect(s.loc).to.deep.equal({ file: 'suites/genomics-reporting/variant.yaml', line: 20, col: 5 });

    const [search, read] = s.steps;
    expect(search!.request).to.deep.equal({
      method: 'GET',
      path: 'Observation',
      query: { subject: 'Patient/${inputs.patientId}', code: 'http://loinc.org|69548-6' },
      headers: {},
      page: 'all',
    });
    expect(search!.capture.firstVariant!.source).to.equal('Bundle.entry.resource.first().id');
    expect(search!.expect).to.include({ status: 200, contentType: 'application/fhir+json' });
    const checks = search!.expect!.fhirpath;
    expect(checks.map((c) => [c.that.source, c.operator, c.value])).to.deep.equal([
      ['Bundle.type', 'equals', 'searchset'],
      ['Bundle.entry.resource.count()', 'greaterThan', 0],
      ["Bundle.entry.resource.all(category.coding.where(code = 'GE').exists())", 'is', true],
    ]);
    expect(checks[1]!.message).to.equal("The site's test patient must have at least one variant");
    expect(checks[2]!.requirements).to.deep.equal(['GR-BASE-CATEGORY']);
    expect(checks[0]!.loc).to.deep.equal({
      file: 'suites/genomics-reporting/variant.yaml',
      line: 41,
      col: 15,
    });
    expect(read!.request).to.include({ method: 'GET', path: 'Observation/${firstVariant}' });
    expect(read!.expect!.conformsTo).to.deep.include({
      profile: 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant',
    });
    expect(read!.expect!.minimum!.expected).to.deep.equal({ fixture: 'expected-variant' });
  });

  it('compiles FHIRPath so the engine can evaluate it with %variables', async () => {
    const { suites } = await loadTracked({
      'suites/a.yaml': `inputs:\n  code: { description: A code }\nscenarios:\n  - id: s\n    steps:\n      - request: { path: Observation }\n        capture: { hit: "Bundle.entry.where(resource.code = %inputs.code).count()" }\n`,
    });
    const capture = suites[0]!.scenarios[0]!.steps[0]!.capture.hit!;
    const bundle = {
      resourceType: 'Bundle',
      entry: [{ resource: { code: 'x' } }, { resource: { code: 'y' } }],
    };
    expect(capture.evaluate(bundle, { inputs: { code: 'x' } })).to.deep.equal([1]);
  });

  it('defaults the suite id to the path under suites/ and titles to ids', async () => {
    const { suites } = await loadTracked({
      'suites/ops/find-variants.yml': 'scenarios:\n  - id: s\n    steps: [{ request: { path: metadata } }]\n',
    });
    expect(suites[0]).to.include({ id: 'ops/find-variants', title: 'ops/find-variants' });
    expect(suites[0]!.scenarios[0]).to.include({
      title: 's',
      severity: 'SHALL',
      fullId: 'ops/find-variants/s',
    });
  });

  it('skips requirements.yaml and files inside fixtures folders, and loads only the given paths', async () => {
    const files = {
      'suites/a/one.yaml': 'scenarios:\n  - id: s\n    steps: [{ request: { path: metadata } }]\n',
      'suites/b/two.yaml': 'scenarios:\n  - id: s\n    steps: [{ request: { path: metadata } }]\n',
      'suites/a/fixtures/shape.yaml': 'resourceType: Observation\n',
    };
    expect((await loadTracked(files)).suites.map((s) => s.id)).to.deep.equal(['a/one', 'b/two']);
    expect((await loadTracked(files, ['suites/b'])).suites.map((s) => s.id)).to.deep.equal(['b/two']);
    expect((await loadTracked(files, ['a/one'])).suites.map((s) => s.id)).to.deep.equal(['a/one']);
  });

  it('computes usesCaptures, setsCaptures and usesInputs (not counting inputs read only by when)', async () => {
    const { suites } = await loadTracked({
      'suites/flow.yaml': `inputs:
  patientId: { description: A patient }
  optionalCode: { description: A code, required: false }
setup:
  - request: { path: "Patient/\${inputs.patientId}" }
    capture: { patientRef: "'Patient/' + Patient.id" }
scenarios:
  - id: find
    when: "%inputs.optionalCode.exists()"
    steps:
      - request: { path: Observation, query: { subject: "\${patientRef}" } }
        captureList: { variantIds: Bundle.entry.resource.id }
  - id: each
    forEach: { in: variantIds, as: variantId }
    steps:
      - request: { path: "Observation/\${variantId}" }
        expect:
          fhirpath:
            - { that: "Observation.subject.reference = %patientRef", is: true }
`,
    });
    const [find, each] = suites[0]!.scenarios;
    expect(find).to.deep.include({
      usesInputs: [],
      usesCaptures: ['patientRef'],
      setsCaptures: ['variantIds'],
    });
    expect(each).to.deep.include({
      usesInputs: [],
      usesCaptures: ['patientRef', 'variantIds'],
      setsCaptures: [],
    });
    expect(suites[0]!.setup[0]!.capture.patientRef!.source).to.equal("'Patient/' + Patient.id");
  });

  it('marks scenarios that write: PUT, PATCH, DELETE and POST except _search and operations', async () => {
    const scenarioFor = (method: string, path: string) =>
      `  - id: ${method.toLowerCase()}-${path.replace(/[^a-z]/gi, '')}\n    steps: [{ request: { method: ${method}, path: "${path}", body: { resourceType: Parameters } } }]\n`;
    const { suites } = await loadTracked({
      'suites/w.yaml': `scenarios:\n${[
        scenarioFor('POST', 'Observation'),
        scenarioFor('PUT', 'Observation/1'),
        scenarioFor('PATCH', 'Observation/1'),
        scenarioFor('DELETE', 'Observation/1'),
        scenarioFor('POST', 'Observation/_search'),
        scenarioFor('POST', 'Patient/$find-subject-variants'),
        scenarioFor('GET', 'Observation'),
      ].join('')}`,
    });
    expect(Object.fromEntries(suites[0]!.scenarios.map((s) => [s.id, s.writes]))).to.deep.equal({
      'post-Observation': true,
      'put-Observation': true,
      'patch-Observation': true,
      'delete-Observation': true,
      'post-Observationsearch': false,
      'post-Patientfindsubjectvariants': false,
      'get-Observation': false,
    });
  });

  it('accepts every assertion operator and both conformsTo forms', async () => {
    const { suites } = await loadTracked({
      'suites/ops.yaml': `scenarios:
  - id: all
    severity: SHOULD
    steps:
      - operation: { name: find-subject-variants, params: { subject: Patient/1, ranges: [a, b] }, via: POST }
        expect:
          status: [200, 201]
          headers: { ETag: "^W/" }
          headerExists: [Last-Modified]
          conformsTo: { profile: "http://hl7.org/fhir/StructureDefinition/Parameters", select: "Parameters", minimum: 1 }
          minimum: { resourceType: Parameters }
          fhirpath:
            - { that: a, equals: [1, 2] }
            - { that: a, notEquals: x }
            - { that: a, in: [x, y] }
            - { that: a, notIn: [z] }
            - { that: a, contains: x }
            - { that: a, notContains: [z] }
            - { that: a, exists: true }
            - { that: a, empty: false }
            - { that: a, is: true }
            - { that: a, count: 2 }
            - { that: a, count: { min: 1 } }
            - { that: a, greaterThan: 1.5 }
            - { that: a, lessThan: "2024-01-31" }
            - { that: a, greaterOrEqual: "2024-01-31T10:00:00Z" }
            - { that: a, lessOrEqual: "\${limit}" }
            - { that: a, matches: "^NC_\\\\d+", severity: MAY, id: acc, message: Accession }
        captureList: { limit: b }
      - request: { path: metadata, page: all, maxPages: 5 }
        expect: { status: 2xx, conformsTo: "http://hl7.org/fhir/StructureDefinition/CapabilityStatement" }
`,
    });
    const [op, meta] = suites[0]!.scenarios[0]!.steps;
    expect(op!.operation).to.deep.equal({
      name: 'find-subject-variants',
      params: { subject: 'Patient/1', ranges: ['a', 'b'] },
      via: 'POST',
    });
    expect(op!.expect!.fhirpath.map((c) => c.operator)).to.deep.equal([
      'equals',
      'notEquals',
      'in',
      'notIn',
      'contains',
      'notContains',
      'exists',
      'empty',
      'is',
      'count',
      'count',
      'greaterThan',
      'lessThan',
      'greaterOrEqual',
      'lessOrEqual',
      'matches',
    ]);
    expect(op!.expect!.fhirpath[10]!.value).to.deep.equal({ min: 1 });
    expect(op!.expect!.fhirpath[15]).to.deep.include({
      id: 'acc',
      severity: 'MAY',
      message: 'Accession',
      value: '^NC_\\d+',
    });
    expect(op!.expect!.conformsTo).to.deep.include({
      profile: 'http://hl7.org/fhir/StructureDefinition/Parameters',
      minimum: 1,
    });
    expect(op!.expect!.conformsTo!.select!.source).to.equal('Parameters');
    expect(op!.expect!.minimum!.expected).to.deep.equal({ inline: { resourceType: 'Parameters' } });
    expect(op!.expect).to.deep.include({
      status: [200, 201],
      headers: { ETag: '^W/' },
      headerExists: ['Last-Modified'],
    });
    expect(meta!.request).to.include({ page: 'all', maxPages: 5 });
    expect(meta!.expect!.status).to.equal('2xx');
    expect(suites[0]!.scenarios[0]!.writes).to.equal(false);
  });

  it('keeps inline bodies and resolves fixture bodies, JSON or YAML', async () => {
    const { suites } = await loadTracked({
      'suites/b.yaml': `inputs:
  patientId: { description: A patient }
fixtures:
  - { id: obs, file: fixtures/obs.yaml }
scenarios:
  - id: create
    steps:
      - request: { method: POST, path: Observation, body: { fixture: obs } }
      - request: { method: PUT, path: Observation/1, body: { resourceType: Observation, id: "1" } }
`,
      'suites/fixtures/obs.yaml':
        'resourceType: Observation\nsubject: { reference: "Patient/${inputs.patientId}" }\n',
    });
    const s = suites[0]!.scenarios[0]!;
    expect(s.steps[0]!.request!.body).to.deep.equal({ fixture: 'obs' });
    expect(s.steps[1]!.request!.body).to.deep.equal({ inline: { resourceType: 'Observation', id: '1' } });
    expect(suites[0]!.fixtures.obs!.content).to.deep.equal({
      resourceType: 'Observation',
      subject: { reference: 'Patient/${inputs.patientId}' },
    });
    // The fixture's ${inputs.patientId} counts as a use of the input.
    expect(s.usesInputs).to.deep.equal(['patientId']);
    expect(s.writes).to.equal(true);
  });

  it('returns the requirements catalog', async () => {
    const project = tempProject({
      'suites/requirements.yaml': CATALOG,
      'suites/a.yaml': 'scenarios:\n  - id: s\n    steps: [{ request: { path: metadata } }]\n',
    });
    projects.push(project);
    const { catalog } = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir });
    expect(catalog.file).to.equal('suites/requirements.yaml');
    expect([...catalog.requirements.keys()]).to.deep.equal(['GR-VARIANT-CODE', 'GR-BASE-CATEGORY']);
    expect(catalog.requirements.get('GR-BASE-CATEGORY')).to.deep.include({
      level: 'SHOULD',
      group: 'variant',
    });
  });
  it('expands YAML merge keys (<<: *anchor), with keys written beside them taking precedence', async () => {
    const { suites } = await loadTracked({
      'suites/merged.yaml': `scenarios:
  - id: s
    title: Repeated searches
    steps:
      - &search
        request: { path: Observation, query: { code: "http://loinc.org|69548-6" } }
        expect: { status: 200, contentType: application/fhir+json }
      - <<: *search
        expect: { status: 404 }
`,
    });
    const [first, second] = scenario(suites[0]!, 's').steps;
    expect(second!.request).to.deep.equal(first!.request);
    expect(second!.expect).to.include({ status: 404 });
    expect(second!.expect!.contentType).to.equal(undefined);
  });

  it('counts inputs and variables read through an alias or a merge key for the scenario that uses them', async () => {
    const { suites } = await loadTracked({
      'suites/aliased.yaml': `inputs:
  patientId: { description: a patient }
  code: { description: a LOINC code }
scenarios:
  - id: a
    steps:
      - &search
        request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        expect:
          fhirpath:
            - { that: "entry.resource.code.coding.code contains %inputs.code", is: true }
  - id: b
    steps: [*search]
  - id: c
    steps:
      - <<: *search
        expect: { status: 200 }
`,
    });
    expect(scenario(suites[0]!, 'b').usesInputs).to.have.members(['patientId', 'code']);
    expect(scenario(suites[0]!, 'c').usesInputs).to.deep.equal(['patientId']);
  });
});
