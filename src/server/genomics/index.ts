// An index of the genomic content of the store, rebuilt after every write: findings per patient, the
// tests (GenomicReports) and specimens each finding came from, and each variant's location.
import type { DiagnosticReport, Observation, Resource, Specimen } from '@medplum/fhirtypes';
import { Codes, SourceClasses, componentCode, components, componentStrings } from './codes.js';
import { type VariantLocation, locateVariant } from './location.js';

export type FindingKind =
  | 'variant'
  | 'haplotype'
  | 'genotype'
  | 'sequence-phase-relationship'
  | 'therapeutic-implication'
  | 'diagnostic-implication'
  | 'molecular-consequence';

export const KIND_BY_CODE: Readonly<Record<string, FindingKind>> = {
  [Codes.variant]: 'variant',
  [Codes.haplotype]: 'haplotype',
  [Codes.genotype]: 'genotype',
  [Codes.sequencePhaseRelationship]: 'sequence-phase-relationship',
  [Codes.therapeuticImplication]: 'therapeutic-implication',
  [Codes.diagnosticImplication]: 'diagnostic-implication',
  [Codes.molecularConsequence]: 'molecular-consequence',
};

export interface TestInfo {
  readonly reportId: string;
  /** `DiagnosticReport.identifier.value`s, or the report id when it has none. */
  readonly identifiers: readonly string[];
  /** `effectiveDateTime`, else `issued`. */
  readonly date?: string;
  readonly specimenIds: readonly string[];
  readonly report: DiagnosticReport;
  readonly patientId?: string;
}

export interface Finding {
  readonly ref: string; // Observation/<id>
  readonly resource: Observation;
  readonly kind: FindingKind;
  readonly patientId?: string;
  readonly location?: VariantLocation;
  /** Lower-cased names the variant is known by: HGVS, variation codes (ClinVar, dbSNP, SPDI). */
  readonly names: ReadonlySet<string>;
  readonly tests: readonly TestInfo[];
  readonly specimenIds: readonly string[];
  readonly sourceClass?: 'germline' | 'somatic';
  readonly derivedFrom: readonly string[];
}

export function patientIdOf(reference: string | undefined): string | undefined {
  const match = /^(?:.*\/)?Patient\/([^/]+)$/.exec(reference ?? '');
  return match?.[1];
}

function specimenIdsOf(specimen: Specimen | undefined, id: string): string[] {
  const ids = (specimen?.identifier ?? []).map((i) => i.value).filter((v): v is string => Boolean(v));
  return [...ids, id];
}

const NAME_COMPONENTS = [Codes.codingHgvs, Codes.genomicHgvs, Codes.proteinHgvs, Codes.variationCode];

function variantNames(obs: Observation): Set<string> {
  const names = new Set<string>();
  for (const code of NAME_COMPONENTS)
    for (const c of components(obs, code))
      for (const s of componentStrings(c)) names.add(s.trim().toLowerCase());
  return names;
}

export class GenomicIndex {
  readonly findings = new Map<string, Finding>();
  readonly byPatient = new Map<string, Finding[]>();
  readonly patients = new Set<string>();
  readonly tests = new Map<string, TestInfo[]>();
  readonly accessions = new Set<string>();
  /** Every stored resource by `Type/id`, for operations that read beyond findings (study regions). */
  private readonly byRef = new Map<string, Resource>();

