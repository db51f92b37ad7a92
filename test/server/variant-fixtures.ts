// The variant fixtures shared by the subject-operation and fault tests: two patients, simple variants in
// GRCh37 and GRCh38 stored 0- and 1-based (SNV, padded deletion, padded insertion), structural variants
// with outer / inner bounds, a phase relationship, specimens and two reports.
import * as fx from './fixtures.js';

export const B38 = 'NC_000007.14';
export const B37 = 'NC_000007.13';

export const variantFixtures = [
  fx.patient('p1'),
  fx.patient('p2'),
  // GRCh38: an SNV stored 1-based at 1001 = 0-based [1000, 1001)
  fx.variant({
    id: 'v38-snv',
    patient: 'p1',
    accession: B38,
    low: 1001,
    ref: 'A',
    alt: 'G',
    sourceClass: 'germline',
    hgvsC: 'NM_000001.1:c.10A>G',
    specimen: 's1',
  }),
  // a deletion stored 0-based, VCF-padded: ACG>A at [2000, 2003) is the deletion of CG at [2001, 2003)
  fx.variant({
    id: 'v38-del',
    patient: 'p1',
    accession: B38,
    low: 2000,
    high: 2003,
    ref: 'ACG',
    alt: 'A',
    system: 'LA30100-4',
    sourceClass: 'germline',
  }),
  // an insertion stored 1-based and padded: T>TAA at 3001 inserts AA at 0-based 3001
  fx.variant({
    id: 'v38-ins',
    patient: 'p1',
    accession: B38,
    low: 3001,
    ref: 'T',
    alt: 'TAA',
    sourceClass: 'germline',
  }),
  fx.variant({
    id: 'v38-som',
    patient: 'p1',
    accession: B38,
    low: 5001,
    ref: 'C',
    alt: 'T',
    sourceClass: 'somatic',
    specimen: 's2',
  }),
  // GRCh37: an SNV stored 0-based at [1000, 1001)
  fx.variant({
    id: 'v37-snv',
    patient: 'p1',
    accession: B37,
    low: 1000,
    ref: 'C',
    alt: 'T',
    system: 'LA30100-4',
    sourceClass: 'germline',
  }),
  fx.variant({
    id: 'p2-snv',
    patient: 'p2',
    accession: B38,
    low: 1001,
    ref: 'A',
    alt: 'G',
    sourceClass: 'germline',
  }),
  fx.structuralVariant({
    id: 'sv-outer-inner',
    patient: 'p1',
    accession: B38,
    outer: [10000, 20000],
    inner: [12000, 18000],
  }),
  fx.structuralVariant({
    id: 'sv-one-based',
    patient: 'p1',
    accession: B37,
    outer: [30001, 40000],
    system: 'LA30102-0',
  }),
  fx.phaseRelationship('spr-1', 'p1', 'v38-snv', 'v38-del'),
  fx.specimen('s1', 'spec-1'),
  fx.specimen('s2', 'spec-2'),
  fx.report('r1', 'p1', 'test-1', '2021-03-10', [
    'Observation/v38-snv',
    'Observation/v38-del',
    'Observation/v38-ins',
    'Observation/v37-snv',
  ]),
  fx.report('r2', 'p1', 'test-2', '2022-07-01', ['Observation/v38-som'], 's2'),
];
