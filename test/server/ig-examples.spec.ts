// Operation output against the IG: every published example output (Parameters-*Output.json) passes the
// OperationDefinition check, and the server's answer to a comparable query on the IG examples has the same shape.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { op } from './client.js';
import { outputProblems, packageDir, readPackageJson } from './operation-definitions.js';

/** Paths such as `variants.presence:valueBoolean` or `implication:Observation`. */
function shape(params: Parameters): Set<string> {
  const out = new Set<string>();
  const walk = (list: ParametersParameter[] | undefined, prefix: string): void => {
    for (const p of list ?? []) {
      const path = prefix + p.name;
      if (p.part) walk(p.part, `${path}.`);
      else if (p.resource) out.add(`${path}:${p.resource.resourceType}`);
      else out.add(`${path}:${Object.keys(p).find((k) => k.startsWith('value'))}`);
    }
  };
  walk(params.parameter, '');
  return out;
}

interface Case {
  example: string;
  operation: string;
  query: Record<string, string | string[]>;
  /** Paths allowed to differ: optional parts the example happens to leave out (or our data lacks). */
  optional?: string[];
}

const CASES: Case[] = [
  {
    example: 'FindSubjectVariantsOutput',
    operation: 'find-subject-variants',
    query: {
      subject: 'HG00403',
      ranges: 'NC_000017.11:39688093-39728660,NC_000007.14:140713327-140924929',
      includeVariants: 'true',
    },
  },
  {
    example: 'FindSubjectSpecificVariantsOutput',
    operation: 'find-subject-specific-variants',
    query: { subject: 'CGPatientExample01', variants: 'NC_000010.10:96527333:C:A,NM_000038.6:c.55G>T' },
  },
  {
    example: 'FindSubjectStructuralIntersectingVariantsOutput',
    operation: 'find-subject-structural-intersecting-variants',
    query: {
      subject: 'CGPatientExample01',
      ranges: 'NC_000022.10:42523000-42524000',
      includeVariants: 'true',
    },
  },
  {
    example: 'FindSubjectStructuralSubsumingVariantsOutput',
    operation: 'find-subject-structural-subsuming-variants',
    query: {
      subject: 'CGPatientExample01',
      ranges: 'NC_000022.10:42524000-42525000',
      includeVariants: 'true',
    },
  },
  {
    example: 'FindSubjectHaplotypesOutput',
    operation: 'find-subject-haplotypes',
    query: { subject: 'CGPatientExample01', genes: 'http://www.genenames.org|HGNC:2621' },
  },
  {
    example: 'FindSubjectSpecificHaplotypesOutput',
    operation: 'find-subject-specific-haplotypes',
    query: { subject: 'CGPatientExample01', haplotypes: 'CYP2C19*2/*2' },
  },
  {
    example: 'FindSubjectTxImplicationsOutput',
    operation: 'find-subject-tx-implications',
    query: { subject: 'somaticPatient', treatments: 'Gefitinib' },
  },
  {
    example: 'FindSubjectDxImplicationsOutput',
    operation: 'find-subject-dx-implications',
    query: { subject: 'CGPatientExample01', conditions: 'http://snomed.info/sct|398036000' },
  },
  {
    example: 'FindSubjectMolecConseqOutput',
    operation: 'find-subject-molecular-consequences',
    query: { subject: 'HG00403', featureConsequences: 'http://www.sequenceontology.org|SO:0001575' },
  },
  {
    example: 'FindStudyMetadataOutput',
    operation: 'find-study-metadata',
    query: {
      subject: 'CGPatientExample01',
      testIdentifiers: 'PGxGenomicReportEMERGE',
      ranges: 'NC_000010.10:96000000-97000000',
    },
    optional: ['tests.specimenId:valueString'],
  },
  {
    example: 'FindANYPopulationSpecificVariantsOutput',
    operation: 'find-population-specific-variants',
    query: { variants: 'NC_000010.10:96527333:C:A,NC_000010.10:g.96540410G>A' },
    optional: ['variants.denominator:valueQuantity'],
  },
  {
    example: 'FindALLPopulationSpecificVariantsOutput',
    operation: 'find-population-specific-variants',
    query: { variants: ['NC_000010.10:96527333:C:A', 'NC_000010.10:g.96540410G>A'] },
    optional: ['variants.denominator:valueQuantity'],
  },
  {
    example: 'FindPopulationSpecificHaplotypesOutput',
    operation: 'find-population-specific-haplotypes',
    query: { haplotypes: ['HLA-A*24', 'HLA-B*35'] },
  },
  {
    example: 'FindPopulationStructuralIntersectingVariantsOutput',
    operation: 'find-population-structural-intersecting-variants',
    query: { ranges: 'NC_000022.10:42523000-42524000', includePatientList: 'true' },
    optional: ['variants.denominator:valueQuantity'],
  },
  {
    example: 'FindPopulationStructuralSubsumingVariantsOutput',
    operation: 'find-population-structural-subsuming-variants',
    query: { ranges: 'NC_000022.10:42524000-42525000', includePatientList: 'true' },
    optional: ['variants.denominator:valueQuantity'],
  },
  {
    example: 'FindPopulationTxImplicationsOutput',
    operation: 'find-population-tx-implications',
    query: { treatments: 'warfarin', includePatientList: 'true' },
    optional: ['implications.denominator:valueQuantity'],
  },
  {
    example: 'FindPopulationDxImplicationsOutput',
    operation: 'find-population-dx-implications',
    query: { conditions: 'http://snomed.info/sct|699346009', includePatientList: 'true' },
    optional: ['implications.denominator:valueQuantity'],
  },
  {
    example: 'FindPopulationMolecConseqOutput',
    operation: 'find-population-molecular-consequences',
    query: { featureConsequences: 'SO:0001583', includePatientList: 'true' },
    optional: ['consequences.denominator:valueQuantity'],
  },
];

describe('reference server: operation output shapes against the IG', () => {
  let server: ReferenceServer;
  before(async () => (server = await startReferenceServer({ includeCohort: false })));
  after(() => server.close());

  it('covers every published example output', () => {
    const published = readdirSync(join(packageDir(), 'example'))
      .filter((f) => /^Parameters-.*Output\.json$/.test(f))
      .map((f) => f.slice('Parameters-'.length, -'.json'.length));
    expect(CASES.map((c) => c.example).sort()).to.deep.equal(published.sort());
  });

  for (const c of CASES) {
    it(`${c.example}: the example and the server's answer both follow OperationDefinition ${c.operation} and have the same shape`, async () => {
      const example = readPackageJson<Parameters>(`example/Parameters-${c.example}.json`);
      expect(outputProblems(c.operation, example), 'the published example').to.deep.equal([]);
      const res = await op(server, c.operation, c.query);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(outputProblems(c.operation, res.body), 'the server answer').to.deep.equal([]);
      const ours = shape(res.body);
      const theirs = shape(example);
      const optional = new Set(c.optional ?? []);
      const differences = [...new Set([...ours, ...theirs])].filter(
        (p) => ours.has(p) !== theirs.has(p) && !optional.has(p),
      );
      expect(differences).to.deep.equal([]);
    });
  }
});
