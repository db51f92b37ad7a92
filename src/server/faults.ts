// Injectable non-conformances (`fgc serve --fault <id>`): each one reproduces a mistake real genomics
// servers make (docs/reference-server.md lists them) and names the ids (from suites/requirements.yaml) of
// the requirements it breaks. The server's normal behaviour is the IG's; a fault changes exactly what its
// description says.
import type {
  CodeableConcept,
  Observation,
  Parameters,
  ParametersParameter,
  Resource,
} from '@medplum/fhirtypes';
import { Codes, COORDINATE_SYSTEMS, IG_CANONICAL, LOINC, hasCode } from './genomics/codes.js';
import { IG_BEHAVIOUR, type OperationFlags } from './operations/context.js';

export interface HttpBehaviour {
  readonly contentType: string;
  readonly plainJsonErrors: boolean;
  readonly unknownSubjectStatus: number;
  readonly invalidParameterStatus: number;
  readonly omitNextLink: boolean;
  readonly localOperationDefinitions: boolean;
}

interface FaultDefinition {
  readonly id: string;
  readonly description: string;
  readonly breaks: readonly string[];
  /** Applied to every resource as it is stored, so reads, searches and operations all show it. */
  readonly resource?: (r: Resource) => Resource;
  /** Applied to an operation's output. */
  readonly output?: (operation: string, out: Parameters) => Parameters;
  readonly flags?: Partial<OperationFlags>;
  readonly http?: Partial<HttpBehaviour>;
}

const PROFILE = `${IG_CANONICAL}/StructureDefinition/`;

function mapParameters(
  out: Parameters,
  fn: (p: ParametersParameter) => ParametersParameter | undefined,
): Parameters {
  const walk = (list: ParametersParameter[] | undefined): ParametersParameter[] | undefined =>
    list?.flatMap((p) => {
      const mapped = fn(p);
      if (!mapped) return [];
      return [mapped.part ? { ...mapped, part: walk(mapped.part) } : mapped];
    });
  const parameter = walk(out.parameter);
  return { ...out, ...(parameter ? { parameter } : {}) };
}

function mergeCategories(r: Resource): Resource {
  if (r.resourceType !== 'Observation') return r;
  const obs = r as Observation;
  const categories = obs.category ?? [];
  const lab = categories.find((c) => hasCode(c, 'laboratory'));
  const ge = categories.find((c) => hasCode(c, 'GE'));
  if (!lab || !ge || lab === ge) return r;
  const merged: CodeableConcept = { coding: [...(lab.coding ?? []), ...(ge.coding ?? [])] };
  return { ...obs, category: [merged, ...categories.filter((c) => c !== lab && c !== ge)] } as Resource;
}

const STU2_IDS: Readonly<Record<string, string>> = {
  'genomic-report': 'genomics-report',
  'genomic-base': 'genomics-base',
};

function stu2Profiles(r: Resource): Resource {
  const profiles = r.meta?.profile;
  if (!profiles?.length) return r;
  const mapped = profiles.map((p) => {
    const id = p.startsWith(PROFILE) ? p.slice(PROFILE.length) : undefined;
    return id && STU2_IDS[id] ? PROFILE + STU2_IDS[id] : p;
  });
  return { ...r, meta: { ...r.meta, profile: mapped } } as Resource;
}

/**
 * STU2-era data: STU2 canonicals, and Observations with only the laboratory category, because the GE category
 * slice is new in STU3 (FHIR-31506). Claiming an STU2 canonical alone breaks no SHALL of STU3 (the change log only
 * renames the profiles); the missing GE category does.
 */
function stu2Data(r: Resource): Resource {
  const renamed = stu2Profiles(r);
  if (renamed.resourceType !== 'Observation') return renamed;
  const obs = renamed as Observation;
  const category = (obs.category ?? []).filter((c) => !hasCode(c, 'GE'));
  return category.length === (obs.category ?? []).length ? renamed : ({ ...obs, category } as Resource);
}

function wrongReportCode(r: Resource): Resource {
  if (r.resourceType !== 'DiagnosticReport') return r;
  const code = (r as { code?: CodeableConcept }).code;
  if (!hasCode(code, Codes.genomicReport)) return r;
  const coding = (code?.coding ?? []).map((c) =>
    c.code === Codes.genomicReport
      ? { system: LOINC, code: '81247-9', display: 'Master HL7 genetic variant reporting panel' }
      : c,
  );
  return { ...r, code: { ...code, coding } } as Resource;
}

