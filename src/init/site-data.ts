// What `fgc init` learned about a site: every resource it fetched, keyed by `Type/id`, sorted into the
// genomic kinds the suites test (Variant, Haplotype, implications, reports...) and grouped by patient.
import type { DiagnosticReport, DocumentReference, Observation, Procedure } from '@medplum/fhirtypes';
import { Codes, TBD_CODES } from '../server/genomics/codes.js';
import { KIND_BY_CODE, type FindingKind } from '../server/genomics/index.js';
import type { FhirResource } from './reader.js';
import { type VariantFact, variantFact } from './variants.js';

/** The genomic kinds the reference server indexes, plus MolecularBiomarkers (found by category). */
export type ObservationKind = FindingKind | 'biomarker';

export const GENOMIC_DATA_FILE =
  'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-data-file';

/** `Type/id` of a literal reference (relative, absolute or versioned); undefined for others. */
export function refOf(reference: string | undefined): string | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(
    reference ?? '',
  );
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The patient id a resource is about (`subject`, else `patient`). */
export function patientOf(resource: FhirResource): string | undefined {
  const subject = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const ref = refOf(subject.subject?.reference ?? subject.patient?.reference);
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

export function kindOf(resource: FhirResource): ObservationKind | undefined {
  if (resource.resourceType !== 'Observation') return undefined;
  const obs = resource as Observation;
  for (const coding of obs.code?.coding ?? []) {
    const kind = coding.code ? KIND_BY_CODE[coding.code] : undefined;
    if (kind) return kind;
  }
  const biomarker = obs.category?.some((c) =>
    c.coding?.some((k) => k.system === TBD_CODES && k.code === 'biomarker-category'),
  );
  return biomarker ? 'biomarker' : undefined;
}

export function isGenomicDataFile(resource: FhirResource): boolean {
  const doc = resource as DocumentReference;
  return (
    resource.resourceType === 'DocumentReference' && (doc.meta?.profile ?? []).includes(GENOMIC_DATA_FILE)
  );
}

export function isGenomicReport(resource: FhirResource): boolean {
  const report = resource as DiagnosticReport;
  return (
    resource.resourceType === 'DiagnosticReport' &&
    (report.code?.coding ?? []).some((c) => c.code === Codes.genomicReport)
  );
}

/** Everything fetched about one patient. */
export interface PatientHoldings {
  readonly id: string;
  /** A Patient resource with this id was seen (reads of Patient/<id> work). */
  exists: boolean;
  readonly observations: Map<ObservationKind, Observation[]>;
  readonly variants: VariantFact[];
  readonly reports: DiagnosticReport[];
  readonly dataFiles: DocumentReference[];
  readonly procedures: Procedure[];
}

export class SiteData {
  private readonly byRef = new Map<string, FhirResource>();
  private readonly facts = new Map<string, VariantFact>();
  private patientIndex: Map<string, PatientHoldings> | undefined;

  add(resources: readonly FhirResource[]): void {
    for (const r of resources) {
      if (!r.id) continue;
      this.byRef.set(`${r.resourceType}/${r.id}`, r);
      this.patientIndex = undefined;
    }
  }

  get(reference: string | undefined): FhirResource | undefined {
    const ref = refOf(reference);
    return ref ? this.byRef.get(ref) : undefined;
  }

  has(reference: string | undefined): boolean {
    return this.get(reference) !== undefined;
  }

  ofType(type: string): FhirResource[] {
    return [...this.byRef.values()].filter((r) => r.resourceType === type);
  }

  ofKind(kind: ObservationKind): Observation[] {
    return [...this.byRef.values()].filter((r) => kindOf(r) === kind) as Observation[];
  }

  /** The located facts of a Variant Observation (read once). */
  variant(obs: Observation): VariantFact {
    const ref = `Observation/${obs.id}`;
    let fact = this.facts.get(ref);
    if (!fact) this.facts.set(ref, (fact = variantFact(obs)));
    return fact;
  }

  /** Every Variant fact on the site (as far as fetched). */
  allVariants(): VariantFact[] {
    return this.ofKind('variant').map((o) => this.variant(o));
  }

  /** Patients by id, with what was fetched about each. */
  patients(): Map<string, PatientHoldings> {
    if (this.patientIndex) return this.patientIndex;
    const index = new Map<string, PatientHoldings>();
    const holdings = (id: string): PatientHoldings => {
      let p = index.get(id);
      if (!p) {
        p = {
          id,
          exists: false,
          observations: new Map(),
          variants: [],
          reports: [],
          dataFiles: [],
          procedures: [],
        };
        index.set(id, p);
      }
      return p;
    };
    for (const r of this.byRef.values()) {
      if (r.resourceType === 'Patient' && r.id) {
        holdings(r.id).exists = true;
        continue;
      }
      const patient = patientOf(r);
      if (!patient) continue;
      const p = holdings(patient);
      const kind = kindOf(r);
      if (kind) {
        p.observations.set(kind, [...(p.observations.get(kind) ?? []), r as Observation]);
        if (kind === 'variant') p.variants.push(this.variant(r as Observation));
      } else if (isGenomicReport(r)) p.reports.push(r as DiagnosticReport);
      else if (isGenomicDataFile(r)) p.dataFiles.push(r as DocumentReference);
      else if (r.resourceType === 'Procedure') p.procedures.push(r as Procedure);
    }
    this.patientIndex = index;
    return index;
  }

  patient(id: string): PatientHoldings | undefined {
    return this.patients().get(id);
  }
}

/** The Observations of one kind a patient has. */
export function observationsOf(p: PatientHoldings, kind: ObservationKind): Observation[] {
  return p.observations.get(kind) ?? [];
}
