// Step 1 of `fgc init`: read the CapabilityStatement, then search the site for each profile's resources by
// the profile's code (or category), and read what those resources point at (derivedFrom targets, specimens).
import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';
import { Codes, LOINC, TBD_CODES } from '../server/genomics/codes.js';
import { preflight, type Preflight } from '../runner/preflight.js';
import { GENOMIC_DATA_FILE, SiteData, isGenomicDataFile, refOf } from './site-data.js';
import type { Query, SiteReader } from './reader.js';

interface ProfileSearch {
  readonly label: string;
  readonly type: string;
  readonly query: Query;
  /** Fewer pages than the default: a sample is enough. */
  readonly maxPages?: number;
}

const LAB_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
/** How a server says it will not run a search as asked (400 Bad Request, 422 Unprocessable). */
const REFUSED = new Set([400, 422]);

const observations = (label: string, system: string, code: string): ProfileSearch => ({
  label,
  type: 'Observation',
  query: { code: `${system}|${code}` },
});

/** One search per profile the suites test; Patients last, to find a patient without genomic results. */
export const PROFILE_SEARCHES: readonly ProfileSearch[] = [
  observations('Variants', LOINC, Codes.variant),
  observations('Haplotypes', LOINC, Codes.haplotype),
  observations('Genotypes', LOINC, Codes.genotype),
  observations('SequencePhaseRelationships', LOINC, Codes.sequencePhaseRelationship),
  observations('TherapeuticImplications', TBD_CODES, Codes.therapeuticImplication),
  observations('DiagnosticImplications', TBD_CODES, Codes.diagnosticImplication),
  observations('MolecularConsequences', TBD_CODES, Codes.molecularConsequence),
  {
    label: 'MolecularBiomarkers',
    type: 'Observation',
    query: { category: `${TBD_CODES}|biomarker-category` },
  },
  { label: 'GenomicReports', type: 'DiagnosticReport', query: { code: `${LOINC}|${Codes.genomicReport}` } },
  { label: 'GenomicDataFiles', type: 'DocumentReference', query: { _profile: GENOMIC_DATA_FILE } },
  // A page of patients is enough to find one without genomic results.
  { label: 'Patients', type: 'Patient', query: {}, maxPages: 1 },
];

export interface CollectOptions {
  /** Resources asked for per page. */
  readonly pageSize: number;
  /** Pages read per search at most. */
  readonly maxPages: number;
  readonly configuredOperations: readonly string[];
  readonly log: (line: string) => void;
}

export interface Collected {
  readonly data: SiteData;
  readonly preflight: Preflight;
  /** Searches whose every page was read: what they found is all the site has. */
  readonly complete: ReadonlySet<string>;
}

export async function collect(
  reader: SiteReader,
  baseUrl: string,
  options: CollectOptions,
): Promise<Collected> {
  const data = new SiteData();
  const complete = new Set<string>();
  options.log('Reading the CapabilityStatement');
  const checked = await preflight(reader.client, baseUrl, options.configuredOperations);
  for (const warning of checked.warnings) options.log(`  ${warning}`);
  for (const search of PROFILE_SEARCHES) {
    if (reader.exhausted) break;
    options.log(`Searching ${search.label}`);
    const query = { ...search.query, _count: String(options.pageSize) };
    const pages = Math.min(search.maxPages ?? options.maxPages, options.maxPages);
    let result = await reader.search(search.type, query, pages);
    // Some servers only search Observations within a category (laboratory is on every genomic result).
    if (REFUSED.has(result.status) && search.type === 'Observation' && !search.query.category)
      result = await reader.search(search.type, { ...query, category: LAB_CATEGORY }, pages);
    // A server that does not know _profile refuses it or ignores it: then read a little and keep only what
    // claims the profile (the rest of a DocumentReference search is clinical notes and scans).
    if (search.label === 'GenomicDataFiles' && (result.status !== 200 || result.resources.length === 0))
      result = await reader.search(search.type, { _count: String(options.pageSize) }, Math.min(pages, 2));
    const kept =
      search.label === 'GenomicDataFiles' ? result.resources.filter(isGenomicDataFile) : result.resources;
    data.add(kept);
    if (result.complete) complete.add(search.label);
    options.log(`  ${kept.length} found${result.complete ? '' : ' (not every page was read: a sample)'}`);
  }
  await readReferencedResources(reader, data, options.log);
  return { data, preflight: checked, complete };
}

/** Reads what the derivations need and the searches did not return: derivedFrom targets, report specimens. */
async function readReferencedResources(reader: SiteReader, data: SiteData, log: (line: string) => void) {
  const wanted = new Set<string>();
  for (const kind of [
    'therapeutic-implication',
    'diagnostic-implication',
    'molecular-consequence',
    'sequence-phase-relationship',
  ] as const)
    for (const obs of data.ofKind(kind))
      for (const d of (obs as Observation).derivedFrom ?? []) addRef(wanted, d.reference);
  for (const report of data.ofType('DiagnosticReport') as DiagnosticReport[])
    for (const s of report.specimen ?? []) addRef(wanted, s.reference);
  const missing = [...wanted].filter((ref) => !data.has(ref));
  if (missing.length === 0) return;
  log(`Reading ${missing.length} referenced resource(s)`);
  for (const ref of missing) {
    if (reader.exhausted) return;
    const answer = await reader.get(ref);
    if (answer?.status === 200 && answer.body) data.add([answer.body as Observation]);
  }
}

function addRef(set: Set<string>, reference: string | undefined): void {
  const ref = refOf(reference);
  if (ref) set.add(ref);
}

/** `Procedure?subject=Patient/<id>`: what the study suites will search for that patient. */
export async function collectProcedures(
  reader: SiteReader,
  data: SiteData,
  patient: string,
  options: CollectOptions,
) {
  if (reader.exhausted) return;
  const result = await reader.search(
    'Procedure',
    { subject: `Patient/${patient}`, _count: String(options.pageSize) },
    options.maxPages,
  );
  data.add(result.resources);
}

/** Genomic result codes, for one search that asks whether a patient has any. */
const GENOMIC_CODES = PROFILE_SEARCHES.flatMap((s) =>
  typeof s.query.code === 'string' ? [s.query.code] : [],
);

/** Whether the patient has a genomic result the profile searches did not read (undefined: could not tell). */
export async function hasGenomicResults(reader: SiteReader, patient: string): Promise<boolean | undefined> {
  const answer = await reader.get('Observation', {
    subject: `Patient/${patient}`,
    code: GENOMIC_CODES.join(','),
    _count: '1',
  });
  const bundle = answer?.body as { resourceType?: string; entry?: unknown[] } | undefined;
  if (answer?.status !== 200 || bundle?.resourceType !== 'Bundle') return undefined;
  return (bundle.entry ?? []).length > 0;
}
