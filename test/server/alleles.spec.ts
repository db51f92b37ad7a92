// SPDI and HGVS parsing and the trimmed comparison form used by $find-subject-specific-variants.
import { expect } from 'chai';
import {
  parseGenomicHgvs,
  parseVariantQuery,
  sameAllele,
  trimAllele,
} from '../../src/server/genomics/alleles.js';
import { toZeroBased } from '../../src/server/genomics/location.js';

describe('server alleles', () => {
  it('reads an SPDI and a genomic HGVS SNV as the same allele', () => {
    const spdi = parseVariantQuery('NC_000019.10:11089559:G:A').allele!;
    const hgvs = parseVariantQuery('NC_000019.10:g.11089560G>A').allele!;
    expect(sameAllele(spdi, hgvs)).to.equal(true);
    expect(spdi).to.include({ start: 11089559, end: 11089560, ref: 'G', alt: 'A' });
  });

  it('trims VCF padding so an anchored insertion equals its SPDI', () => {
    const vcf = trimAllele({
      accession: 'NC_000010.10',
      start: 96466883,
      end: 96466884,
      ref: 'T',
      alt: 'TATA',
    });
    expect(vcf).to.include({ start: 96466884, end: 96466884, ref: '', alt: 'ATA' });
    expect(sameAllele(vcf, parseVariantQuery('NC_000010.10:96466884::ATA').allele!)).to.equal(true);
  });

  it('parses HGVS deletions, insertions, delins and dup', () => {
    expect(parseGenomicHgvs('NC_000002.12:g.211713666_211713668del')).to.include({
      start: 211713665,
      end: 211713668,
      alt: '',
    });
    expect(parseGenomicHgvs('NC_000003.11:g.142269071_142269072insTTACT')).to.include({
      start: 142269071,
      end: 142269071,
      alt: 'TTACT',
    });
    expect(parseGenomicHgvs('NC_000016.9:g.2124200_2138612dup')).to.include({
      start: 2138612,
      altLength: 14413,
    });
    expect(parseGenomicHgvs('NC_000007.14:g.100_101delinsAG')).to.include({ start: 99, end: 101, alt: 'AG' });
    expect(parseGenomicHgvs('NC_000007.14:g.100=')).to.equal('reference');
  });

  it('keeps c. HGVS as text, marks wild type, and rejects what is neither HGVS nor SPDI', () => {
    expect(parseVariantQuery('NM_000038.6:c.55G>T')).to.include({ notation: 'hgvs', wildType: false });
    expect(parseVariantQuery('NM_001354609.2:c.1802=').wildType).to.equal(true);
    expect(() => parseVariantQuery('BRAF V600E')).to.throw(/expected HGVS .* or SPDI/);
  });

  it('converts stored ranges from each coordinate system to 0-based half-open', () => {
    expect(toZeroBased({ low: { value: 101 } }, 'LA30102-0', 1)).to.deep.equal({ start: 100, end: 101 });
    expect(toZeroBased({ low: { value: 101 }, high: { value: 103 } }, 'LA30102-0', 3)).to.deep.equal({
      start: 100,
      end: 103,
    });
    expect(toZeroBased({ low: { value: 100 } }, 'LA30100-4', 3)).to.deep.equal({ start: 100, end: 103 });
    expect(toZeroBased({ low: { value: 100 }, high: { value: 102 } }, 'LA30101-2', 3)).to.deep.equal({
      start: 100,
      end: 103,
    });
    expect(toZeroBased({ low: { value: 101 } }, undefined, 1)).to.deep.equal({ start: 100, end: 101 });
  });
});
