// A Variant Observation read for `fgc init`: where it sits in 0-based half-open coordinates (converted from
// the coordinate system it declares, or from its genomic HGVS), how to name it (SPDI, HGVS), and what else
// the suites filter on (gene, genomic source class, whether it says Present).
import type { Observation } from '@medplum/fhirtypes';
import type { Interval } from '../server/coordinates.js';
import { Codes, SourceClasses, component, componentCode } from '../server/genomics/codes.js';
import { locateVariant, type VariantLocation } from '../server/genomics/location.js';
import { buildOfAccession } from '../fhirpath/genomics.js';
import { COORDINATE_SYSTEMS } from '../genomics/loinc.js';

/** LOINC answers of an assessment that do not say the variant is there (Absent, No call, Indeterminate). */
const NOT_PRESENT = new Set(['LA9634-2', 'LA18198-4', 'LA11884-6']);

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  [COORDINATE_SYSTEMS.zeroBasedInterval]: `0-based interval counting (${COORDINATE_SYSTEMS.zeroBasedInterval})`,
  [COORDINATE_SYSTEMS.zeroBasedCharacter]: `0-based character counting (${COORDINATE_SYSTEMS.zeroBasedCharacter}), end + 1`,
  [COORDINATE_SYSTEMS.oneBasedCharacter]: `1-based character counting (${COORDINATE_SYSTEMS.oneBasedCharacter}), start - 1`,
};

export interface VariantFact {
  /** `Observation/<id>` */
  readonly ref: string;
  readonly patient?: string;
  /** The reference sequence it is on, even when its position is unknown. */
  readonly accession?: string;
  /** The gene studied (48018-6), as `system|code` when coded. */
  readonly gene?: string;
  /** The assessment is Present (or not stated), not Absent / No call / Indeterminate. */
  readonly present: boolean;
  /** Known only when the Observation declares its coordinate system or carries a genomic HGVS. */
  readonly location?: VariantLocation;
  /** How the position was read, for the comments of the written config. */
  readonly basis?: string;
  readonly build?: 'GRCh37' | 'GRCh38';
  /** A simple variant whose REF and ALT are one base each and differ. */
  readonly snv: boolean;
  readonly spdi?: string;
  readonly codingHgvs?: string;
  readonly genomicHgvs?: string;
  readonly sourceClass?: 'germline' | 'somatic';
}

function hgvsText(obs: Observation, code: string): string | undefined {
  const value = component(obs, code)?.valueCodeableConcept;
  return value?.coding?.find((c) => c.code)?.code ?? value?.text;
}

export function variantFact(obs: Observation): VariantFact {
  const ref = `Observation/${obs.id}`;
  const patient = /(?:^|\/)Patient\/([^/]+)$/.exec(obs.subject?.reference ?? '')?.[1];
  const assessment = obs.valueCodeableConcept?.coding?.map((c) => c.code ?? '') ?? [];
  const present = !assessment.some((code) => NOT_PRESENT.has(code));
  const system = componentCode(obs, Codes.coordinateSystem);
  const genomicHgvs = hgvsText(obs, Codes.genomicHgvs);
  const codingHgvs = hgvsText(obs, Codes.codingHgvs);
  const sourceCode = componentCode(obs, Codes.genomicSourceClass);
  const accession = component(obs, Codes.genomicRefSeq)?.valueCodeableConcept?.coding?.find(
    (c) => c.code,
  )?.code;
  const geneCoding = component(obs, Codes.geneStudied)?.valueCodeableConcept?.coding?.find((c) => c.code);
  const common = {
    ref,
    ...(patient ? { patient } : {}),
    ...(accession ? { accession: accession.trim().toUpperCase() } : {}),
    ...(geneCoding ? { gene: `${geneCoding.system ?? ''}|${geneCoding.code}` } : {}),
    present,
    ...(genomicHgvs ? { genomicHgvs } : {}),
    ...(codingHgvs ? { codingHgvs } : {}),
    ...(sourceCode && SourceClasses[sourceCode] ? { sourceClass: SourceClasses[sourceCode] } : {}),
  };
  // Without a declared coordinate system the position is a guess, unless a genomic HGVS states it.
  const basis = system
    ? SYSTEM_NAMES[system]
    : genomicHgvs?.includes(':g.')
      ? `genomic HGVS ${genomicHgvs}`
      : undefined;
  const located = basis ? locateVariant(obs) : undefined;
  // Without a declared system only the HGVS says where it is: a position on another sequence means nothing.
  const hgvsAccession = genomicHgvs?.split(':')[0]?.trim().toUpperCase();
  const location = system || located?.accession === hgvsAccession ? located : undefined;
  if (!location) return { ...common, snv: false };
  const build = buildOfAccession(location.accession) as VariantFact['build'];
  const allele = location.allele;
  const snv =
    !location.structural &&
    location.ref?.length === 1 &&
    location.alt?.length === 1 &&
    location.ref !== location.alt;
  const spdi =
    !location.structural && allele?.ref !== undefined && allele.alt !== undefined && allele.ref !== allele.alt
      ? `${allele.accession}:${allele.start}:${allele.ref}:${allele.alt}`
      : undefined;
  return {
    ...common,
    location,
    ...(basis ? { basis } : {}),
    ...(build ? { build } : {}),
    snv,
    ...(spdi ? { spdi } : {}),
  };
}

/** Every interval a server could read the variant as (exact, trimmed, outer, inner): for "nothing here" checks. */
export function footprint(fact: VariantFact): Interval | undefined {
  const loc = fact.location;
  const parts = [loc?.exact, loc?.span, loc?.outer, loc?.inner].filter((i): i is Interval => Boolean(i));
  if (parts.length === 0) return undefined;
  return { start: Math.min(...parts.map((p) => p.start)), end: Math.max(...parts.map((p) => p.end)) };
}

/** Where a structural variant certainly is (inner, else exact, else outer) and where it may reach (outer first). */
export function structuralBounds(fact: VariantFact): { narrow: Interval; wide: Interval } | undefined {
  const loc = fact.location;
  if (!loc?.structural) return undefined;
  const narrow = loc.inner ?? loc.exact ?? loc.outer;
  const wide = loc.outer ?? loc.exact ?? loc.inner;
  return narrow && wide ? { narrow, wide } : undefined;
}

/** A short description for comments: `Observation/x (Patient/p, NC_000007.14:140753335-140753336)`. */
export function describeVariant(fact: VariantFact): string {
  const loc = fact.location;
  const span = loc?.exact ?? loc?.span ?? loc?.outer ?? loc?.inner;
  const where = loc && span ? `, ${loc.accession}:${span.start}-${span.end}` : '';
  return `${fact.ref} (${fact.patient ? `Patient/${fact.patient}` : 'no patient'}${where})`;
}
