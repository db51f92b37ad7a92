// $find-study-metadata: one `tests` block per GenomicReport of the subject that passes the test filters.
import type { CodeableConcept, Coding, Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { BUILD_CODES, buildOfAccession } from '../coordinates.js';
import { Codes, LOINC, component } from '../genomics/codes.js';
import type { Finding, TestInfo } from '../genomics/index.js';
import { type OperationContext, parseRanges } from './context.js';
import { testFilter } from './filters.js';
import { part, str } from './output.js';

function findingsOfTest(ctx: OperationContext, test: TestInfo): Finding[] {
  return ctx.index.findingsOf(ctx.subject!, ['variant']).filter((f) => f.tests.includes(test));
}

function genomicBuild(findings: readonly Finding[]): CodeableConcept | undefined {
  for (const f of findings) {
    const stated = component(f.resource, Codes.assembly)?.valueCodeableConcept?.coding?.find(
      (c) => c.code === BUILD_CODES.GRCh37 || c.code === BUILD_CODES.GRCh38,
    );
    const build = stated
      ? stated.code === BUILD_CODES.GRCh37
        ? 'GRCh37'
        : 'GRCh38'
      : f.location && buildOfAccession(f.location.accession);
    if (build) return { coding: [{ system: LOINC, code: BUILD_CODES[build], display: build }] };
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
    if (ranges.length) {
      // The reference data carries no studied-region (BED) content, so the regions are reported as unknown.
      parts.push(str('regionStudied', 'unknown'), str('uncallableRegions', 'unknown'));
    }
    return part('tests', parts);
  });
  return { resourceType: 'Parameters', ...(parameter.length ? { parameter } : {}) };
}
