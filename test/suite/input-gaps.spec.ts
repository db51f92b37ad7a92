// Input gaps: which missing inputs block which scenarios, and what each would unlock (fgc list --target).
import { expect } from 'chai';
import { loadSuites } from '../../src/suite/index.js';
import { formatInputGaps, inputGaps } from '../../src/suite/input-gaps.js';
import type { Suite } from '../../src/model/suite.js';
import { runCliIn, tempProject, type TempProject } from '../helpers/temp-project.js';

const CATALOG = `requirements:
  - { id: R-READ, text: Read, source: "https://example.org/ig", level: SHALL }
  - { id: R-RANGE, text: Ranges, source: "https://example.org/ig", level: SHALL }
  - { id: R-POST, text: POST, source: "https://example.org/ig", level: SHOULD }
  - { id: R-CHECK, text: A check, source: "https://example.org/ig", level: SHALL }
`;

const SUITE = `suite: demo
title: Demo
inputs:
  patientId: { description: A patient with variants }
  ranges: { description: Ranges with a variant, type: list }
  postSupported: { description: true when POST works, type: boolean }
scenarios:
  - id: read
    requirement: R-READ
    steps:
      - request: { path: "Patient/\${inputs.patientId}" }
  - id: per-range
    requirement: [R-READ, R-RANGE]
    forEach: { in: ranges, as: range }
    steps:
      - operation: { name: find-subject-variants, params: { subject: "\${inputs.patientId}", ranges: "\${range}" } }
        expect:
          fhirpath:
            - { that: "parameter.exists()", is: true, requirement: R-CHECK }
  - id: by-post
    requirement: R-POST
    when: "%inputs.postSupported = true"
    steps:
      - operation: { name: find-subject-variants, params: { subject: "\${inputs.patientId}" }, via: POST }
  - id: metadata
    steps:
      - request: { path: metadata }
`;

describe('input gaps', () => {
  let project: TempProject;
  let suites: Suite[];
  beforeEach(async () => {
    project = tempProject({ 'suites/requirements.yaml': CATALOG, 'suites/demo.yaml': SUITE });
    suites = (await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir })).suites;
  });
  afterEach(() => project.remove());

  it('lists each missing input with the scenarios it blocks, what it unlocks alone and what it needs beside it', () => {
    const gaps = inputGaps(suites, new Set());
    expect(
      gaps.map((g) => [g.input, g.scenarios, g.unlocksAlone, g.requirements, g.neededWith]),
    ).to.deep.equal([
      [
        'patientId',
        ['demo/read', 'demo/per-range', 'demo/by-post'],
        2,
        ['R-CHECK', 'R-POST', 'R-RANGE', 'R-READ'],
        ['ranges'],
      ],
      ['ranges', ['demo/per-range'], 0, ['R-CHECK', 'R-RANGE', 'R-READ'], ['patientId']],
    ]);
  });

  it('counts only requirements no ready scenario tests, and lists inputs read only by when conditions', () => {
    const gaps = inputGaps(suites, new Set(['patientId']));
    expect(gaps.map((g) => [g.input, g.scenarios, g.requirements, g.onlyInWhen])).to.deep.equal([
      ['ranges', ['demo/per-range'], ['R-CHECK', 'R-RANGE'], false],
      ['postSupported', ['demo/by-post'], ['R-POST'], true],
    ]);
    expect(inputGaps(suites, new Set(['patientId', 'ranges', 'postSupported']))).to.deep.equal([]);
  });

  it('formats one entry per input: what it unlocks, its description, and the inputs it needs beside it', () => {
    expect(formatInputGaps(inputGaps(suites, new Set(['ranges'])))).to.deep.equal([
      'patientId  3 scenarios, 4 requirements',
      '           A patient with variants',
    ]);
    expect(formatInputGaps(inputGaps(suites, new Set(['patientId', 'ranges'])))[0]).to.equal(
      'postSupported  1 scenario run only when it is set, 1 requirement',
    );
    expect(formatInputGaps(inputGaps(suites, new Set()))).to.include.members([
      'patientId  3 scenarios (2 on its own), 4 requirements',
      '           together with: ranges',
    ]);
  });

  it('fgc list --target prints the gaps of that target, an unset secret only warned about', async () => {
    project.write(
      'config/targets/site.yaml',
      'baseUrl: https://fhir.example.org/r4\nauth: { type: bearer, token: "${env.FGC_TEST_UNSET_TOKEN}" }\ninputs:\n  patientId: p1\n  ranges: ""\n',
    );
    const out = await runCliIn(project.dir, ['list', '--target', 'site']);
    expect(out.code).to.equal(0);
    expect(out.stderr).to.include(
      'warning: config/targets/site.yaml:2:31: environment variable FGC_TEST_UNSET_TOKEN is not set',
    );
    expect(out.stdout.split('\n').slice(0, 4)).to.deep.equal([
      'Target site (config/targets/site.yaml): 1 of 3 inputs supplied; 2 of 4 scenarios have every input they use.',
      'Missing inputs (2), by the scenarios and requirements each would unlock:',
      '  ranges         1 scenario, 2 requirements',
      '                 Ranges with a variant',
    ]);
  });
});
