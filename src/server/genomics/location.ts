// Where a Variant Observation sits: accession plus 0-based half-open intervals, read from the
// coordinate components (converted from whatever coordinate system 92822-6 declares) or, when the
// coordinate system is missing, from a genomic HGVS expression.
import type { Observation, Range } from '@medplum/fhirtypes';
import type { Interval } from '../coordinates.js';
import { type Allele, parseGenomicHgvs, trimAllele } from './alleles.js';
import { Codes, COORDINATE_SYSTEMS, component, componentCode, components, codings } from './codes.js';

export interface VariantLocation {
  readonly accession: string;
  /** Exact extent (0-based half-open) as stored, for simple variants. */
  readonly exact?: Interval;
  /** The extent used for overlap tests: `exact` without the bases REF and ALT share (VCF padding). */
  readonly span?: Interval;
  readonly outer?: Interval;
  readonly inner?: Interval;
  readonly ref?: string;
  readonly alt?: string;
  /** Trimmed comparable form used to match SPDI / HGVS queries. */
  readonly allele?: Allele;
  /** Has outer or inner bounds, or no exact position but a structural change type. */
  readonly structural: boolean;
}

/** Converts a stored Range to 0-based half-open, given the coordinate system and the REF length. */
export function toZeroBased(
  range: Range,
  system: string | undefined,
  refLength: number | undefined,
): Interval | undefined {
  const low = range.low?.value;
  const high = range.high?.value;
  if (low === undefined) return undefined;
  switch (system) {
    case COORDINATE_SYSTEMS.zeroBasedInterval:
      return { start: low, end: high ?? low + (refLength ?? 1) };
    case COORDINATE_SYSTEMS.zeroBasedCharacter:
      return { start: low, end: (high ?? low + Math.max((refLength ?? 1) - 1, 0)) + 1 };
    default: // 1-based character counting (declared, or assumed when undeclared)
      return { start: low - 1, end: high ?? low - 1 + (refLength ?? 1) };
  }
}

function accessionOf(obs: Observation): string | undefined {
  const code = component(obs, Codes.genomicRefSeq)?.valueCodeableConcept?.coding?.find((c) => c.code)?.code;
  return code?.trim().toUpperCase();
}

function genomicHgvsAlleles(obs: Observation): Allele[] {
  const out: Allele[] = [];
  for (const c of components(obs, Codes.genomicHgvs)) {
    for (const coding of codings(c.valueCodeableConcept)) {
      const parsed = coding.code ? parseGenomicHgvs(coding.code) : undefined;
      if (parsed && parsed !== 'reference') out.push(parsed);
    }
  }
  return out;
}

export function locateVariant(obs: Observation): VariantLocation | undefined {
  const system = componentCode(obs, Codes.coordinateSystem);
  const ref = component(obs, Codes.refAllele)?.valueString?.toUpperCase();
  const alt = component(obs, Codes.altAllele)?.valueString?.toUpperCase();
  const exactRange = component(obs, Codes.exactStartEnd)?.valueRange;
  const outerRange = component(obs, Codes.outerStartEnd)?.valueRange;
  const innerRange = component(obs, Codes.innerStartEnd)?.valueRange;
  const hgvs = genomicHgvsAlleles(obs)[0];
  const accession = accessionOf(obs) ?? hgvs?.accession;
  if (!accession) return undefined;

  const useHgvs = !system && hgvs !== undefined && hgvs.accession === accession;
  const exact = useHgvs
    ? { start: hgvs.start, end: hgvs.end }
    : exactRange
      ? toZeroBased(exactRange, system, ref?.length)
      : undefined;
  const outer = outerRange ? toZeroBased(outerRange, system, undefined) : undefined;
  const inner = innerRange ? toZeroBased(innerRange, system, undefined) : undefined;
  const trimmed =
    !useHgvs && exact && ref !== undefined && alt !== undefined
      ? trimAllele({ accession, start: exact.start, end: exact.end, ref, alt })
      : undefined;
  const allele = useHgvs ? hgvs : (trimmed ?? hgvs);
  const span = useHgvs ? hgvs : (trimmed ?? exact);
  const structural =
    Boolean(outer || inner) || (!exact && component(obs, Codes.codingChangeType) !== undefined);
  return {
    accession,
    structural,
    ...(exact ? { exact } : {}),
    ...(span ? { span: { start: span.start, end: span.end } } : {}),
    ...(outer ? { outer } : {}),
    ...(inner ? { inner } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(alt !== undefined ? { alt } : {}),
    ...(allele ? { allele } : {}),
  };
}
