// The study patient: two tests (GenomicReports with identifiers), their specimens and dates, and a range where
// the first test found a variant that nothing else of the patient has there, and that variant (for the query
// filters); plus the patient with GenomicDataFiles.
import type { DiagnosticReport, Observation, Specimen } from '@medplum/fhirtypes';
import type { PatientHoldings, SiteData } from '../site-data.js';
import { kindOf, refOf } from '../site-data.js';
import { describeVariant, type VariantFact } from '../variants.js';
import type { Role } from './roles.js';
import { anyWithin, around, placeOf } from './ranges.js';
import { type Candidate, type Derivation, derived, notDerived } from './types.js';

const STUDY_REFERENCE =
  'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-study-reference';

interface Test {
  readonly report: DiagnosticReport;
  readonly id: string;
  /** YYYY-MM-DD of effectiveDateTime, else issued. */
  readonly date?: string;
  readonly specimenRef?: string;
  readonly specimenId?: string;
  /** `Observation/<id>` of the Variants it reports (results and grouper members). */
  readonly variants: ReadonlySet<string>;
}

interface Filter {
  readonly variant: VariantFact;
  readonly range: string;
}

export interface StudyPlan {
  readonly tests: readonly Test[];
  readonly test: Test;
  readonly other: Test;
  readonly filter?: Filter;
}

function variantsOf(data: SiteData, report: DiagnosticReport): Set<string> {
  const out = new Set<string>();
  const walk = (reference: string | undefined, depth: number): void => {
    const target = data.get(reference) as Observation | undefined;
    if (!target || depth > 3) return;
    if (kindOf(target) === 'variant') out.add(`Observation/${target.id}`);
    for (const member of target.hasMember ?? []) walk(member.reference, depth + 1);
  };
  for (const result of report.result ?? []) walk(result.reference, 0);
  return out;
}

function testOf(data: SiteData, report: DiagnosticReport): Test | undefined {
  const id = report.identifier?.find((i) => i.value)?.value;
  if (!id) return undefined;
  const date = (report.effectiveDateTime ?? report.issued)?.slice(0, 10);
  const specimenRef = refOf(report.specimen?.[0]?.reference);
  const specimen = data.get(specimenRef) as Specimen | undefined;
  const specimenId = specimen?.identifier?.find((i) => i.value)?.value;
  return {
    report,
    id,
    ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    ...(specimenRef ? { specimenRef } : {}),
    ...(specimenId ? { specimenId } : {}),
    variants: variantsOf(data, report),
  };
}

/**
 * A variant only `test` found, with a range around it holding nothing else of the patient (same source class);
 * one with an SPDI first, so filterVariant can name it.
 */
function filterFor(p: PatientHoldings, tests: readonly Test[], test: Test): Filter | undefined {
  const elsewhere = new Set(tests.filter((t) => t !== test).flatMap((t) => [...t.variants]));
  const withSpdiFirst = [...p.variants].sort((a, b) => Number(Boolean(b.spdi)) - Number(Boolean(a.spdi)));
  for (const fact of withSpdiFirst) {
    const place = placeOf(fact);
    if (
      !test.variants.has(fact.ref) ||
      elsewhere.has(fact.ref) ||
      !fact.present ||
      !place ||
      !fact.sourceClass
    )
      continue;
    if (fact.location!.structural) continue;
    const range = around(fact.location!.accession, place);
    const [, from, to] = /:(\d+)-(\d+)$/.exec(range)!.map(Number) as [number, number, number];
    const others = p.variants.filter((v) => v !== fact);
    const clash = others.filter((v) => anyWithin([v], fact.location!.accession, from, to));
    if (
      clash.every(
        (v) => test.variants.has(v.ref) && !elsewhere.has(v.ref) && v.sourceClass === fact.sourceClass,
      )
    )
      return { variant: fact, range };
  }
  return undefined;
}

function studyPlan(data: SiteData, p: PatientHoldings): { plan: StudyPlan; quality: number } | undefined {
  const tests = p.reports.map((r) => testOf(data, r)).filter((t): t is Test => t !== undefined);
  const unique = tests.filter((t) => tests.filter((u) => u.id === t.id).length === 1);
  if (unique.length < 2) return undefined;
  const specimenOnce = (t: Test) =>
    t.specimenId && tests.filter((u) => u.specimenRef === t.specimenRef).length === 1;
  let best: { plan: StudyPlan; quality: number } | undefined;
  for (const test of unique) {
    for (const other of unique) {
      if (other === test || !test.date) continue;
      const filter = filterFor(p, tests, test);
      const quality =
        (filter ? 100 : 0) +
        (specimenOnce(test) && specimenOnce(other) && test.specimenId !== other.specimenId ? 30 : 0) +
        (p.reports.some((r) => r.extension?.some((e) => e.url === STUDY_REFERENCE)) ? 20 : 0) +
        (p.procedures.length > 0 ? 10 : 0);
      if (!best || quality > best.quality)
        best = { quality, plan: { tests, test, other, ...(filter ? { filter } : {}) } };
    }
  }
  return best;
}

