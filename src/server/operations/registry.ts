// The 17 FHIR Genomics Operations (IG STU3): name, accepted parameters, whether they take a subject,
// and the handler. Served at [base]/$<name> by GET (query) and POST (Parameters).
import type { Parameters } from '@medplum/fhirtypes';
import { IG_CANONICAL } from '../genomics/codes.js';
import type { OperationContext } from './context.js';
import { findSubjectHaplotypes, findSubjectSpecificHaplotypes } from './haplotypes.js';
import {
  findSubjectDxImplications,
  findSubjectMolecularConsequences,
  findSubjectTxImplications,
} from './implications.js';
import * as population from './population.js';
import { findStudyMetadata } from './study-metadata.js';
import * as variants from './subject-variants.js';

export interface ServedOperation {
  readonly name: string;
  readonly subject: boolean;
  readonly parameters: readonly string[];
  readonly run: (ctx: OperationContext) => Parameters;
}

const TEST_FILTERS = ['testIdentifiers', 'testDateRange', 'specimenIdentifiers', 'genomicSourceClass'];
const subjectOp = (name: string, params: string[], run: ServedOperation['run']): ServedOperation => ({
  name,
  subject: true,
  parameters: ['subject', ...params, ...TEST_FILTERS],
  run,
});
const populationOp = (name: string, params: string[], run: ServedOperation['run']): ServedOperation => ({
  name,
  subject: false,
  parameters: [...params, 'genomicSourceClass', 'includePatientList'],
  run,
});

export const OPERATIONS: readonly ServedOperation[] = [
  subjectOp(
    'find-subject-variants',
    ['ranges', 'includeVariants', 'includePhasing'],
    variants.findSubjectVariants,
  ),
  subjectOp('find-subject-specific-variants', ['variants'], variants.findSubjectSpecificVariants),
  subjectOp(
    'find-subject-structural-intersecting-variants',
    ['ranges', 'includeVariants'],
    variants.findSubjectStructuralIntersectingVariants,
  ),
  subjectOp(
    'find-subject-structural-subsuming-variants',
    ['ranges', 'includeVariants'],
    variants.findSubjectStructuralSubsumingVariants,
  ),
  subjectOp('find-subject-haplotypes', ['genes'], findSubjectHaplotypes),
  subjectOp('find-subject-specific-haplotypes', ['haplotypes'], findSubjectSpecificHaplotypes),
  subjectOp(
    'find-subject-tx-implications',
    ['variants', 'ranges', 'haplotypes', 'treatments', 'conditions'],
    findSubjectTxImplications,
  ),
  subjectOp('find-subject-dx-implications', ['variants', 'ranges', 'conditions'], findSubjectDxImplications),
  subjectOp(
    'find-subject-molecular-consequences',
    ['variants', 'ranges', 'featureConsequences'],
    findSubjectMolecularConsequences,
  ),
  {
    name: 'find-study-metadata',
    subject: true,
    parameters: ['subject', 'testIdentifiers', 'testDateRange', 'specimenIdentifiers', 'ranges'],
    run: findStudyMetadata,
  },
  populationOp('find-population-specific-variants', ['variants'], population.findPopulationSpecificVariants),
  populationOp(
    'find-population-structural-intersecting-variants',
    ['ranges'],
    population.findPopulationStructuralIntersectingVariants,
  ),
  populationOp(
    'find-population-structural-subsuming-variants',
    ['ranges'],
    population.findPopulationStructuralSubsumingVariants,
  ),
  populationOp(
    'find-population-specific-haplotypes',
    ['haplotypes'],
    population.findPopulationSpecificHaplotypes,
  ),
  populationOp(
    'find-population-tx-implications',
    ['variants', 'haplotypes', 'treatments', 'conditions'],
    population.findPopulationTxImplications,
  ),
  populationOp(
    'find-population-dx-implications',
    ['variants', 'haplotypes', 'conditions'],
    population.findPopulationDxImplications,
  ),
  populationOp(
    'find-population-molecular-consequences',
    ['variants', 'featureConsequences'],
    population.findPopulationMolecularConsequences,
  ),
];

export function operationCanonical(name: string): string {
  return `${IG_CANONICAL}/OperationDefinition/${name}`;
}

export function findOperation(name: string): ServedOperation | undefined {
  return OPERATIONS.find((op) => op.name === name);
}
