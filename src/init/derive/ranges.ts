// Building operation ranges (0-based, half-open, on a versioned RefSeq accession) from variant positions,
// and finding regions where a set of variants has nothing at all, on both builds.
import type { Interval } from '../../server/coordinates.js';
import { chromosomeAccession } from '../../fhirpath/genomics.js';
import type { GenomeBuild } from '../../genomics/accessions.js';
import { footprint, type VariantFact } from '../variants.js';

/** Bases added on each side of a variant, so the range holds it under any reading of its position. */
export const MARGIN = 50;

/** An operation range as text, `NC_000007.14:100-200`, its start clamped at 0. */
export function rangeText(accession: string, start: number, end: number): string {
  return `${accession}:${Math.max(0, start)}-${end}`;
}

/** A range around an interval (an insertion, start = end, still gets a base), `margin` bases on each side. */
export function around(accession: string, interval: Interval, margin = MARGIN): string {
  return rangeText(accession, interval.start - margin, Math.max(interval.end, interval.start + 1) + margin);
}

/** Where a simple variant sits: its bases without VCF padding, else as stated. */
export function placeOf(fact: VariantFact): Interval | undefined {
  return fact.location?.span ?? fact.location?.exact;
}

/** The chromosome number of `NC_0000nn.v` (X = 23, Y = 24), for any build. */
export function chromosomeOf(accession: string | undefined): number | undefined {
  const match = /^NC_0000(\d\d)\.\d+$/i.exec(accession ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A window every human chromosome has, on both builds. */
const EMPTY_WINDOW = { start: 1_000_000, end: 1_100_000 };

/**
 * A region on a chromosome none of `variants` is on (in either build), so it is empty whatever liftover a
 * server does. Undefined when they cover every autosome.
 */
export function emptyRegion(variants: readonly VariantFact[]): { chromosome: number } | undefined {
  const used = new Set(variants.map((v) => chromosomeOf(v.accession ?? v.location?.accession)));
  for (let chromosome = 1; chromosome <= 22; chromosome++) if (!used.has(chromosome)) return { chromosome };
  return undefined;
}

export function emptyRange(region: { chromosome: number }, build: GenomeBuild): string {
  return rangeText(chromosomeAccession(region.chromosome, build), EMPTY_WINDOW.start, EMPTY_WINDOW.end);
}

/** Whether any of `variants` (read as widely as any server might) touches [start, end) on `accession`. */
export function anyWithin(
  variants: readonly VariantFact[],
  accession: string,
  start: number,
  end: number,
): boolean {
  return variants.some((v) => {
    const box = footprint(v);
    return (
      v.location?.accession === accession && box !== undefined && box.start - 1 < end && box.end + 1 > start
    );
  });
}