  constructor(resources: readonly Resource[]) {
    const byRef = this.byRef;
    for (const r of resources) byRef.set(`${r.resourceType}/${r.id}`, r);
    for (const r of resources) if (r.resourceType === 'Patient' && r.id) this.patients.add(r.id);

    const specimenIds = (ref: string | undefined): string[] => {
      if (!ref) return [];
      const id = ref.split('/').pop()!;
      return specimenIdsOf(byRef.get(ref) as Specimen | undefined, id);
    };

    // Tests: every DiagnosticReport, reaching its findings through result and grouper hasMember links.
    const testsOf = new Map<string, TestInfo[]>();
    for (const r of resources) {
      if (r.resourceType !== 'DiagnosticReport') continue;
      const report = r as DiagnosticReport;
      const identifiers = (report.identifier ?? [])
        .map((i) => i.value)
        .filter((v): v is string => Boolean(v));
      const test: TestInfo = {
        reportId: report.id!,
        identifiers: identifiers.length ? identifiers : [report.id!],
        ...(report.effectiveDateTime || report.issued
          ? { date: report.effectiveDateTime ?? report.issued }
          : {}),
        specimenIds: (report.specimen ?? []).flatMap((s) => specimenIds(s.reference)),
        report,
        ...(patientIdOf(report.subject?.reference)
          ? { patientId: patientIdOf(report.subject?.reference) }
          : {}),
      };
      if (test.patientId) this.pushTo(this.tests, test.patientId, test);
      const seen = new Set<string>();
      const walk = (ref: string | undefined): void => {
        if (!ref || seen.has(ref)) return;
        seen.add(ref);
        this.pushTo(testsOf, ref, test);
        const target = byRef.get(ref) as Observation | undefined;
        for (const member of target?.hasMember ?? []) walk(member.reference);
      };
      for (const result of report.result ?? []) walk(result.reference);
    }

    for (const r of resources) {
      if (r.resourceType !== 'Observation') continue;
      const obs = r as Observation;
      const code = obs.code?.coding?.find((c) => c.code && KIND_BY_CODE[c.code])?.code;
      const kind = code ? KIND_BY_CODE[code] : undefined;
      if (!kind || !obs.id) continue;
      const ref = `Observation/${obs.id}`;
      const location = kind === 'variant' ? locateVariant(obs) : undefined;
      if (location) this.accessions.add(location.accession);
      const sourceCode = componentCode(obs, Codes.genomicSourceClass);
      const patientId = patientIdOf(obs.subject?.reference);
      const tests = testsOf.get(ref) ?? [];
      const finding: Finding = {
        ref,
        resource: obs,
        kind,
        ...(patientId ? { patientId } : {}),
        ...(location ? { location } : {}),
        names: kind === 'variant' ? variantNames(obs) : new Set(),
        tests,
        specimenIds: [...specimenIds(obs.specimen?.reference), ...tests.flatMap((t) => t.specimenIds)],
        ...(sourceCode && SourceClasses[sourceCode] ? { sourceClass: SourceClasses[sourceCode] } : {}),
        derivedFrom: (obs.derivedFrom ?? []).map((d) => d.reference).filter((v): v is string => Boolean(v)),
      };
      this.findings.set(ref, finding);
      if (patientId) this.pushTo(this.byPatient, patientId, finding);
    }
  }

  private pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  /** The stored resource a relative reference (`Type/id`) names. */
  resolve(reference: string | undefined): Resource | undefined {
    return reference ? this.byRef.get(reference) : undefined;
  }

  /** Whether the subject exists: a Patient resource or the subject of any finding. */
  hasPatient(id: string): boolean {
    return this.patients.has(id) || this.byPatient.has(id);
  }

  findingsOf(patientId: string, kinds: readonly FindingKind[]): Finding[] {
    return (this.byPatient.get(patientId) ?? []).filter((f) => kinds.includes(f.kind));
  }

  /** Patients with at least one finding: the population the population operations count over. */
  populationIds(): string[] {
    return [...this.byPatient.keys()].sort();
  }

  /** The tests and specimens a finding came from; implications outside any report inherit them from their targets. */
  contextOf(finding: Finding): { tests: TestInfo[]; specimenIds: string[] } {
    if (finding.tests.length || !finding.derivedFrom.length)
      return { tests: [...finding.tests], specimenIds: [...finding.specimenIds] };
    const targets = finding.derivedFrom
      .map((r) => this.findings.get(r))
      .filter((f): f is Finding => Boolean(f));
    return {
      tests: [...new Set([...finding.tests, ...targets.flatMap((t) => t.tests)])],
      specimenIds: [...new Set([...finding.specimenIds, ...targets.flatMap((t) => t.specimenIds)])],
    };
  }
}
