// Reference data: the LOINC codes of a Genomics Reporting Variant that both the harness's genomics functions
// and the reference server read: the components that locate a variant, and their answer codes.
import type { GenomeBuild } from './accessions.js';

export const LOINC = 'http://loinc.org';

/** Components of a Variant Observation. */
export const VARIANT_COMPONENTS = {
  genomicRefSeq: '48013-7',
  assembly: '62374-4',
  coordinateSystem: '92822-6',
  exactStartEnd: '81254-5',
  outerStartEnd: '81301-4',
  innerStartEnd: '81302-2',
  genomicSourceClass: '48002-0',
} as const;

/** Answers of the assembly component (62374-4). */
export const GENOME_BUILD_CODES: Readonly<Record<GenomeBuild, string>> = {
  GRCh37: 'LA14029-5',
  GRCh38: 'LA26806-2',
};

/** Answers of the coordinate system component (92822-6). */
export const COORDINATE_SYSTEMS = {
  zeroBasedInterval: 'LA30100-4',
  zeroBasedCharacter: 'LA30101-2',
  oneBasedCharacter: 'LA30102-0',
} as const;

/** Answers of the genomic source class component (48002-0). */
export const SOURCE_CLASS_CODES = { germline: 'LA6683-2', somatic: 'LA6684-0' } as const;
