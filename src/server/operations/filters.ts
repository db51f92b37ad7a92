// The filters every subject operation shares: testIdentifiers, testDateRange, specimenIdentifiers and
// genomicSourceClass. Repeats AND, commas OR. A finding outside every test fails test filters.
import type { Finding, GenomicIndex, TestInfo } from '../genomics/index.js';
import { invalidParameter } from '../outcome.js';
import { matchesDatePrefixed } from '../prefixes.js';
import type { OperationContext } from './context.js';
import { testSourceClass } from './study.js';

const DATE_PREFIX = /^(eq|ne|lt|gt|ge|le|sa|eb)?(\d{4}(-\d{2}(-\d{2})?)?)$/;

export type FindingFilter = (finding: Finding) => boolean;

const SOURCE_CLASS: Readonly<Record<string, 'germline' | 'somatic'>> = {
  germline: 'germline',
  somatic: 'somatic',
  'la6683-2': 'germline',
  'la6684-0': 'somatic',
  'http://loinc.org|la6683-2': 'germline',
  'http://loinc.org|la6684-0': 'somatic',
};

export function parseSourceClasses(ctx: OperationContext): Set<'germline' | 'somatic'> | undefined {
  const items = ctx.input.items('genomicSourceClass');
  if (!items.length) return undefined;
  return new Set(
    items.map((item) => {
      const cls = SOURCE_CLASS[item.toLowerCase()];
      if (!cls)
        throw invalidParameter(`$${ctx.name}: genomicSourceClass must be germline or somatic; got "${item}"`);
      return cls;
    }),
  );
}

/**
 * A finding's genomic source class: its own component (48002-0), else the class of the findings it derives
 * from (a haplotype from germline variants is germline), else what its test's analysis states.
 */
export function sourceClassOf(
  index: GenomicIndex,
  finding: Finding,
  seen: Set<string> = new Set(),
): 'germline' | 'somatic' | undefined {
  if (finding.sourceClass) return finding.sourceClass;
  seen.add(finding.ref);
  for (const ref of finding.derivedFrom) {
    const target = index.findings.get(ref);
    const cls = target && !seen.has(ref) ? sourceClassOf(index, target, seen) : undefined;
    if (cls) return cls;
  }
  for (const test of index.contextOf(finding).tests) {
    const cls = testSourceClass(index, test);
    if (cls) return cls;
  }
  return undefined;
}

export function sourceClassFilter(ctx: OperationContext): FindingFilter {
  const classes = parseSourceClasses(ctx);
  if (!classes) return () => true;
  return (f) => {
    const cls = sourceClassOf(ctx.index, f);
    return cls !== undefined && classes.has(cls);
  };
}

/** Tests of the subject that pass testIdentifiers, testDateRange and specimenIdentifiers. */
export function testFilter(ctx: OperationContext): ((test: TestInfo) => boolean) | undefined {
  const ids = ctx.input.groups('testIdentifiers');
  const dates = ctx.input.groups('testDateRange');
  for (const d of dates.flat())
    if (!DATE_PREFIX.test(d))
      throw invalidParameter(
        `$${ctx.name}: testDateRange "${d}" must be a date with an optional prefix, e.g. ge2020-06-01`,
      );
  if (!ids.length && !dates.length) return undefined;
  // Repeated dates AND (ge…&le… is a window); the date-range-or fault ORs them instead.
  const dateGroups = ctx.flags.dateRangeOr && dates.length ? [dates.flat()] : dates;
  return (test) =>
    ids.every((group) => group.some((id) => test.identifiers.includes(id))) &&
    dateGroups.every((group) => group.some((d) => matchesDatePrefixed(test.date, d)));
}

function specimenFilter(ctx: OperationContext, index: GenomicIndex): FindingFilter | undefined {
  const groups = ctx.input.groups('specimenIdentifiers');
  if (!groups.length) return undefined;
  return (f) => {
    const ids = index.contextOf(f).specimenIds;
    return groups.every((g) => g.some((id) => ids.includes(id)));
  };
}

/** All four common filters, as one predicate over findings. */
export function commonFilter(ctx: OperationContext): FindingFilter {
  const byTest = testFilter(ctx);
  const bySpecimen = specimenFilter(ctx, ctx.index);
  const bySource = sourceClassFilter(ctx);
  return (f) =>
    bySource(f) && (!bySpecimen || bySpecimen(f)) && (!byTest || ctx.index.contextOf(f).tests.some(byTest));
}
