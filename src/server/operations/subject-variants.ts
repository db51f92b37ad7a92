// $find-subject-variants, $find-subject-specific-variants and the two structural subject operations:
// one `variants` block per requested range or variant, each with `presence` (and variants when asked).
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import type { RangeParameter } from '../coordinates.js';
import { parseVariantQuery } from '../genomics/alleles.js';
import type { Finding } from '../genomics/index.js';
import { type OperationContext, parseRanges } from './context.js';
import { commonFilter } from './filters.js';
import { simpleVariantInRange, structuralMatch, variantMatches } from './match.js';
import { bool, part, res, str, variantOutput } from './output.js';

function subjectVariants(ctx: OperationContext): Finding[] {
  const keep = commonFilter(ctx);
  return ctx.index.findingsOf(ctx.subject!, ['variant']).filter(keep);
}

function includeVariants(ctx: OperationContext, phasing: boolean): boolean {
  const fallback = ctx.flags.includeVariantsDefaultTrue;
  const include = ctx.input.boolean('includeVariants', ctx.name, fallback);
  return include || (phasing && !ctx.flags.phasingWithoutVariants);
}

function block(
  itemName: 'rangeItem' | 'variantItem',
  item: string,
  matches: readonly Finding[],
  include: boolean,
  extra: ParametersParameter[] = [],
): ParametersParameter {
  const parts = [str(itemName, item), bool('presence', matches.length > 0)];
  if (include) parts.push(...matches.map((f) => res('variant', variantOutput(f))));
  return part('variants', [...parts, ...extra]);
}

/** Sequence-phase relationships whose derivedFrom variants are all among the returned ones. */
function phaseRelationships(ctx: OperationContext, returned: readonly Finding[]): ParametersParameter[] {
  const ids = new Set(returned.map((f) => f.ref));
  return ctx.index
    .findingsOf(ctx.subject!, ['sequence-phase-relationship'])
    .filter((spr) => spr.derivedFrom.length > 0 && spr.derivedFrom.every((r) => ids.has(r)))
    .map((spr) => res('sequencePhaseRelationship', spr.resource));
}

export function findSubjectVariants(ctx: OperationContext): Parameters {
  const ranges = parseRanges(ctx, ctx.input.required('ranges', ctx.name));
  const phasing = ctx.input.boolean('includePhasing', ctx.name, false);
  const include = includeVariants(ctx, phasing);
  const variants = subjectVariants(ctx);
  const parameter = ranges.map((range) => {
    const matches = variants.filter((f) => simpleVariantInRange(f, range, ctx.flags.closedRanges));
    const spr = phasing && include ? phaseRelationships(ctx, matches) : [];
    return block('rangeItem', range.text, matches, include, spr);
  });
  return { resourceType: 'Parameters', parameter };
}

export function findSubjectSpecificVariants(ctx: OperationContext): Parameters {
  const queries = ctx.input.required('variants', ctx.name).map(parseVariantQuery);
  const variants = subjectVariants(ctx);
  const parameter = queries.map((q) =>
    block(
      'variantItem',
      q.text,
      variants.filter((f) => variantMatches(f, q)),
      true,
    ),
  );
  return { resourceType: 'Parameters', parameter };
}

function structural(ctx: OperationContext, mode: 'intersect' | 'subsume'): Parameters {
  const ranges: RangeParameter[] = parseRanges(ctx, ctx.input.required('ranges', ctx.name));
  const include = includeVariants(ctx, false);
  const variants = subjectVariants(ctx);
  const parameter = ranges.map((range) =>
    block(
      'rangeItem',
      range.text,
      variants.filter((f) => structuralMatch(f, range, mode, ctx.flags.closedRanges)),
      include,
    ),
  );
  return { resourceType: 'Parameters', parameter };
}

export const findSubjectStructuralIntersectingVariants = (ctx: OperationContext): Parameters =>
  structural(ctx, 'intersect');
export const findSubjectStructuralSubsumingVariants = (ctx: OperationContext): Parameters =>
  structural(ctx, 'subsume');
