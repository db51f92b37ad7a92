// Genomics-aware FHIRPath functions (ranges, Variant coordinates, HGVS/SPDI syntax) for suites.
// Plain functions first (tested directly), then the fhirpath.js invocation table that exposes them.
// The reference server reads the same tables (src/genomics/) with its own code, on purpose: each side is the
// other's oracle, so a misreading in one fails a bundled suite instead of hiding in both.
import type { UserInvocationTable } from 'fhirpath';
import { CHROMOSOME_ACCESSIONS, type GenomeBuild } from '../genomics/accessions.js';
import { COORDINATE_SYSTEMS, GENOME_BUILD_CODES, LOINC, VARIANT_COMPONENTS } from '../genomics/loinc.js';

/** A 0-based half-open genomic interval [start, end) on a versioned accession. */
export interface GenomicRange {
  accession: string;
  start: number;
  end: number;
  /** `GRCh37` / `GRCh38` when the accession is a known human chromosome accession. */
  build?: string;
}

const BUILDS = Object.keys(CHROMOSOME_ACCESSIONS) as GenomeBuild[];

/** The genome build a versioned human chromosome accession (NC_0000nn.v) belongs to, if known. */
export function buildOfAccession(accession: string): string | undefined {
  return BUILDS.find((build) => CHROMOSOME_ACCESSIONS[build].includes(accession));
}

/** The versioned RefSeq accession of a human chromosome (1-22, X = 23, Y = 24) in a build: 7, GRCh38 → `NC_000007.14`. */
export function chromosomeAccession(chromosome: number, build: GenomeBuild): string {
  const accession = CHROMOSOME_ACCESSIONS[build][chromosome - 1];
  if (accession === undefined) throw new RangeError(`no chromosome ${chromosome}`);
  return accession;
}

/** The accession without its version: `NC_000007.14` → `NC_000007`. */
function unversioned(accession: string): string {
  return accession.replace(/\.\d+$/, '');
}

const RANGE = /^\s*([A-Za-z]{2}_\d+\.\d+):(\d+)-(\d+)\s*$/;

/**
 * Parses an operation range `NC_000007.14:140753335-140753336` (0-based, start inclusive, end exclusive).
 * Returns undefined for anything else: no version, non-numeric bounds, or start > end.
 */
