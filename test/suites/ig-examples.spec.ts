// The profile and core suites on data fgc did not write: the IG's own examples, which the reference server
// loads beside the synthetic cohort. Each target names, per input, the example patient that holds that kind
// of resource. The examples are STU3 data the IG publishes as valid, so no scenario may fail or end in error;
// where the examples contradict each other, the suites must say so as a SHOULD warning with the reason.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CheckResult, ScenarioResult } from '../../src/results/model.js';
import { runReferenceScenarios } from '../helpers/reference-run.js';

const SUITES = ['suites/genomics-reporting', 'suites/fhir-core'];

/** Target name → inputs: the IG example patients (ids as the IG examples write them). */
const TARGETS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The IG's main example patient: germline, somatic, CNV, ISCN and PGx variants, haplotypes without
  // derivedFrom, genotypes, a phase relationship, all three implications, biomarkers, three reports (one with
  // grouper Observations) and a PGx study whose analysis gives its regions as genes.
  'cg-patient': {
    variantPatientId: 'CGPatientExample01',
    pgxPatientId: 'CGPatientExample01',
    phasePatientId: 'CGPatientExample01',
    txPatientId: 'CGPatientExample01',
    dxPatientId: 'CGPatientExample01',
    consequencePatientId: 'CGPatientExample01',
    biomarkerPatientId: 'CGPatientExample01',
    studyPatientId: 'CGPatientExample01',
    dataFilePatientId: 'denovoChild',
  },
  // Somatic variants defined by ClinVar identifiers (MSH2-del-var, ROS1-Fusion-var), HLA haplotypes derived from
  // MolecularSequences, the phased variants of the Bundle example, a study without reports, a father's BAM file.
  'somatic-and-others': {
    variantPatientId: 'somaticPatient',
    pgxPatientId: 'CG-IG-HLA-FullBundle-01-1',
    phasePatientId: 'patient',
    txPatientId: 'somaticPatient',
    dxPatientId: 'somaticPatient',
    consequencePatientId: 'HG00403',
    biomarkerPatientId: 'somaticPatient',
    studyPatientId: 'genomicPatient',
    dataFilePatientId: 'denovoFather',
  },
  // Complex variants defined by hasMember, repeat expansions, PGx implications, reports without a study.
  'example-patient': {
    variantPatientId: 'ExamplePatient',
    pgxPatientId: 'ExamplePatient',
    txPatientId: 'ExamplePatient',
    dxPatientId: 'ExamplePatient',
    biomarkerPatientId: 'Inline-Instance-for-oncologyexamples-r4-withGrouping-1',
    studyPatientId: 'ExamplePatient',
    dataFilePatientId: 'denovoMother',
  },
};

/** Contradictions inside the IG examples (target cg-patient): each must be a SHOULD warning naming the resource. */
const INCONSISTENCIES = [
  {
    what: 'MSH2-del-molc of CGPatientExample01 derives from a somaticPatient Variant',
    scenario: 'genomics-reporting/molecular-consequence/all-derived-from-resolve',
    requirement: 'GR-SAME-PATIENT',
    names: 'Observation/MSH2-del-var',
  },
  {
    what: 'VariantExample2 gives positions without a coordinate system',
    scenario: 'genomics-reporting/variant/defining-components',
    requirement: 'GR-VARIANT-COORDINATE-SYSTEM',
    names: 'Observation/VariantExample2',
  },
];

const failedChecks = (s: ScenarioResult): CheckResult[] =>
  s.steps.flatMap((step) => step.checks.filter((c) => c.outcome === 'fail'));

describe('bundled profile and core suites on the IG examples', function () {
  this.timeout(120_000);
  const results = new Map<string, ScenarioResult[]>();
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fgc-ig-targets-'));
    for (const [name, inputs] of Object.entries(TARGETS)) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, stringify({ name, embedded: 'reference', inputs }));
      results.set(name, await runReferenceScenarios({ suitePaths: SUITES, targetSpec: file }));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of Object.keys(TARGETS)) {
    it(`${name}: no scenario fails or ends in error, and most of them judge data`, () => {
      const scenarios = results.get(name)!;
      const bad = scenarios
        .filter((s) => s.status === 'failed' || s.status === 'error')
        .map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`);
      expect(bad).to.deep.equal([]);
      const judged = scenarios.filter((s) => s.status === 'passed' || s.status === 'warned');
      expect(judged.length, 'scenarios that judged IG data').to.be.greaterThan(40);
      for (const s of scenarios.filter((x) => x.status === 'warned'))
        for (const check of failedChecks(s))
          expect(check.severity, `${s.fullId} ${check.id}`).to.equal('SHOULD');
    });
  }

  for (const x of INCONSISTENCIES)
    it(`warns (SHOULD, ${x.requirement}) that ${x.what}`, () => {
      const scenario = results.get('cg-patient')!.find((s) => s.fullId === x.scenario)!;
      expect(scenario.status).to.equal('warned');
      const checks = failedChecks(scenario);
      expect(checks.map((c) => [c.severity, c.requirements])).to.deep.equal([['SHOULD', [x.requirement]]]);
      expect(checks[0]!.message).to.include(x.names);
    });
});