export const studyRole: Role<StudyPlan> = {
  input: 'studyPatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()].flatMap((p): Candidate<StudyPlan>[] => {
      const found = studyPlan(ctx.data, p);
      return found ? [{ patient: p.id, ...found }] : [];
    }),
  describe: ({ plan }) => `${plan.tests.length} GenomicReports with identifiers`,
};

const reportRef = (t: Test) => `DiagnosticReport/${t.report.id}`;

/** The day before a YYYY-MM-DD date. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function studyRules(chosen: Candidate<StudyPlan> | undefined): Record<string, () => Derivation> {
  const none = () => notDerived('no patient has two GenomicReports (51969-4) with identifiers and a date');
  if (!chosen) return Object.fromEntries(STUDY_INPUTS.map((name) => [name, none]));
  const { test, other, filter } = chosen.plan;
  const noFilter = () =>
    notDerived(
      `no Variant of Patient/${chosen.patient} is reported by ${reportRef(test)} alone with nothing else near it`,
    );
  const noSpecimen = (t: Test) =>
    notDerived(`${reportRef(t)} has no specimen of its own with an identifier (Specimen.identifier.value)`);
  const specimens = test.specimenId && other.specimenId && test.specimenId !== other.specimenId;
  const otherClass = { germline: 'somatic', somatic: 'germline' } as const;
  return {
    testId: () => derived(test.id, `identifier of ${reportRef(test)}`),
    otherTestId: () => derived(other.id, `identifier of ${reportRef(other)}`),
    specimenId: () =>
      specimens
        ? derived(test.specimenId!, `identifier of ${test.specimenRef}, the specimen of ${reportRef(test)}`)
        : noSpecimen(test),
    otherSpecimenId: () =>
      specimens
        ? derived(
            other.specimenId!,
            `identifier of ${other.specimenRef}, the specimen of ${reportRef(other)}`,
          )
        : noSpecimen(other),
    testDateFrom: () => derived(`ge${test.date}`, `${reportRef(test)} is dated ${test.date}`),
    testDateUntil: () =>
      derived(`le${dayBefore(test.date!)}`, `the day before ${reportRef(test)} (${test.date})`),
    filterRange: () =>
      filter
        ? derived(filter.range, `${describeVariant(filter.variant)}, reported by ${reportRef(test)} only`)
        : noFilter(),
    filterVariant: () =>
      filter?.variant.spdi
        ? derived(
            filter.variant.spdi,
            `${describeVariant(filter.variant)}, reported by ${reportRef(test)} only, as SPDI`,
          )
        : filter
          ? notDerived(`${filter.variant.ref}, the variant in filterRange, has no REF and ALT for an SPDI`)
          : noFilter(),
    sourceClass: () =>
      filter
        ? derived(filter.variant.sourceClass!, `genomic source class of ${filter.variant.ref}`)
        : noFilter(),
    otherSourceClass: () =>
      filter
        ? derived(otherClass[filter.variant.sourceClass!], `the other class than ${filter.variant.ref}'s`)
        : noFilter(),
  };
}

const STUDY_INPUTS = [
  'testId',
  'otherTestId',
  'specimenId',
  'otherSpecimenId',
  'testDateFrom',
  'testDateUntil',
  'filterRange',
  'filterVariant',
  'sourceClass',
  'otherSourceClass',
];

export const dataFileRole: Role<number> = {
  input: 'dataFilePatientId',
  candidates: (ctx) =>
    [...ctx.data.patients().values()].flatMap((p) => {
      const files = p.dataFiles;
      if (files.length === 0) return [];
      const related = files.filter((f) =>
        f.context?.related?.some((r) => refOf(r.reference)?.startsWith('DiagnosticReport/')),
      );
      return [
        {
          patient: p.id,
          quality: (related.length === files.length ? 20 : 0) + (related.length > 0 ? 10 : 0),
          plan: files.length,
        },
      ];
    }),
  describe: ({ plan }) => `${plan} GenomicDataFile DocumentReference(s)`,
};
