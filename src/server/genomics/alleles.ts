// Variant notations the operations accept (SPDI and genomic HGVS) turned into one comparable form:
// an accession plus a 0-based half-open interval and the reference / alternate bases, trimmed of the
// bases they share (so a VCF-padded `T>TATA` and the SPDI `…:p::ATA` compare equal). No repeat shifting.
import { invalidParameter } from '../outcome.js';

export interface Allele {
  readonly accession: string;
  readonly start: number;
  readonly end: number;
  /** Reference bases, when known. */
  readonly ref?: string;
  /** Alternate bases, when known. */
  readonly alt?: string;
  /** Length of the alternate bases when only the length is known (HGVS dup without sequence). */
  readonly altLength?: number;
}

/**
 * Removes the bases REF and ALT share at the start, then at the end. A wild-type call (REF = ALT, as in
 * the IG's Pgx-var-10xx examples) is left as it is: it states something about its own bases, so trimming
 * it to an empty interval one base later would move it out of every range that covers it.
 */
export function trimAllele(a: Allele): Allele {
  if (a.ref === undefined || a.alt === undefined || a.ref === a.alt) return a;
  let { ref, alt, start } = a;
  while (ref.length > 0 && alt.length > 0 && ref[0] === alt[0]) {
    ref = ref.slice(1);
    alt = alt.slice(1);
    start++;
  }
  while (ref.length > 0 && alt.length > 0 && ref.at(-1) === alt.at(-1)) {
    ref = ref.slice(0, -1);
    alt = alt.slice(0, -1);
  }
  return { accession: a.accession, start, end: start + ref.length, ref, alt };
}

export function sameAllele(a: Allele, b: Allele): boolean {
  if (a.accession !== b.accession || a.start !== b.start || a.end !== b.end) return false;
  if (a.ref !== undefined && b.ref !== undefined && a.ref !== b.ref) return false;
  if (a.alt !== undefined && b.alt !== undefined) return a.alt === b.alt;
  const lengthA = a.alt?.length ?? a.altLength;
  const lengthB = b.alt?.length ?? b.altLength;
  return lengthA === undefined || lengthB === undefined || lengthA === lengthB;
}

const SPDI = /^([A-Z]{2}_\d+\.\d+):(\d+):([ACGTN]*|\d+):([ACGTN]*)$/i;
const HGVS = /^([A-Z]{2}_\d+(?:\.\d+)?)(?:\([^)]*\))?:([cgnmrp])\.(.+)$/i;

/** Parses a genomic HGVS expression's position part (`g.` only); undefined when the form is not handled. */
export function parseGenomicHgvs(text: string): Allele | 'reference' | undefined {
  const match = HGVS.exec(text.trim());
  if (!match || match[2]!.toLowerCase() !== 'g') return undefined;
  const accession = match[1]!.toUpperCase();
  return parseHgvsPosition(accession, match[3]!);
}

function parseHgvsPosition(accession: string, body: string): Allele | 'reference' | undefined {
  let m = /^(\d+)([ACGTN])>([ACGTN])$/i.exec(body);
  if (m) {
    const pos = Number(m[1]);
    return { accession, start: pos - 1, end: pos, ref: m[2]!.toUpperCase(), alt: m[3]!.toUpperCase() };
  }
  if (/^\d+(_\d+)?=$/.test(body)) return 'reference';
  m = /^(\d+)(?:_(\d+))?delins([ACGTN]+)$/i.exec(body);
  if (m) {
    const a = Number(m[1]);
    return trimAllele({ accession, start: a - 1, end: Number(m[2] ?? a), alt: m[3]!.toUpperCase() });
  }
  m = /^(\d+)(?:_(\d+))?del([ACGTN]*)$/i.exec(body);
  if (m) {
    const a = Number(m[1]);
    const ref = m[3] ? m[3].toUpperCase() : undefined;
    return { accession, start: a - 1, end: Number(m[2] ?? a), ...(ref ? { ref } : {}), alt: '' };
  }
  m = /^(\d+)_(\d+)ins([ACGTN]+)$/i.exec(body);
  if (m) return { accession, start: Number(m[1]), end: Number(m[1]), ref: '', alt: m[3]!.toUpperCase() };
  m = /^(\d+)(?:_(\d+))?dup([ACGTN]*)$/i.exec(body);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2] ?? a);
    const seq = m[3] ? m[3].toUpperCase() : undefined;
    return { accession, start: b, end: b, ref: '', ...(seq ? { alt: seq } : { altLength: b - a + 1 }) };
  }
  return undefined;
}

export interface VariantQuery {
  /** The input exactly as given (echoed as `variantItem`). */
  readonly text: string;
  readonly notation: 'spdi' | 'hgvs';
  /** The comparable form, when the notation could be resolved to a genomic position. */
  readonly allele?: Allele;
  /** HGVS `=` (reference / wild type): never matches a variant. */
  readonly wildType: boolean;
}

/** Parses a `variants` item: SPDI or HGVS, else a 400. */
export function parseVariantQuery(text: string): VariantQuery {
  const trimmed = text.trim();
  const spdi = SPDI.exec(trimmed);
  if (spdi) {
    const [, acc, pos, del, ins] = spdi;
    const start = Number(pos);
    const deleted = /^\d+$/.test(del!)
      ? { end: start + Number(del) }
      : { end: start + del!.length, ref: del!.toUpperCase() };
    const allele = trimAllele({ accession: acc!.toUpperCase(), start, ...deleted, alt: ins!.toUpperCase() });
    return { text, notation: 'spdi', allele, wildType: false };
  }
  const hgvs = HGVS.exec(trimmed);
  if (!hgvs)
    throw invalidParameter(
      `Invalid variant "${text}": expected HGVS (e.g. NM_000038.6:c.55G>T, NC_000019.10:g.11089560G>A) or SPDI (e.g. NC_000019.10:11089559:G:A)`,
    );
  const isGenomic = hgvs[2]!.toLowerCase() === 'g';
  const parsed = isGenomic ? parseHgvsPosition(hgvs[1]!.toUpperCase(), hgvs[3]!) : undefined;
  const wildType = parsed === 'reference' || /=$/.test(hgvs[3]!);
  const allele = parsed && parsed !== 'reference' ? parsed : undefined;
  return { text, notation: 'hgvs', wildType, ...(allele ? { allele } : {}) };
}
