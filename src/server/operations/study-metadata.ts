// $find-study-metadata: one `tests` block per GenomicReport of the subject that passes the test filters.
import type { CodeableConcept, Coding, Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { GENOME_BUILD_CODES } from '../../genomics/loinc.js';
import { type RangeParameter, chromosomeBuild, formatRangeParameter } from '../coordinates.js';
import { Codes, LOINC, component } from '../genomics/codes.js';
import type { Finding, TestInfo } from '../genomics/index.js';
import { type OperationContext, parseRanges } from './context.js';
import { testFilter } from './filters.js';
import { part, str } from './output.js';
import { type RegionKind, testRegions } from './study.js';

function findingsOfTest(ctx: OperationContext, test: TestInfo): Finding[] {
  return ctx.index.findingsOf(ctx.subject!, ['variant']).filter((f) => f.tests.includes(test));
}

function genomicBuild(findings: readonly Finding[]): CodeableConcept | undefined {
  for (const f of findings) {
    const stated = component(f.resource, Codes.assembly)?.valueCodeableConcept?.coding?.find(
      (c) => c.code === GENOME_BUILD_CODES.GRCh37 || c.code === GENOME_BUILD_CODES.GRCh38,
    );
    const build = stated
      ? stated.code === GENOME_BUILD_CODES.GRCh37
        ? 'GRCh37'
        : 'GRCh38'
      : f.location && chromosomeBuild(f.location.accession);
    if (build) return { coding: [{ system: LOINC, code: GENOME_BUILD_CODES[build], display: build }] };
  }
  return undefined;
}

function changeTypes(findings: readonly Finding[]): CodeableConcept | undefined {
  const seen = new Map<string, Coding>();
  for (const f of findings)
    for (const c of component(f.resource, Codes.codingChangeType)?.valueCodeableConcept?.coding ?? [])
      if (c.code && !seen.has(c.code)) seen.set(c.code, c);
  return seen.size ? { coding: [...seen.values()] } : undefined;
}

/** The parts of `regions` inside the requested ranges, sorted, overlapping pieces merged. */
export function intersectRegions(
  regions: readonly RangeParameter[],
  ranges: readonly RangeParameter[],
): string[] {
  const pieces = regions
    .flatMap((r) =>
      ranges
        .filter((q) => q.accession === r.accession)
        .map((q) => ({
          accession: r.accession,
          start: Math.max(r.start, q.start),
          end: Math.min(r.end, q.end),
        })),
    )
    .filter((p) => p.start < p.end)
    .sort((a, b) => a.accession.localeCompare(b.accession) || a.start - b.start);
  const merged: typeof pieces = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.accession === p.accession && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged.map((p) => formatRangeParameter(p.accession, p));
}

/**
 * A region list as the IG's find-study-metadata notes write it, a list of quoted 0-based ranges
 * ("['NC_000007.14:55173910-55174053', ...]"), or 'unknown' when the server does not know the test's regions.
 */
function regionList(
  ctx: OperationContext,
  test: TestInfo,
  kind: RegionKind,
  ranges: readonly RangeParameter[],
): string {
  const regions = testRegions(ctx.index, test, kind);
  if (!regions) return 'unknown';
  return `[${intersectRegions(regions, ranges)
    .map((r) => `'${r}'`)
    .join(', ')}]`;
}

export function findStudyMetadata(ctx: OperationContext): Parameters {
  const ranges = parseRanges(ctx, ctx.input.items('ranges'));
  const keepTest = testFilter(ctx) ?? (() => true);
  const specimens = ctx.input.groups('specimenIdentifiers');
  const tests = (ctx.index.tests.get(ctx.subject!) ?? []).filter(
    (t) => keepTest(t) && specimens.every((g) => g.some((id) => t.specimenIds.includes(id))),
  );
  const parameter = tests.map((test) => {
    const findings = findingsOfTest(ctx, test);
    const parts: ParametersParameter[] = [
      str('testId', test.identifiers[0]!),
      { name: 'testDate', valueDateTime: test.date ?? test.report.meta?.lastUpdated ?? '' },
    ];
    const specimen = test.specimenIds[0];
    if (specimen) parts.push(str('specimenId', specimen));
    const build = genomicBuild(findings);
    if (build) parts.push({ name: 'genomicBuild', valueCodeableConcept: build });
    const types = changeTypes(findings);
    if (types) parts.push({ name: 'dnaChangeType', valueCodeableConcept: types });
    if (ranges.length)
      parts.push(
        str('regionStudied', regionList(ctx, test, 'studied', ranges)),
        str('uncallableRegions', regionList(ctx, test, 'uncalled', ranges)),
      );
    return part('tests', parts);
  });
  return { resourceType: 'Parameters', ...(parameter.length ? { parameter } : {}) };
}
