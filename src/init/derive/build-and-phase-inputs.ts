// Two variant roles of their own: the patient whose variant is stored on both builds (crossBuildRanges),
// and the patient with two phased variants and their SequencePhaseRelationship (phasedRange).
import type { Observation } from '@medplum/fhirtypes';
import type { SiteData } from '../site-data.js';
import { observationsOf, refOf } from '../site-data.js';
import { describeVariant, footprint, type VariantFact } from '../variants.js';
import type { Role } from './roles.js';
import { around, rangeText, placeOf } from './ranges.js';
import { type Candidate, type Derivation, derived, notDerived } from './types.js';

interface CrossBuildPlan {
  readonly grch37: VariantFact;
  readonly grch38: VariantFact;
  /** What makes them the same variant: `the same c.HGVS NM_…` or `the same gene …`. */
  readonly same: string;
}

/** A present simple variant on GRCh37 and one on GRCh38 that name the same change (c.HGVS), else the same gene. */
function crossBuildPair(variants: readonly VariantFact[]): CrossBuildPlan | undefined {
  const located = variants.filter((v) => v.present && v.location && !v.location.structural && placeOf(v));
  const on37 = located.filter((v) => v.build === 'GRCh37');
  const on38 = located.filter((v) => v.build === 'GRCh38');
  for (const key of ['codingHgvs', 'gene'] as const) {
    for (const a of on37) {
      const b = on38.find((v) => a[key] !== undefined && v[key] === a[key]);
      if (b)
        return { grch37: a, grch38: b, same: `the same ${key === 'gene' ? 'gene' : 'c.HGVS'} ${a[key]}` };
    }
  }
  return undefined;
}

export const crossBuildRole: Role<CrossBuildPlan> = {
  input: 'crossBuildPatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()].flatMap((p) => {
      const plan = crossBuildPair(p.variants);
      return plan ? [{ patient: p.id, quality: plan.same.includes('c.HGVS') ? 2 : 1, plan }] : [];
    }),
  describe: ({ plan }) => `a Variant stored on GRCh37 and on GRCh38 (${plan.same})`,
};

export function crossBuildRules(
  chosen: Candidate<CrossBuildPlan> | undefined,
): Record<string, () => Derivation> {
  return {
    crossBuildRanges: () =>
      chosen
        ? derived(
            [chosen.plan.grch37, chosen.plan.grch38].map((v) => around(v.location!.accession, placeOf(v)!)),
            `${describeVariant(chosen.plan.grch37)} and ${describeVariant(chosen.plan.grch38)}, ${chosen.plan.same}`,
          )
        : notDerived(
            'no patient has the same variant stored on GRCh37 and on GRCh38 (init does no liftover)',
          ),
  };
}

interface PhasePlan {
  readonly relationship: Observation;
  readonly range: string;
  readonly variants: readonly VariantFact[];
}

/**
 * The range over a SequencePhaseRelationship's two variants, widened until every other relationship of the
 * patient with a variant inside has both of its variants inside (they come back together).
 */
function phasePlan(
  data: SiteData,
  relationships: readonly Observation[],
  patient: string,
): PhasePlan | undefined {
  const targets = (spr: Observation): VariantFact[] | undefined => {
    const facts = (spr.derivedFrom ?? [])
      .map((d) => data.get(d.reference))
      .map((r) => r && data.variant(r as Observation));
    if (facts.length !== 2 || facts.some((f) => !f?.location || f.patient !== patient)) return undefined;
    const [a, b] = facts as VariantFact[];
    return a!.location!.accession === b!.location!.accession ? [a!, b!] : undefined;
  };
  for (const relationship of relationships) {
    const pair = targets(relationship);
    if (!pair) continue;
    const accession = pair[0]!.location!.accession;
    const inside = new Set(pair);
    let box = span(pair);
    for (let changed = true; changed;) {
      changed = false;
      for (const other of relationships) {
        const more = targets(other);
        if (!more || more.every((v) => inside.has(v))) continue;
        if (more.some((v) => v.location!.accession === accession && overlaps(footprint(v)!, box))) {
          for (const v of more) inside.add(v);
          box = span([...inside]);
          changed = true;
        }
      }
    }
    return {
      relationship,
      variants: [...inside],
      range: rangeText(accession, box.start - 10, box.end + 10),
    };
  }
  return undefined;
}

function span(facts: readonly VariantFact[]): { start: number; end: number } {
  const boxes = facts.map((f) => footprint(f)!);
  return { start: Math.min(...boxes.map((b) => b.start)), end: Math.max(...boxes.map((b) => b.end)) };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && a.end > b.start;
}

export const phaseRole: Role<PhasePlan> = {
  input: 'phasePatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()].flatMap((p) => {
      const plan = phasePlan(ctx.data, observationsOf(p, 'sequence-phase-relationship'), p.id);
      return plan ? [{ patient: p.id, quality: 1, plan }] : [];
    }),
  describe: ({ plan }) =>
    `a SequencePhaseRelationship (Observation/${plan.relationship.id}) between two of its Variants`,
};

export function phaseRules(chosen: Candidate<PhasePlan> | undefined): Record<string, () => Derivation> {
  return {
    phasedRange: () =>
      chosen
        ? derived(
            chosen.plan.range,
            `holds ${chosen.plan.variants.map((v) => refOf(v.ref)).join(', ')}, phased by Observation/${chosen.plan.relationship.id}`,
          )
        : notDerived('no SequencePhaseRelationship points at two located Variants of its own patient'),
  };
}
