// Genomic coordinates: RefSeq chromosome accessions per build, 0-based half-open ranges, and the
// overlap / subsume tests the operations use. Every interval here is 0-based, start inclusive, end exclusive.
import { invalidParameter } from './outcome.js';

export type Build = 'GRCh37' | 'GRCh38';

export const BUILD_CODES: Readonly<Record<Build, string>> = { GRCh37: 'LA14029-5', GRCh38: 'LA26806-2' };

// Versioned RefSeq accessions of chromosomes 1-22, X (23), Y (24) in each build; NC_012920.1 (chrM) is shared.
const GRCH37_VERSIONS = [
  10, 11, 11, 11, 9, 11, 13, 10, 11, 10, 9, 11, 10, 8, 9, 9, 10, 9, 9, 10, 8, 10, 10, 9,
];
const GRCH38_VERSIONS = [
  11, 12, 12, 12, 10, 12, 14, 11, 12, 11, 10, 12, 11, 9, 10, 10, 11, 10, 10, 11, 9, 11, 11, 10,
];

const ACCESSION_BUILDS = new Map<string, Build | 'both'>();
GRCH37_VERSIONS.forEach((v, i) =>
  ACCESSION_BUILDS.set(`NC_${String(i + 1).padStart(6, '0')}.${v}`, 'GRCh37'),
);
GRCH38_VERSIONS.forEach((v, i) =>
  ACCESSION_BUILDS.set(`NC_${String(i + 1).padStart(6, '0')}.${v}`, 'GRCh38'),
);
ACCESSION_BUILDS.set('NC_012920.1', 'both');

/** The build a chromosome accession belongs to (undefined for other accessions and for chrM). */
export function buildOfAccession(accession: string): Build | undefined {
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

export interface GenomicRange extends Interval {
  readonly accession: string;
  /** The range as the client wrote it (echoed as `rangeItem`). */
  readonly text: string;
}

const RANGE = /^([A-Z]{2}_\d+)(?:\.(\d+))?:(\d+)-(\d+)$/i;

/**
 * Parses `NC_000007.14:140753335-140753336` (0-based, half-open). `knownAccession` decides which
 * accessions exist; an unversioned, unknown or malformed accession or start > end is a 400.
 */
export function parseRange(text: string, knownAccession: (acc: string) => boolean): GenomicRange {
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

export function formatRange(accession: string, interval: Interval): string {
  return `${accession}:${interval.start}-${interval.end}`;
}
