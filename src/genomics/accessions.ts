// Reference data: the versioned RefSeq accessions of the human chromosomes in each genome build. This folder
// holds tables only, so a fix reaches the harness and the reference server at once. The code that reads them
// is written twice on purpose: the harness's genomics functions (src/fhirpath/genomics.ts) check servers,
// the reference server's matching (src/server/coordinates.ts, src/server/genomics/) answers them, and each
// is the other's oracle: a bug in one shows up as a failing bundled suite instead of being copied into both.

export type GenomeBuild = 'GRCh37' | 'GRCh38';

// The accession version of chromosomes 1..22, X (23) and Y (24), per build.
const CHROMOSOME_VERSIONS: Readonly<Record<GenomeBuild, readonly number[]>> = {
  GRCh37: [10, 11, 11, 11, 9, 11, 13, 10, 11, 10, 9, 11, 10, 8, 9, 9, 10, 9, 9, 10, 8, 10, 10, 9],
  GRCh38: [11, 12, 12, 12, 10, 12, 14, 11, 12, 11, 10, 12, 11, 9, 10, 10, 11, 10, 10, 11, 9, 11, 11, 10],
};

/** The accessions of chromosomes 1..22, X, Y in each build, in that order: GRCh38[6] is `NC_000007.14`. */
export const CHROMOSOME_ACCESSIONS: Readonly<Record<GenomeBuild, readonly string[]>> = {
  GRCh37: CHROMOSOME_VERSIONS.GRCh37.map((v, i) => `NC_${String(i + 1).padStart(6, '0')}.${v}`),
  GRCh38: CHROMOSOME_VERSIONS.GRCh38.map((v, i) => `NC_${String(i + 1).padStart(6, '0')}.${v}`),
};

/** The mitochondrial genome (chrM), the same accession in both builds. */
export const MITOCHONDRIAL_ACCESSION = 'NC_012920.1';
