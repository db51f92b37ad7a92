// Therapeutic and diagnostic implications and molecular consequences: selection by the targets they are
// derived from (variants, ranges, haplotypes) and by their own components (treatments, conditions,
// feature consequences). Subject operations return them with their derivedFrom targets.
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { parseVariantQuery } from '../genomics/alleles.js';
import { Codes } from '../genomics/codes.js';
import type { Finding, FindingKind } from '../genomics/index.js';
import { type OperationContext, parseRanges } from './context.js';
import { commonFilter, type FindingFilter } from './filters.js';
import { anyVariantInRange, componentMatches, haplotypeMatches, variantMatches } from './match.js';
import { findingOutput, res } from './output.js';

export type ImplicationKind = Extract<
  FindingKind,
  'therapeutic-implication' | 'diagnostic-implication' | 'molecular-consequence'
>;

/** Input parameters that select on the implication's own components, and which components they read. */
const COMPONENT_FILTERS: Readonly<Record<string, readonly string[]>> = {
  treatments: [Codes.medicationAssessed, Codes.associatedTherapy],
  conditions: [Codes.phenotype],
  featureConsequences: [Codes.featureConsequence],
};

/** The selection parameters of the implication operations (the common filters aside). */
const SELECTORS = ['variants', 'ranges', 'haplotypes', ...Object.keys(COMPONENT_FILTERS)];

/** A predicate over implications from the operation's selection parameters (repeats AND, commas OR). */
export function implicationFilter(ctx: OperationContext): FindingFilter {
  const variantGroups = ctx.input.groups('variants').map((g) => g.map(parseVariantQuery));
  const rangeGroups = ctx.input.groups('ranges').map((g) => parseRanges(ctx, g));
  const haplotypeGroups = ctx.input.groups('haplotypes');
  const componentGroups = Object.entries(COMPONENT_FILTERS).flatMap(([name, codes]) =>
    ctx.input.groups(name).map((g) => ({ codes, g })),
  );
  const targets = (f: Finding): Finding[] =>
    f.derivedFrom.map((r) => ctx.index.findings.get(r)).filter((t): t is Finding => Boolean(t));
  return (f) => {
    const from = targets(f);
    return (
      variantGroups.every((g) => g.some((q) => from.some((t) => variantMatches(t, q)))) &&
      rangeGroups.every((g) => g.some((range) => from.some((t) => anyVariantInRange(t, range)))) &&
      haplotypeGroups.every((g) =>
        g.some((h) =>
          from.some((t) => (t.kind === 'haplotype' || t.kind === 'genotype') && haplotypeMatches(t, h)),
        ),
      ) &&
      componentGroups.every(({ codes, g }) => g.some((q) => componentMatches(f, codes, q)))
    );
  };
}

/** Output parts for the kinds of target each operation may return. */
const TARGET_KINDS: Readonly<Record<ImplicationKind, readonly FindingKind[]>> = {
  'therapeutic-implication': ['variant', 'haplotype', 'genotype'],
  'diagnostic-implication': ['variant'],
  'molecular-consequence': ['variant'],
};

/**
 * The findings an implication rests on, of the kinds the operation returns: its derivedFrom targets and, in
 * turn, theirs (a genotype's haplotypes, a haplotype's variants), each once. The OD requires the direct
 * targets ("shall also be included"); the rest of the chain lets a client follow derivedFrom to the end.
 */
function evidence(ctx: OperationContext, kind: ImplicationKind, implications: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  const visit = (ref: string): void => {
    const target = ctx.index.findings.get(ref);
    if (!target || seen.has(ref) || !TARGET_KINDS[kind].includes(target.kind)) return;
    seen.add(ref);
    out.push(target);
    target.derivedFrom.forEach(visit);
  };
  for (const f of implications) f.derivedFrom.forEach(visit);
  return out;
}

function subjectImplications(ctx: OperationContext, kind: ImplicationKind, outName: string): Parameters {
  // "Where no variants, ranges, [haplotypes, treatments,] or conditions are provided, the operation returns
  // no implications" (the subject implication operations' intros).
  if (!SELECTORS.some((name) => ctx.input.items(name).length)) return { resourceType: 'Parameters' };
  const keep = commonFilter(ctx);
  const select = implicationFilter(ctx);
  const implications = ctx.index.findingsOf(ctx.subject!, [kind]).filter((f) => keep(f) && select(f));
  const parameter: ParametersParameter[] = [
    ...implications.map((f) => res(outName, f.resource)),
    ...evidence(ctx, kind, implications).flatMap((f) => findingOutput(f) ?? []),
  ];
  return { resourceType: 'Parameters', ...(parameter.length ? { parameter } : {}) };
}

export const findSubjectTxImplications = (ctx: OperationContext): Parameters =>
  subjectImplications(ctx, 'therapeutic-implication', 'implication');
export const findSubjectDxImplications = (ctx: OperationContext): Parameters =>
  subjectImplications(ctx, 'diagnostic-implication', 'implication');
export const findSubjectMolecularConsequences = (ctx: OperationContext): Parameters =>
  subjectImplications(ctx, 'molecular-consequence', 'consequence');
