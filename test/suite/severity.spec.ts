// Severities come from the requirements (C1 of the suite audit): a check runs at the strictest level of the
// requirements it names, else as its scenario does; a scenario at the strictest level of its own.
import { expect } from 'chai';
import { loadSuites } from '../../src/suite/index.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const CATALOG = `requirements:
  - { id: R-SHALL, text: t, source: "https://example.org/a", level: SHALL }
  - { id: R-SHOULD, text: t, source: "https://example.org/b", level: SHOULD }
  - { id: R-MAY, text: t, source: "https://example.org/c", level: MAY }
`;

const SUITE = `scenarios:
  - id: mixed
    requirement: [R-SHALL, R-SHOULD]
    steps:
      - request: { path: Observation }
        expect:
          fhirpath:
            - { that: Bundle.type, equals: searchset }
            - { that: Bundle.total.exists(), is: true, requirement: R-SHOULD }
            - { that: Bundle.id.exists(), is: true, requirement: R-MAY }
            - { that: Bundle.link.exists(), is: true, requirement: R-SHALL, severity: SHOULD }
            - { that: "entry.resource.where(id.empty())", empty: true }
  - id: should-only
    requirement: R-SHOULD
    steps:
      - request: { path: Observation }
        expect:
          fhirpath:
            - { that: Bundle.type, equals: searchset }
  - id: none
    steps:
      - request: { path: Observation }
  - id: own-traces
    requirement: R-SHALL
    steps:
      - request: { path: Observation }
        expect:
          status: { is: 200, requirement: R-SHOULD }
          contentType: { is: application/fhir+json, requirement: R-MAY }
          conformsTo: { profile: "http://example.org/StructureDefinition/p", select: entry.resource, requirement: [R-SHOULD, R-MAY] }
`;

describe('suite loader: severities from requirements', () => {
  let project: TempProject;
  before(() => {
    project = tempProject({ 'suites/requirements.yaml': CATALOG, 'suites/s.yaml': SUITE });
  });
  after(() => project.remove());

  it('gives scenarios and checks the level of the requirements they name', async () => {
    const { suites } = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir });
    const [mixed, shouldOnly, none] = suites[0]!.scenarios;
    expect([mixed!.severity, shouldOnly!.severity, none!.severity]).to.deep.equal([
      'SHALL',
      'SHOULD',
      'SHALL',
    ]);
    const checks = mixed!.steps[0]!.expect!.fhirpath;
    expect(checks.map((c) => c.severity)).to.deep.equal(['SHALL', 'SHOULD', 'MAY', 'SHOULD', 'SHALL']);
    expect(shouldOnly!.steps[0]!.expect!.fhirpath[0]!.severity).to.equal('SHOULD');
  });

  it('gives a status, content type or profile check that names its own requirements their level', async () => {
    const { suites } = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir });
    const expectation = suites[0]!.scenarios[3]!.steps[0]!.expect!;
    expect(expectation.statusTrace).to.deep.equal({ requirements: ['R-SHOULD'], severity: 'SHOULD' });
    expect(expectation.contentTypeTrace).to.deep.equal({ requirements: ['R-MAY'], severity: 'MAY' });
    expect(expectation.conformsTo?.trace).to.deep.equal({
      requirements: ['R-SHOULD', 'R-MAY'],
      severity: 'SHOULD',
    });
  });

  it('works out what a "no item breaks the rule" check is about', async () => {
    const { suites } = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir });
    const checks = suites[0]!.scenarios[0]!.steps[0]!.expect!.fhirpath;
    expect(checks[4]!.over?.source).to.equal('entry.resource');
    expect(checks[0]!.over).to.equal(undefined);
  });
});