export function parseRange(text: string): GenomicRange | undefined {
  const match = RANGE.exec(text);
  if (!match) return undefined;
  const start = Number(match[2]);
  const end = Number(match[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end) return undefined;
  const accession = match[1]!;
  const build = buildOfAccession(accession);
  return build ? { accession, start, end, build } : { accession, start, end };
}

// ---- Variant Observations ----

interface Coding {
  system?: string;
  code?: string;
}
interface Component {
  code?: { coding?: Coding[] };
  valueCodeableConcept?: { coding?: Coding[]; text?: string };
  valueRange?: { low?: { value?: number }; high?: { value?: number } };
  valueString?: string;
}
interface ObservationLike {
  resourceType?: string;
  component?: Component[];
}

function components(observation: unknown, loincCode: string): Component[] {
  const list = (observation as ObservationLike | null)?.component;
  if (!Array.isArray(list)) return [];
  return list.filter((c) =>
    c.code?.coding?.some((k) => k.code === loincCode && (!k.system || k.system === LOINC)),
  );
}

function componentCode(observation: unknown, loincCode: string): string | undefined {
  return components(observation, loincCode)[0]?.valueCodeableConcept?.coding?.find((k) => k.code)?.code;
}

/** The coordinate-system answer code (component 92822-6), e.g. `LA30100-4`, or undefined. */
export function coordinateSystem(observation: unknown): string | undefined {
  return componentCode(observation, VARIANT_COMPONENTS.coordinateSystem);
}

/** The genomic reference sequence accession (component 48013-7), e.g. `NC_000007.14`. */
export function genomicRefSeq(observation: unknown): string | undefined {
  const value = components(observation, VARIANT_COMPONENTS.genomicRefSeq)[0]?.valueCodeableConcept;
  return value?.coding?.find((k) => k.code)?.code ?? value?.text;
}

/** The build a Variant is on: component 62374-4, else implied by its reference sequence accession. */
export function genomeBuild(observation: unknown): string | undefined {
  const code = componentCode(observation, VARIANT_COMPONENTS.assembly);
  const stated = BUILDS.find((build) => GENOME_BUILD_CODES[build] === code);
  if (stated) return stated;
  const accession = genomicRefSeq(observation);
  return accession ? buildOfAccession(accession) : undefined;
}

/** Which interval of a Variant to read. */
export type Bounds = 'exact' | 'outer' | 'inner' | 'extent';
const BOUND_CODES: Record<Exclude<Bounds, 'extent'>, string> = {
  exact: VARIANT_COMPONENTS.exactStartEnd,
  outer: VARIANT_COMPONENTS.outerStartEnd,
  inner: VARIANT_COMPONENTS.innerStartEnd,
};

/**
 * The 0-based half-open interval of a Variant, converted from its coordinate system (92822-6).
 * `extent` (the default) takes the widest interval given: outer, else exact, else inner.
 * Undefined when the coordinate system or the start is missing, or the system is unknown.
 * When `high` is absent the end is start + length of the ref allele (69547-8), else start + 1.
 */
export function zeroBasedInterval(observation: unknown, bounds: Bounds = 'extent'): GenomicRange | undefined {
  const order: Exclude<Bounds, 'extent'>[] = bounds === 'extent' ? ['outer', 'exact', 'inner'] : [bounds];
  const system = coordinateSystem(observation);
  const accession = genomicRefSeq(observation) ?? '';
  for (const which of order) {
    const range = components(observation, BOUND_CODES[which])[0]?.valueRange;
    const low = range?.low?.value;
    if (typeof low !== 'number') continue;
    const high = range?.high?.value;
    const interval = toZeroBased(system, low, high, refAlleleLength(observation));
    if (!interval) return undefined;
    const build = buildOfAccession(accession) ?? genomeBuild(observation);
    return build ? { accession, ...interval, build } : { accession, ...interval };
  }
  return undefined;
}

function refAlleleLength(observation: unknown): number | undefined {
  const ref = components(observation, '69547-8')[0]?.valueString;
  return typeof ref === 'string' ? ref.length : undefined;
}

function toZeroBased(
  system: string | undefined,
  low: number,
  high: number | undefined,
  refLength: number | undefined,
): { start: number; end: number } | undefined {
  let start: number;
  let end: number | undefined;
  switch (system) {
    case COORDINATE_SYSTEMS.zeroBasedInterval: // [low, high)
      start = low;
      end = high;
      break;
    case COORDINATE_SYSTEMS.zeroBasedCharacter: // [low, high] counted from 0
      start = low;
      end = high === undefined ? undefined : high + 1;
      break;
    case COORDINATE_SYSTEMS.oneBasedCharacter: // [low, high] counted from 1
      start = low - 1;
      end = high;
      break;
    default:
      return undefined;
  }
  return { start, end: end ?? start + (refLength ?? 1) };
}

/** Reads a range argument: a range string or an already parsed range. */
function asRange(value: unknown): GenomicRange | undefined {
  if (Array.isArray(value)) return value.length === 1 ? asRange(value[0]) : undefined;
  if (typeof value === 'string') return parseRange(value);
  if (value && typeof value === 'object' && 'accession' in value) return value as GenomicRange;
  return undefined;
}

/**
 * Does the interval overlap the range, by the IG rule? A variant starting at X is in X..Y, one
 * starting at Y is not, and an insertion starting before X is not. True/false when both are on the
 * same accession; false on another chromosome; undefined on the same chromosome in another build
 * (that needs a liftover the harness does not do).
 */
export function intervalOverlaps(interval: GenomicRange, range: GenomicRange): boolean | undefined {
  const same = sameSequence(interval, range);
  if (same !== true) return same;
  return interval.start < range.end && (interval.start >= range.start || interval.end > range.start);
}

/** Is the interval entirely inside the range? (Same accession rules as intervalOverlaps.) */
export function intervalWithin(interval: GenomicRange, range: GenomicRange): boolean | undefined {
  const same = sameSequence(interval, range);
  if (same !== true) return same;
  return interval.start >= range.start && interval.end <= range.end;
}

/** Does the interval cover the whole range? (Same accession rules as intervalOverlaps.) */
export function intervalSubsumes(interval: GenomicRange, range: GenomicRange): boolean | undefined {
  const same = sameSequence(interval, range);
  if (same !== true) return same;
  return interval.start <= range.start && interval.end >= range.end;
}

function sameSequence(a: GenomicRange, b: GenomicRange): boolean | undefined {
  if (a.accession === b.accession) return true;
  if (unversioned(a.accession) === unversioned(b.accession)) return undefined;
  return false;
}

// ---- Nomenclature syntax ----

const HGVS =
  /^(?:N[CGMRPTW]_\d+\.\d+|X[MRP]_\d+\.\d+|ENS[TGP]\d+\.\d+|LRG_\d+(?:t\d+|p\d+)?)(?:\([A-Za-z0-9_.-]+\))?:[cgmnpr]\.\S+$/;

/** Is the text an HGVS expression on a versioned reference (`NM_000518.5:c.20A>T`)? `type` limits the prefix (c, g, p…). */
export function isHgvs(text: string, type?: string): boolean {
  const trimmed = text.trim();
  if (!HGVS.test(trimmed)) return false;
  return type === undefined || trimmed.includes(`:${type}.`);
}

const SPDI = /^([A-Za-z]{2}_\d+\.\d+):(\d+):([ACGTNRYKMSWBDHV]*|\d+):([ACGTNRYKMSWBDHV]*)$/i;

/** The parts of an SPDI expression `NC_000019.10:11089559:G:A` (position is 0-based interbase). */
export interface Spdi {
  sequence: string;
  position: number;
  deleted: string;
  inserted: string;
}

export function parseSpdi(text: string): Spdi | undefined {
  const match = SPDI.exec(text.trim());
  if (!match) return undefined;
  return { sequence: match[1]!, position: Number(match[2]), deleted: match[3]!, inserted: match[4]! };
}

export function isSpdi(text: string): boolean {
  return parseSpdi(text) !== undefined;
}

// ---- fhirpath.js bindings ----

/** Maps each input item through `fn`, dropping undefined results (FHIRPath's empty). */
function each<T>(fn: (item: unknown) => T | undefined): (inputs: unknown[]) => T[] {
  return (inputs) => inputs.map(fn).filter((v): v is T => v !== undefined);
}

function stringItems<T>(fn: (text: string) => T | undefined): (inputs: unknown[]) => T[] {
  return each((item) => (typeof item === 'string' ? fn(item) : undefined));
}

function rangeTest(
  test: (interval: GenomicRange, range: GenomicRange) => boolean | undefined,
  bounds: Bounds,
): (inputs: unknown[], range: unknown) => boolean[] {
  return (inputs, rangeArg) => {
    const range = asRange(rangeArg);
    if (!range) throw new Error(`not a 0-based range "accession:start-end": ${JSON.stringify(rangeArg)}`);
    return each((item) => {
      const interval = typeof item === 'string' ? parseRange(item) : zeroBasedInterval(item, bounds);
      return interval ? test(interval, range) : undefined;
    })(inputs);
  };
}

/** The genomics functions, keyed by FHIRPath name. docs/genomics-functions.md documents each. */
export const genomicsFunctions: UserInvocationTable = {
  parseRange: { fn: stringItems(parseRange), arity: { 0: [] } },
  isRange: { fn: stringItems((s) => parseRange(s) !== undefined), arity: { 0: [] } },
  genomeBuild: {
    fn: each((item) => (typeof item === 'string' ? buildOfAccession(item) : genomeBuild(item))),
    arity: { 0: [] },
  },
  coordinateSystem: { fn: each(coordinateSystem), arity: { 0: [] } },
  genomicRefSeq: { fn: each(genomicRefSeq), arity: { 0: [] } },
  zeroBasedStart: {
    fn: (inputs: unknown[], bounds?: string) =>
      each((o) => zeroBasedInterval(o, checkBounds(bounds))?.start)(inputs),
    arity: { 0: [], 1: ['String'] },
  },
  zeroBasedEnd: {
    fn: (inputs: unknown[], bounds?: string) =>
      each((o) => zeroBasedInterval(o, checkBounds(bounds))?.end)(inputs),
    arity: { 0: [], 1: ['String'] },
  },
  overlapsRange: { fn: rangeTest(intervalOverlaps, 'extent'), arity: { 1: ['Any'] } },
  withinRange: { fn: rangeTest(intervalWithin, 'extent'), arity: { 1: ['Any'] } },
  subsumesRange: { fn: rangeTest(intervalSubsumes, 'extent'), arity: { 1: ['Any'] } },
  isHgvs: {
    fn: (inputs: unknown[], type?: string) => stringItems((s) => isHgvs(s, type))(inputs),
    arity: { 0: [], 1: ['String'] },
  },
  isSpdi: { fn: stringItems(isSpdi), arity: { 0: [] } },
  parseSpdi: { fn: stringItems(parseSpdi), arity: { 0: [] } },
};

function checkBounds(bounds: string | undefined): Bounds {
  if (bounds === undefined) return 'extent';
  if (bounds === 'exact' || bounds === 'outer' || bounds === 'inner' || bounds === 'extent') return bounds;
  throw new Error(`bounds must be 'exact', 'outer', 'inner' or 'extent', not '${bounds}'`);
}
