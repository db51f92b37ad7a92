// Generates the synthetic cohort (one collection Bundle per patient) from the specs in cohort.ts.
// Run `npx tsx src/server/data/cohort/generate.ts` after editing; test/cohort checks the files match.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COHORT, type PatientSpec, type TestSpec } from './cohort.js';
import type { Json, ObservationContext } from './model.js';
import {
  dataFile,
  diagnosticImplication,
  genomicReport,
  genotype,
  haplotype,
  molecularBiomarker,
  molecularConsequence,
  patient,
  phaseRelationship,
  specimen,
  structuralVariant,
  study,
  studyAnalysis,
  therapeuticImplication,
  variant,
} from './resources.js';

export const COHORT_DIR = dirname(fileURLToPath(import.meta.url));
const BASE = 'https://fgc.example.org/fhir';

/** Every resource of one test: findings, implications, report, study, analysis, files, specimen. */
function testResources(p: PatientSpec, t: TestSpec): Json[] {
  const ctx: ObservationContext = { patientId: p.id, specimenId: t.specimen.id, issued: t.issued };
  const findings: Json[] = [
    ...(t.variants ?? []).map((v) => variant(v, ctx)),
    ...(t.structuralVariants ?? []).map((v) => structuralVariant(v, ctx)),
    ...(t.haplotypes ?? []).map((h) => haplotype(h, ctx)),
    ...(t.genotypes ?? []).map((g) => genotype(g, ctx)),
    ...(t.phase ?? []).map((s) => phaseRelationship(s.id, s.relation, s.variants, ctx)),
    ...(t.biomarkers ?? []).map((b) => molecularBiomarker(b, ctx)),
    ...(t.therapeutic ?? []).map((x) => therapeuticImplication(x, ctx)),
    ...(t.diagnostic ?? []).map((x) => diagnosticImplication(x, ctx)),
    ...(t.consequences ?? []).map((x) => molecularConsequence(x, ctx)),
  ];
  const n = t.key;
  const ids = {
    report: `fgc-report-${n}`,
    study: `fgc-study-${n}`,
    analysis: `fgc-analysis-${n}`,
    bedStudied: `fgc-bed-studied-${n}`,
    bedUncalled: `fgc-bed-uncalled-${n}`,
    vcf: `fgc-vcf-${n}`,
  };
  return [
    specimen(t.specimen.id, p.id, t.specimen.type, t.specimen.collected),
    ...findings,
    genomicReport({
      id: ids.report,
      testId: `fgc-test-${n}`,
      patientId: p.id,
      specimenId: t.specimen.id,
      studyId: ids.study,
      effective: t.date,
      issued: t.issued,
      results: findings.map((f) => f.id as string),
      conclusion: t.conclusion,
    }),
    study({
      id: ids.study,
      patientId: p.id,
      analysisId: ids.analysis,
      type: t.studyType,
      performed: t.date,
      description: t.title,
    }),
    studyAnalysis({
      id: ids.analysis,
      patientId: p.id,
      specimenId: t.specimen.id,
      build: t.build,
      source: t.source,
      performed: t.date,
      title: t.title,
      method: t.method,
      changeTypes: t.changeTypes,
      studied: t.studied,
      uncalled: t.uncalled,
      bedStudiedId: ids.bedStudied,
      bedUncalledId: ids.bedUncalled,
      vcfId: ids.vcf,
    }),
    dataFile(ids.bedStudied, p.id, ids.report, 'bed', `Regions studied by test fgc-test-${n}`, t.studied),
    dataFile(
      ids.bedUncalled,
      p.id,
      ids.report,
      'bed',
      `Uncallable regions of test fgc-test-${n}`,
      t.uncalled,
    ),
    dataFile(ids.vcf, p.id, ids.report, 'vcf', `Variant calls of test fgc-test-${n}`),
  ];
}

/** The cohort as files: name → collection Bundle. */
export function buildCohort(): Map<string, Json> {
  const files = new Map<string, Json>();
  for (const p of COHORT) {
    const resources = [
      patient(p.id, p.name, p.gender, p.birthDate),
      ...p.tests.flatMap((t) => testResources(p, t)),
    ];
    files.set(`${p.id}.json`, {
      resourceType: 'Bundle',
      id: `${p.id}-bundle`,
      meta: {
        tag: [{ system: 'http://fgc.example.org/fhir/CodeSystem/data-source', code: 'synthetic-cohort' }],
      },
      type: 'collection',
      entry: resources.map((r) => ({
        fullUrl: `${BASE}/${r.resourceType as string}/${r.id as string}`,
        resource: r,
      })),
    });
  }
  return files;
}

export function serialize(bundle: Json): string {
  return JSON.stringify(bundle, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, bundle] of buildCohort()) writeFileSync(join(COHORT_DIR, name), serialize(bundle));
  console.log(`wrote ${buildCohort().size} cohort files to ${COHORT_DIR}`);
}
