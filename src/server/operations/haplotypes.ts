// $find-subject-haplotypes (by gene) and $find-subject-specific-haplotypes (by haplotype or genotype name).
import type { Parameters } from '@medplum/fhirtypes';
import type { Finding } from '../genomics/index.js';
import type { OperationContext } from './context.js';
import { commonFilter } from './filters.js';
import { geneMatches, haplotypeMatches } from './match.js';
import { bool, part, res, str } from './output.js';

function subjectHaplotypes(ctx: OperationContext): Finding[] {
  return ctx.index.findingsOf(ctx.subject!, ['haplotype', 'genotype']).filter(commonFilter(ctx));
}

const asParts = (matches: readonly Finding[]) => matches.map((f) => res(f.kind, f.resource));

export function findSubjectHaplotypes(ctx: OperationContext): Parameters {
  const genes = ctx.input.required('genes', ctx.name);
  const found = subjectHaplotypes(ctx);
  const parameter = genes.map((gene) =>
    part('haplotypes', [str('geneItem', gene), ...asParts(found.filter((f) => geneMatches(f, gene)))]),
  );
  return { resourceType: 'Parameters', parameter };
}

export function findSubjectSpecificHaplotypes(ctx: OperationContext): Parameters {
  const haplotypes = ctx.input.required('haplotypes', ctx.name);
  const found = subjectHaplotypes(ctx);
  const parameter = haplotypes.map((name) => {
    const matches = found.filter((f) => haplotypeMatches(f, name));
    return part('haplotypes', [
      str('haplotypeItem', name),
      bool('presence', matches.length > 0),
      ...asParts(matches),
    ]);
  });
  return { resourceType: 'Parameters', parameter };
}
