// `fgc lint` and `fgc list` on a small project written to a temp folder.
import { expect } from 'chai';
import { spawnFgc } from '../helpers/fgc-process.js';
import { runCliIn, tempProject } from '../helpers/temp-project.js';
import type { TempProject } from '../helpers/temp-project.js';

const CATALOG = `requirements:
  - { id: R-SEARCH, text: Search by subject, source: "https://example.org/ig", level: SHALL }
  - { id: R-CATEGORY, text: Category GE, source: "https://example.org/ig", level: SHOULD }
  - { id: R-PAGING, text: Paging, source: "https://example.org/ig", level: MAY }
`;

const SUITE = `suite: demo/variants
title: Variant search
tags: [variant]
inputs:
  patientId: { description: A patient with variants, required: true }
  ranges: { description: Ranges with a variant, type: list }
scenarios:
  - id: search
    title: Search by subject
    requirement: R-SEARCH
    tags: [search]
    steps:
      - request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        expect:
          fhirpath:
            - { that: Bundle.type, equals: searchset, requirement: R-SEARCH }
            - { that: Bundle.entry.resource.all(category.exists()), is: true, requirement: R-CATEGORY }
  - id: create
    severity: SHOULD
    steps:
      - request: { method: POST, path: Observation, body: { resourceType: Observation } }
  - id: per-range
    forEach: { in: ranges, as: range }
    steps:
      - operation: { name: find-subject-variants, params: { ranges: "\${range}" } }
`;