/** Rewrites 0-based interval coordinates in output variants to 1-based character counting. */
function oneBasedVariant(p: ParametersParameter): ParametersParameter {
  const obs = p.resource as Observation | undefined;
  if (obs?.resourceType !== 'Observation' || !hasCode(obs.code, Codes.variant)) return p;
  const copy = structuredClone(obs);
  for (const c of copy.component ?? []) {
    if (hasCode(c.code, Codes.coordinateSystem))
      c.valueCodeableConcept = {
        coding: [
          {
            system: LOINC,
            code: COORDINATE_SYSTEMS.oneBasedCharacter,
            display: '1-based character counting',
          },
        ],
      };
    const isPosition = [Codes.exactStartEnd, Codes.outerStartEnd, Codes.innerStartEnd].some((code) =>
      hasCode(c.code, code),
    );
    if (isPosition && c.valueRange?.low?.value !== undefined) c.valueRange.low.value += 1;
  }
  return { ...p, resource: copy };
}

const IMPLICATION_OPERATIONS = [
  'find-subject-tx-implications',
  'find-subject-dx-implications',
  'find-subject-molecular-consequences',
];

const FAULTS: readonly FaultDefinition[] = [
  {
    id: 'category-merged',
    description:
      'Observations carry the laboratory and GE category codings in one CodeableConcept instead of two',
    breaks: ['GR-BASE-CATEGORY', 'GR-BASE-CAT-LAB', 'GR-BASE-CAT-GE'],
    resource: mergeCategories,
  },
  {
    id: 'stu2-profiles',
    description:
      'STU2-era data: meta.profile uses STU2 canonicals (genomics-report, genomics-base) instead of STU3 (genomic-report, genomic-base), and Observations carry only the laboratory category (GE is new in STU3)',
    breaks: ['GR-PROFILE-CANONICAL', 'GR-BASE-CATEGORY', 'GR-BASE-CAT-GE'],
    resource: stu2Data,
  },
  {
    id: 'wrong-report-code',
    description: 'GenomicReports are coded LOINC 81247-9 (master variant reporting panel) instead of 51969-4',
    breaks: ['GR-REPORT-CODE'],
    resource: wrongReportCode,
  },
  {
    id: 'one-based-output',
    description:
      'Variants in operation output use 1-based coordinates (LA30102-0, low + 1) instead of 0-based LA30100-4',
    breaks: [
      'OP-RANGES-0BASED',
      'OP-FSV-VARIANT-CONTENT',
      'OP-FSSV-VARIANT-CONTENT',
      'OP-FSIV-VARIANT-CONTENT',
      'OP-FSSUB-VARIANT-CONTENT',
    ],
    output: (_op, out) => mapParameters(out, oneBasedVariant),
  },
  {
    id: 'include-variants-default-true',
    description:
      'includeVariants defaults to true (the IG default is false), as the reference implementation does',
    breaks: ['OP-FSV-INCLUDE-VARIANTS', 'OP-FSIV-INCLUDE-VARIANTS', 'OP-FSSUB-INCLUDE-VARIANTS'],
    flags: { includeVariantsDefaultTrue: true },
  },
  {
    id: 'phasing-without-variants',
    description:
      'includePhasing=true does not imply includeVariants=true (no variants and no phase relationships returned)',
    breaks: ['OP-FSV-INCLUDE-PHASING', 'OP-FSV-PHASING'],
    flags: { phasingWithoutVariants: true },
  },
  {
    id: 'closed-ranges',
    description:
      'Ranges are treated as closed [start, end] instead of half-open, so a variant starting at end matches',
    // Extra results at the end are allowed imprecision (SHOULD); the SHALL it breaks is the subsuming presence:
    // a variant that covers exactly [start, end) is no longer found to subsume the range.
    breaks: ['OP-RANGE-END-EXCLUSIVE', 'OP-FSSUB-PRESENCE'],
    flags: { closedRanges: true },
  },
  {
    id: 'omit-absent',
    description:
      'Blocks with presence=false are left out instead of one block per requested range, variant or haplotype',
    breaks: [
      'OP-FSV-PRESENCE',
      'OP-FSSV-PRESENCE',
      'OP-FSSH-PRESENCE',
      'OP-FSIV-PRESENCE',
      'OP-FSSUB-PRESENCE',
    ],
    output: (_op, out) =>
      mapParameters(out, (p) =>
        p.part?.some((x) => x.name === 'presence' && x.valueBoolean === false) ? undefined : p,
      ),
  },
  {
    id: 'testid-casing',
    description: '$find-study-metadata names the test identifier part testID instead of testId',
    breaks: ['OP-FSM-TEST-ID'],
    output: (_op, out) => mapParameters(out, (p) => (p.name === 'testId' ? { ...p, name: 'testID' } : p)),
  },
  {
    id: 'testdate-string',
    description:
      '$find-study-metadata returns testDate as a valueString "YYYY-MM-DD 00:00:00" instead of a valueDateTime',
    breaks: ['OP-FSM-TEST-DATE'],
    output: (_op, out) =>
      mapParameters(out, (p) =>
        p.name === 'testDate' && p.valueDateTime
          ? { name: p.name, valueString: `${p.valueDateTime.slice(0, 10)} 00:00:00` }
          : p,
      ),
  },
  {
    id: 'implications-without-targets',
    description:
      'Implication and consequence operations leave out the derivedFrom targets (variants, haplotypes, genotypes)',
    breaks: ['OP-FSTX-IMPLICATION-CONTENT', 'OP-FSDX-IMPLICATION-CONTENT', 'OP-FSMC-CONSEQUENCE-CONTENT'],
    output: (op, out) =>
      IMPLICATION_OPERATIONS.includes(op)
        ? mapParameters(out, (p) => (['variant', 'haplotype', 'genotype'].includes(p.name) ? undefined : p))
        : out,
  },
  {
    id: 'date-range-or',
    description: 'Repeated testDateRange values are combined with OR instead of AND',
    // AND for dates is guidance (SHOULD); a result outside the one requested period breaks the filter (SHALL).
    breaks: ['OP-DATE-RANGE-AND', 'OP-FILTER-TEST-DATE'],
    flags: { dateRangeOr: true },
  },
  {
    id: 'unknown-subject-400',
    description: 'An unknown subject gets HTTP 400 instead of 404, as the reference implementation does',
    breaks: ['OP-ERROR-404'],
    http: { unknownSubjectStatus: 400 },
  },
  {
    id: 'invalid-parameter-500',
    description: 'Invalid operation or search parameters get HTTP 500 instead of 400',
    breaks: ['OP-ERROR-400'],
    http: { invalidParameterStatus: 500 },
  },
  {
    id: 'plain-json-errors',
    description: 'Errors come back as plain JSON {"error","message","status"} instead of an OperationOutcome',
    breaks: ['FHIR-MIME-TYPE-CORRECT', 'FHIR-ERROR-OUTCOME', 'OP-ERROR-OUTCOME'],
    http: { plainJsonErrors: true },
  },
  {
    id: 'json-content-type',
    description: 'Responses are labelled Content-Type application/json instead of application/fhir+json',
    breaks: ['FHIR-JSON-MEDIA-TYPE'],
    http: { contentType: 'application/json' },
  },
  {
    id: 'missing-next-link',
    description: 'Search pages carry no Bundle.link next, although more results exist',
    breaks: ['FHIR-SEARCH-PAGING'],
    http: { omitNextLink: true },
  },
  {
    id: 'local-operation-definitions',
    description:
      'The CapabilityStatement points operations at server-local OperationDefinitions instead of the IG canonicals',
    breaks: ['OP-CAPABILITY-LOCAL-BASE'],
    http: { localOperationDefinitions: true },
  },
];

