// Genomic coordinates: RefSeq chromosome accessions per build, 0-based half-open ranges, and the
// overlap / subsume tests the operations use. Every interval here is 0-based, start inclusive, end exclusive.
// The harness reads the same tables (src/genomics/) with its own code (src/fhirpath/genomics.ts), on purpose:
// this server is the oracle for the harness's checks and they are its, so neither copies the other's logic.
import { CHROMOSOME_ACCESSIONS, MITOCHONDRIAL_ACCESSION, type GenomeBuild } from '../genomics/accessions.js';
import { invalidParameter } from './outcome.js';

const ACCESSION_BUILDS = new Map<string, GenomeBuild | 'both'>();
for (const build of ['GRCh37', 'GRCh38'] as const)
  for (const accession of CHROMOSOME_ACCESSIONS[build]) ACCESSION_BUILDS.set(accession, build);
ACCESSION_BUILDS.set(MITOCHONDRIAL_ACCESSION, 'both');

/** The build a chromosome accession belongs to (undefined for other accessions and for chrM). */
export function chromosomeBuild(accession: string): GenomeBuild | undefined {
  const build = ACCESSION_BUILDS.get(accession);
  return build === 'both' ? undefined : build;
}

export function isKnownChromosomeAccession(accession: string): boolean {
  return ACCESSION_BUILDS.has(accession);
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface RangeParameter extends Interval {
  readonly accession: string;
  /** The range as the client wrote it (echoed as `rangeItem`). */
  readonly text: string;
}

const RANGE = /^([A-Z]{2}_\d+)(?:\.(\d+))?:(\d+)-(\d+)$/i;

/**
 * Parses `NC_000007.14:140753335-140753336` (0-based, half-open). `knownAccession` decides which
 * accessions exist; an unversioned, unknown or malformed accession or start > end is a 400.
 */
export function parseRangeParameter(text: string, knownAccession: (acc: string) => boolean): RangeParameter {
  const trimmed = text.trim();
  const match = RANGE.exec(trimmed);
  if (!match)
    throw invalidParameter(
      `Invalid range "${text}": expected <versioned RefSeq accession>:<start>-<end>, e.g. NC_000007.14:55174721-55174820`,
    );
  const [, base, version, startText, endText] = match;
  if (!version)
    throw invalidParameter(`Invalid range "${text}": the RefSeq accession ${base} has no version`);
  const accession = `${base!.toUpperCase()}.${version}`;
  const start = Number(startText);
  const end = Number(endText);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end))
    throw invalidParameter(`Invalid range "${text}": positions are too large`);
  if (start > end)
    throw invalidParameter(`Invalid range "${text}": start ${start} is greater than end ${end}`);
  if (!knownAccession(accession))
    throw invalidParameter(
      `Invalid range "${text}": unknown reference sequence ${accession} (expected a GRCh37 or GRCh38 chromosome accession such as NC_000007.14)`,
    );
  return { accession, start, end, text: trimmed };
}

/**
 * A simple variant occupying [start, end) overlaps the range [L, H) when they share a base. An
 * insertion (start = end) sits between two bases: it is in the range when L <= start < H, so an
 * insertion before L is never in the range, whatever its length.
 */
export function overlaps(variant: Interval, range: Interval, closedRange = false): boolean {
  const high = closedRange ? range.end + 1 : range.end;
  if (variant.start === variant.end) return range.start <= variant.start && variant.start < high;
  return variant.start < high && variant.end > range.start;
}

/** The variant covers the whole range. */
export function subsumes(variant: Interval, range: Interval, closedRange = false): boolean {
  const high = closedRange ? range.end + 1 : range.end;
  return variant.start <= range.start && variant.end >= high;
}

export function formatRangeParameter(accession: string, interval: Interval): string {
  return `${accession}:${interval.start}-${interval.end}`;
}
