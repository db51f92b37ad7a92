// GET [base]/metadata: the CapabilityStatement. Lists the stored resource types with their search
// parameters and the IG STU3 profiles they support, and the 17 operations with their IG canonicals.
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from '@medplum/fhirtypes';
import { IG_CANONICAL } from './genomics/codes.js';
import { searchParametersOf } from './medplum.js';
import { OPERATIONS, operationCanonical } from './operations/registry.js';

const profile = (id: string): string => `${IG_CANONICAL}/StructureDefinition/${id}`;

export const SUPPORTED_PROFILES: Readonly<Record<string, readonly string[]>> = {
  Observation: [
    'variant',
    'haplotype',
    'genotype',
    'sequence-phase-relationship',
    'therapeutic-implication',
    'diagnostic-implication',
    'molecular-consequence',
    'molecular-biomarker',
  ].map(profile),
  DiagnosticReport: [profile('genomic-report')],
  Procedure: [profile('genomic-study'), profile('genomic-study-analysis')],
  DocumentReference: [profile('genomic-data-file')],
  Task: [profile('medication-recommendation'), profile('followup-recommendation')],
};

/** Resource types always listed, whether or not any data of that type is loaded. */
const ALWAYS_LISTED = [
  'Patient',
  'Observation',
  'DiagnosticReport',
  'Specimen',
  'Procedure',
  'DocumentReference',
  'Task',
];

export interface CapabilityOptions {
  readonly baseUrl: string;
  readonly resourceTypes: readonly string[];
  readonly allowWrites: boolean;
  readonly localOperationDefinitions?: boolean;
  readonly version: string;
}

function searchParams(resourceType: string): CapabilityStatementRestResourceSearchParam[] {
  return Object.values(searchParametersOf(resourceType))
    .filter((p) => p.code && p.type && p.type !== 'special')
    .map((p) => ({ name: p.code!, type: p.type!, ...(p.url ? { definition: p.url } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function capabilityStatement(options: CapabilityOptions): CapabilityStatement {
  const types = [...new Set([...ALWAYS_LISTED, ...options.resourceTypes])].sort();
  const interactions = options.allowWrites
    ? (['read', 'search-type', 'create', 'update', 'delete'] as const)
    : (['read', 'search-type'] as const);
  const resource: CapabilityStatementRestResource[] = types.map((type) => ({
    type: type as CapabilityStatementRestResource['type'],
    ...(SUPPORTED_PROFILES[type] ? { supportedProfile: [...SUPPORTED_PROFILES[type]] } : {}),
    interaction: interactions.map((code) => ({ code })),
    searchInclude: ['*'],
    searchRevInclude: ['*'],
    searchParam: searchParams(type),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    name: 'FgcReferenceServer',
    title: 'fgc reference genomics FHIR server',
    software: { name: 'fgc reference server', version: options.version },
    implementation: {
      description: 'Embedded reference server of the fgc conformance harness',
      url: options.baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    implementationGuide: [`${IG_CANONICAL}/ImplementationGuide/hl7.fhir.uv.genomics-reporting`],
    rest: [
      {
        mode: 'server',
        documentation:
          'The 17 FHIR Genomics Operations are served at [base]/$<name>, by GET and by POST (Parameters).',
        resource,
        operation: OPERATIONS.map((op) => ({
          name: op.name,
          definition: options.localOperationDefinitions
            ? `${options.baseUrl}/OperationDefinition/${op.name}`
            : operationCanonical(op.name),
        })),
      },
    ],
  };
}