export interface FaultInfo {
  id: string;
  description: string;
  breaks: string[];
}

export function listFaults(): FaultInfo[] {
  return FAULTS.map((f) => ({ id: f.id, description: f.description, breaks: [...f.breaks] }));
}

export class UnknownFaultError extends Error {
  readonly code = 'UNKNOWN_FAULT';
}

/** The faults a server runs with, combined into the hooks the rest of the server calls. */
export class FaultSet {
  readonly flags: OperationFlags;
  readonly http: HttpBehaviour;
  private readonly active: readonly FaultDefinition[];

  constructor(ids: readonly string[] = []) {
    const unknown = ids.filter((id) => !FAULTS.some((f) => f.id === id));
    if (unknown.length)
      throw new UnknownFaultError(
        `Unknown fault id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid ids: ${FAULTS.map((f) => f.id).join(', ')}`,
      );
    this.active = FAULTS.filter((f) => ids.includes(f.id));
    this.flags = Object.assign({ ...IG_BEHAVIOUR }, ...this.active.map((f) => f.flags ?? {}));
    this.http = Object.assign(
      {
        contentType: 'application/fhir+json',
        plainJsonErrors: false,
        unknownSubjectStatus: 404,
        invalidParameterStatus: 400,
        omitNextLink: false,
        localOperationDefinitions: false,
      },
      ...this.active.map((f) => f.http ?? {}),
    );
  }

  ids(): string[] {
    return this.active.map((f) => f.id);
  }

  resource(r: Resource): Resource {
    return this.active.reduce((acc, f) => (f.resource ? f.resource(acc) : acc), r);
  }

  output(operation: string, out: Parameters): Parameters {
    return this.active.reduce((acc, f) => (f.output ? f.output(operation, acc) : acc), out);
  }
}