describe('fgc lint and fgc list', () => {
  let project: TempProject;
  beforeEach(() => {
    project = tempProject({
      'suites/requirements.yaml': CATALOG,
      'suites/demo/variants.yaml': SUITE,
      'config/targets/site.yaml':
        'baseUrl: https://fhir.example.org/r4\nwaivers:\n  - { scenario: demo/variants/search, reason: r, owner: o }\n',
      'config/targets/reference.yaml': 'embedded: reference\n',
    });
  });
  afterEach(() => project.remove());

  it('lint prints a one-line OK summary and exits 0', async () => {
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.stderr).to.equal('');
    expect(out.code).to.equal(0);
    expect(out.stdout).to.equal(
      'OK: 1 suite(s), 3 scenario(s), 3 requirement(s), 2 target config(s); no problems found.\n',
    );
  });

  it('lint warns about suite patterns that could mislead a verdict, and still exits 0', async () => {
    project.write(
      'suites/demo/risky.yaml',
      `scenarios:
  - id: risky
    requirement: [R-SEARCH, R-CATEGORY]
    steps:
      - request: { path: Observation }
        capture: { source: "entry.resource.first().derivedFrom.reference" }
        expect:
          fhirpath:
            - { that: "entry.resource.derivedFrom.reference.subsetOf(entry.fullUrl)", is: true, requirement: R-CATEGORY }
  - id: profile-only
    requirement: [R-SEARCH, R-CATEGORY]
    steps:
      - request: { path: Observation }
        expect:
          conformsTo: { profile: "http://hl7.org/fhir/StructureDefinition/Bundle", requirement: R-CATEGORY }
`,
    );
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stderr).to.match(
      /risky\.yaml:6:\d+: first\(\) inside a capture .* \[ORDER_DEPENDENT_CAPTURE\]/,
    );
    expect(out.stderr).to.match(
      /risky\.yaml:9:\d+: subsetOf\(\) without distinct\(\) .* \[SUBSET_DUPLICATES\]/,
    );
    expect(out.stderr).to.match(
      /risky\.yaml:2:5: scenario risky names requirement R-SEARCH, but none of its checks tests it.* \[REQUIREMENT_UNCHECKED\]/,
    );
    expect(out.stderr).to.match(
      /risky\.yaml:10:5: scenario profile-only names requirement R-SEARCH, but none of its checks tests it.* \[REQUIREMENT_UNCHECKED\]/,
    );
    expect(out.stderr).not.to.match(/profile-only names requirement R-CATEGORY/);
  });

  it('lint warns, at its place, about an element or type name the R4 model does not know', async () => {
    project.write(
      'suites/demo/names.yaml',
      `scenarios:
  - id: names
    requirement: R-SEARCH
    steps:
      - request: { path: Observation }
        expect:
          fhirpath:
            - { that: Bundle.entries.resource.count(), greaterThan: 0 }
            - { that: "Bundle.entry.resource.ofType(Observaton).exists()", is: true }
`,
    );
    await runCliIn(project.dir, ['lint']);
    // The second time the suite's model comes from the cache, which keeps what the first load found.
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stderr).to.match(
      /names\.yaml:8:23: Bundle has no element "entries": it would evaluate to nothing, and the server would be blamed \[UNKNOWN_MODEL_NAME\]/,
    );
    expect(out.stderr).to.match(
      /names\.yaml:9:\d+: "Observaton" is not a FHIR R4 type \(did you mean "Observation"\?\)/,
    );
  });

  it('lint refuses a severity stricter than every requirement it cites (exit 2)', async () => {
    project.write(
      'suites/demo/strict.yaml',
      `scenarios:
  - id: strict
    requirement: R-CATEGORY
    steps:
      - request: { path: Observation }
        expect:
          fhirpath:
            - { that: Bundle.type, equals: searchset, severity: SHALL }
`,
    );
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.match(
      /strict\.yaml:8:\d+: severity SHALL is stricter than the requirement\(s\) it traces to \(R-CATEGORY: SHOULD\).* \[SEVERITY_STRICTER\]/,
    );
  });

  it('lint --target refuses template placeholders at their line (exit 2); a scan of every config only warns', async () => {
    project.write(
      'config/targets/site.yaml',
      'baseUrl: https://fhir.example.org/r4\ninputs:\n  patientId: REPLACE-ME\n  ranges: [NC_000007.14:1-2, REPLACE-ME]\n',
    );
    const one = await runCliIn(project.dir, ['lint', '--target', 'site']);
    expect(one.code).to.equal(2);
    expect(one.stderr).to.match(
      /config\/targets\/site\.yaml:3:14: input patientId is still the template placeholder REPLACE-ME.* \[PLACEHOLDER\]/,
    );
    expect(one.stderr).to.match(
      /config\/targets\/site\.yaml:4:\d+: input ranges is still the template placeholder/,
    );
    const all = await runCliIn(project.dir, ['lint']);
    expect(all.code).to.equal(0);
    expect(all.stderr).to.equal(
      'note: config/targets/site.yaml is not ready to run: 2 input(s) still REPLACE-ME; ' +
        '`fgc lint --target config/targets/site.yaml` lists each\n',
    );
    expect(all.stdout).to.match(/no problems found\.\n$/);
  });

  it('lint --target shows each unset environment variable; a scan of every config sums them up in a note', async () => {
    project.write(
      'config/targets/site.yaml',
      'baseUrl: https://fhir.example.org/r4\nauth: { type: bearer, token: "${env.FGC_TEST_UNSET_TOKEN}" }\n',
    );
    const one = await runCliIn(project.dir, ['lint', '--target', 'site']);
    expect(one.code).to.equal(0);
    expect(one.stderr).to.match(
      /^warning: config\/targets\/site\.yaml:2:\d+: environment variable FGC_TEST_UNSET_TOKEN is not set.*\[ENV_MISSING\]/,
    );
    expect(one.stdout).to.match(/no problems found, 1 warning\(s\) above\.\n$/);
    const all = await runCliIn(project.dir, ['lint']);
    expect(all.code).to.equal(0);
    expect(all.stderr).to.equal(
      'note: config/targets/site.yaml is not ready to run: 1 environment variable(s) not set ' +
        '(FGC_TEST_UNSET_TOKEN); `fgc lint --target config/targets/site.yaml` lists each\n',
    );
  });

  it('lint reports suite and config problems together, sorted, and exits 2', async () => {
    project.write(
      'suites/demo/broken.yaml',
      'scenarios:\n  - id: s\n    steps: [{ request: { path: x }, expect: { status: 999 } }]\n',
    );
    // An unset variable beside a real mistake is not a second problem.
    project.write(
      'config/targets/bad.yaml',
      'baseUrl: https://x.org\ntimeoutMS: 10\nauth: { type: bearer, token: "${env.FGC_TEST_UNSET_TOKEN}" }\n',
    );
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code).to.equal(2);
    expect(out.stderr.split('\n')).to.deep.equal([
      'config/targets/bad.yaml:2:1: unknown key "timeoutMS" (did you mean "timeoutMs"?) [CONFIG]',
      'suites/demo/broken.yaml:3:55: scenarios[0].steps[0].expect.status must be at most 599 [SCHEMA]',
      '2 problem(s) found.',
      '',
    ]);
  });

  it('lint checks that waivers name existing scenarios', async () => {
    project.write(
      'config/targets/site.yaml',
      'baseUrl: https://x.org\nwaivers:\n  - { scenario: demo/variants/serch, reason: r, owner: o }\n',
    );
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include(
      'config/targets/site.yaml:3:5: waiver for unknown scenario "demo/variants/serch" (did you mean "demo/variants/search"?) [CONFIG]',
    );
  });

  it('lint --target checks only that config, and lint paths only those suites', async () => {
    project.write('config/targets/bad.yaml', 'baseUrl: 12\n');
    const out = await runCliIn(project.dir, ['lint', 'suites/demo', '--target', 'site']);
    expect(out.code).to.equal(0);
    expect(out.stdout).to.include('1 suite(s), 3 scenario(s), 3 requirement(s), 1 target config(s)');
  });

  it('list shows suites, scenarios, inputs and requirement coverage', async () => {
    const out = await runCliIn(project.dir, ['list']);
    expect(out.code).to.equal(0);
    expect(out.stdout).to.equal(
      [
        'demo/variants: Variant search (suites/demo/variants.yaml)',
        '  tags: variant',
        '  inputs:',
        '    patientId (string, required): A patient with variants',
        '    ranges (list, optional): Ranges with a variant',
        '  scenarios:',
        '    search: Search by subject [SHALL; tags: variant, search; requirements: R-SEARCH]',
        '    create: create [SHOULD; tags: variant; writes]',
        '    per-range: per-range [SHALL; tags: variant; for each range in ranges]',
        '2 of 3 requirements covered; not covered (1):',
        '  other: R-PAGING',
        '',
      ].join('\n'),
    );
  });

  it('list --json gives the same suites, scenarios, inputs and coverage as data', async () => {
    const out = await runCliIn(project.dir, ['list', '--json']);
    expect(out.code).to.equal(0);
    const listed = JSON.parse(out.stdout) as {
      suites: { id: string; inputs: { name: string }[]; scenarios: { id: string; severity: string }[] }[];
      requirements: { total: number; covered: number; notCovered: string[] };
    };
    expect(listed.suites.map((s) => s.id)).to.deep.equal(['demo/variants']);
    expect(listed.suites[0]!.inputs.map((i) => i.name)).to.deep.equal(['patientId', 'ranges']);
    expect(listed.suites[0]!.scenarios.map((s) => `${s.id} ${s.severity}`)).to.deep.equal([
      'demo/variants/search SHALL',
      'demo/variants/create SHOULD',
      'demo/variants/per-range SHALL',
    ]);
    expect(listed.requirements).to.deep.equal({ total: 3, covered: 2, notCovered: ['R-PAGING'] });
  });

  it('list --target --json gives the missing inputs and what each would unlock', async () => {
    const out = await runCliIn(project.dir, ['list', '--target', 'site', '--json']);
    expect(out.code, out.stderr).to.equal(0);
    const gaps = JSON.parse(out.stdout) as {
      inputsDeclared: number;
      inputsSupplied: number;
      scenarios: number;
      scenariosReady: number;
      missingInputs: { input: string; scenarios: string[] }[];
    };
    expect(gaps).to.deep.include({ inputsDeclared: 2, inputsSupplied: 0, scenarios: 3, scenariosReady: 1 });
    expect(gaps.missingInputs.map((g) => [g.input, g.scenarios])).to.deep.equal([
      ['patientId', ['demo/variants/search']],
      ['ranges', ['demo/variants/per-range']],
    ]);
    // An input declared absent (null) puts its scenarios out of scope: it is not missing, as in a run.
    project.write(
      'config/targets/site.yaml',
      'baseUrl: https://fhir.example.org/r4\ninputs:\n  ranges: null\n',
    );
    const declaredAbsent = await runCliIn(project.dir, ['list', '--target', 'site', '--json']);
    const after = JSON.parse(declaredAbsent.stdout) as typeof gaps;
    expect(after.missingInputs.map((g) => g.input)).to.deep.equal(['patientId']);
  });

  it('list stops quietly, exit 0, when its reader closes the pipe early (fgc list | head)', async function () {
    this.timeout(30_000);
    const child = spawnFgc(['list', '--json'], project.dir);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // Reads nothing: the first write of a large listing then finds the pipe closed.
    child.stdout!.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.to.include('EPIPE');
    expect(code).to.equal(0);
  });

  it('list and lint use the bundled suites, and say so, in a folder without suites/', async () => {
    const bare = tempProject({ 'config/targets/site.yaml': 'baseUrl: https://fhir.example.org/r4\n' });
    try {
      const listed = await runCliIn(bare.dir, ['list']);
      expect(listed.code).to.equal(0);
      expect(listed.stderr).to.match(
        /^No suites\/ folder in .*: using the suites that ship with fgc \(.*suites\)\.\n$/,
      );
      expect(listed.stdout).to.include('fhir-core/read');
      expect(listed.stdout).to.include('genomics-operations/');
      const linted = await runCliIn(bare.dir, ['lint']);
      expect(linted.code).to.equal(0);
      expect(linted.stdout).to.match(
        /^OK: (\d+) suite\(s\), .* 1 target config\(s\); no problems found(, \d+ warning\(s\) above)?\.\n$/,
      );
      expect(Number(/^OK: (\d+)/.exec(linted.stdout)![1])).to.be.greaterThan(10);
    } finally {
      bare.remove();
    }
  });

  it('list exits 2 on a broken suite, printing the problem', async () => {
    project.write('suites/demo/broken.yaml', 'scenarios: []\n');
    const out = await runCliIn(project.dir, ['list']);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include(
      'suites/demo/broken.yaml:1:12: scenarios needs at least one scenario [SCHEMA]',
    );
  });
});
