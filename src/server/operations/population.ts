// The six population operations: counts of patients (numerator) out of the patients with genomic
// findings (denominator), with the matching patient ids when includePatientList=true. For `variants`
// and `haplotypes`, a repeated parameter is one AND block ("A AND B"); comma-separated items get one block each.
import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { parseVariantQuery } from '../genomics/alleles.js';
import type { Finding, FindingKind } from '../genomics/index.js';
import { type OperationContext, parseRanges } from './context.js';
import { sourceClassFilter } from './filters.js';
import { type ImplicationKind, implicationFilter } from './implications.js';
import { haplotypeMatches, structuralMatch, variantMatches } from './match.js';
import { count, part, str } from './output.js';

type PatientTest = (findings: readonly Finding[]) => boolean;

function counted(
  ctx: OperationContext,
  kinds: readonly FindingKind[],
  test: PatientTest,
): ParametersParameter[] {
  const keep = sourceClassFilter(ctx);
  const population = ctx.index.populationIds();
  const matching = population.filter((id) => test(ctx.index.findingsOf(id, kinds).filter(keep)));
  const parts = [count('numerator', matching.length), count('denominator', population.length)];
  if (ctx.input.boolean('includePatientList', ctx.name, false))
    parts.push(...matching.map((id) => str('subject', id)));
  return parts;
}

/** Blocks for item lists: one per item, or one AND block when the parameter was repeated. */
function itemBlocks<Q>(
  ctx: OperationContext,
  param: string,
  itemName: string,
  parse: (text: string) => Q,
  kinds: readonly FindingKind[],
  matches: (f: Finding, q: Q) => boolean,
): ParametersParameter[] {
  ctx.input.required(param, ctx.name);
  const groups = ctx.input.groups(param).map((g) => g.map((text) => ({ text, q: parse(text) })));
  const has = (findings: readonly Finding[], q: Q): boolean => findings.some((f) => matches(f, q));
  if (groups.length > 1) {
    const label = groups.map((g) => g.map((i) => i.text).join(',')).join(' AND ');
    const test: PatientTest = (fs) => groups.every((g) => g.some((i) => has(fs, i.q)));
    return [part(param, [str(itemName, label), ...counted(ctx, kinds, test)])];
  }
  return groups[0]!.map((i) =>
    part(param, [str(itemName, i.text), ...counted(ctx, kinds, (fs) => has(fs, i.q))]),
  );
}

const params = (parameter: ParametersParameter[]): Parameters => ({ resourceType: 'Parameters', parameter });

export const findPopulationSpecificVariants = (ctx: OperationContext): Parameters =>
  params(itemBlocks(ctx, 'variants', 'variantItem', parseVariantQuery, ['variant'], variantMatches));

export const findPopulationSpecificHaplotypes = (ctx: OperationContext): Parameters =>
  params(
    itemBlocks(ctx, 'haplotypes', 'haplotypeItem', (t) => t, ['haplotype', 'genotype'], haplotypeMatches),
  );

function structural(ctx: OperationContext, mode: 'intersect' | 'subsume'): Parameters {
  const ranges = parseRanges(ctx, ctx.input.required('ranges', ctx.name));
  return params(
    ranges.map((range) =>
      part('variants', [
        str('rangeItem', range.text),
        ...counted(ctx, ['variant'], (fs) =>
          fs.some((f) => structuralMatch(f, range, mode, ctx.flags.closedRanges)),
        ),
      ]),
    ),
  );
}

export const findPopulationStructuralIntersectingVariants = (ctx: OperationContext): Parameters =>
  structural(ctx, 'intersect');
export const findPopulationStructuralSubsumingVariants = (ctx: OperationContext): Parameters =>
  structural(ctx, 'subsume');

function implications(ctx: OperationContext, kind: ImplicationKind, outName: string): Parameters {
  const select = implicationFilter(ctx);
  return params([
    part(
      outName,
      counted(ctx, [kind], (fs) => fs.some(select)),
    ),
  ]);
}

export const findPopulationTxImplications = (ctx: OperationContext): Parameters =>
  implications(ctx, 'therapeutic-implication', 'implications');
export const findPopulationDxImplications = (ctx: OperationContext): Parameters =>
  implications(ctx, 'diagnostic-implication', 'implications');
export const findPopulationMolecularConsequences = (ctx: OperationContext): Parameters =>
  implications(ctx, 'molecular-consequence', 'consequences');
