// Step 3 of `fgc init`: one call per genomics operation the server claims or the config declares (or, at its
// default path, one it does not claim), with the inputs just chosen, to see that the operation agrees with
// the data. A disagreement is noted, not hidden: it is what the run will test.
import type { OperationEndpoint } from '../model/target.js';
import type { InputValue } from './derive/types.js';
import type { Answer, Query, SiteReader } from './reader.js';

export type Values = ReadonlyMap<string, InputValue>;

interface Part {
  name?: string;
  part?: Part[];
  valueBoolean?: boolean;
  valueString?: string;
  valueQuantity?: { value?: number };
  resource?: unknown;
}

/** What one call should show, given the inputs: a problem, or undefined when it agrees. */
interface Probe {
  /** The inputs the call needs (all must be supplied). */
  readonly inputs: readonly string[];
  /** Inputs the call also checks when they are supplied. */
  readonly optional?: readonly string[];
  /** Inputs derived from a sample of the site, dropped when the operation disagrees. */
  readonly sampled?: readonly string[];
  /** `used`: the inputs of the call, required and supplied optional ones. */
  params(v: (name: string) => string, used: readonly string[]): Query;
  check(parameters: Part[], v: (name: string) => string, used: readonly string[]): string | undefined;
}

const blocks = (params: Part[], name: string) => params.filter((p) => p.name === name);
const part = (block: Part | undefined, name: string) => block?.part?.find((p) => p.name === name);
const numerator = (block: Part | undefined) => part(block, 'numerator')?.valueQuantity?.value;
const resources = (list: Part[] | undefined, names: readonly string[]) =>
  (list ?? []).filter((p) => names.includes(p.name ?? '') && p.resource);

/** What a block of a subject answer says about its item: `presence`, or whether it holds results. */
interface Finding {
  readonly label: string;
  /** The answer's blocks, one per item. */
  readonly block: string;
  of(block: Part | undefined): boolean | undefined;
}

const PRESENCE: Finding = {
  label: 'presence',
  block: 'variants',
  of: (block) => part(block, 'presence')?.valueBoolean,
};
const PRESENCE_OF_HAPLOTYPES: Finding = { ...PRESENCE, block: 'haplotypes' };
const CALLS: Finding = {
  label: 'haplotypes or genotypes',
  block: 'haplotypes',
  of: (block) => resources(block?.part, ['haplotype', 'genotype']).length > 0,
};

/**
 * A subject call with its inputs as an OR list (the required ones, then the optional ones supplied): each
 * block, in order, must say what `expected` says (true: found, false: not found).
 */
function blocksProbe(
  patient: string,
  param: string,
  expected: Readonly<Record<string, boolean>>,
  optional: Readonly<Record<string, boolean>> = {},
  finding: Finding = PRESENCE,
): Probe {
  const want: Readonly<Record<string, boolean>> = { ...expected, ...optional };
  const items = (used: readonly string[]) => Object.keys(want).filter((name) => used.includes(name));
  return {
    inputs: [patient, ...Object.keys(expected)],
    optional: Object.keys(optional),
    params: (v, used) => ({ subject: v(patient), [param]: items(used).map(v).join(',') }),
    check: (params, _v, used) => {
      const found = blocks(params, finding.block);
      const wrong = items(used).flatMap((name, i) =>
        finding.of(found[i]) === want[name] ? [] : [`${name}: ${finding.label} ${finding.of(found[i])}`],
      );
      return wrong.length
        ? `expected ${finding.label} ${items(used)
            .map((name) => want[name])
            .join(', ')}; got ${wrong.join('; ')}`
        : undefined;
    },
  };
}

/** `system|code` values of a returned resource's components. */
function componentCodes(resource: unknown): string[] {
  const r = resource as {
    component?: { valueCodeableConcept?: { coding?: { system?: string; code?: string }[] } }[];
  };
  return (r.component ?? []).flatMap((c) =>
    (c.valueCodeableConcept?.coding ?? []).map((k) => `${k.system ?? ''}|${k.code ?? ''}`),
  );
}

/**
 * A subject call whose answer must hold `parts` (implications, consequences...) for `item`; with `without`
 * supplied, both as an OR list, and no returned part may carry the `without` code.
 */
function returnsProbe(
  patient: string,
  param: string,
  item: string,
  parts: readonly string[],
  without?: string,
): Probe {
  const also = (used: readonly string[]) => (without && used.includes(without) ? [without] : []);
  return {
    inputs: [patient, item],
    optional: without ? [without] : [],
    params: (v, used) => ({ subject: v(patient), [param]: [item, ...also(used)].map(v).join(',') }),
    check: (p, v, used) => {
      const returned = resources(p, parts);
      if (returned.length === 0) return `no ${parts.join(' or ')} returned for ${item}`;
      const wrong = also(used).flatMap((name) => {
        const carrying = returned.filter((r) => componentCodes(r.resource).includes(v(name))).length;
        return carrying ? [`${name}: ${carrying} ${parts.join(' or ')} returned for it`] : [];
      });
      return wrong[0];
    },
  };
}

/** A population call: a value someone holds, and (when given) one nobody read holds, as an OR list. */
function populationProbe(param: string, block: string, held: string, absent?: string): Probe {
  const items = absent ? [held, absent] : [held];
  return {
    inputs: items,
    ...(absent ? { sampled: [absent] } : {}),
    params: (v) => ({ [param]: items.map(v).join(',') }),
    check: (p) => expectCounts(p, block, absent ? [true, false] : [true], items),
  };
}

function expectCounts(
  params: Part[],
  name: string,
  positive: readonly boolean[],
  what: readonly string[],
): string | undefined {
  const found = blocks(params, name);
  const wrong = positive.flatMap((want, i) => {
    const n = numerator(found[i]);
    return n !== undefined && n > 0 === want ? [] : [`${what[i]}: numerator ${n}`];
  });
  return wrong.length
    ? `expected ${positive.map((p) => (p ? 'some' : 'no')).join(' / ')} patients; got ${wrong.join('; ')}`
    : undefined;
}

/** The call per operation. */
export const PROBES: Readonly<Record<string, Probe>> = {
  'find-subject-variants': blocksProbe('variantPatientId', 'ranges', {
    rangeWithVariant: true,
    rangeWithoutVariant: false,
  }),
  'find-subject-specific-variants': blocksProbe('variantPatientId', 'variants', { knownVariant: true }),
  'find-subject-structural-intersecting-variants': blocksProbe('variantPatientId', 'ranges', {
    svIntersectingRange: true,
  }),
  'find-subject-structural-subsuming-variants': blocksProbe(
    'variantPatientId',
    'ranges',
    { svSubsumedRange: true },
    { svInnerRange: true },
  ),
  'find-subject-haplotypes': blocksProbe(
    'pgxPatientId',
    'genes',
    { genes: true },
    { geneTokenOtherCase: true, geneWithoutResults: false },
    CALLS,
  ),
  'find-subject-specific-haplotypes': blocksProbe(
    'pgxPatientId',
    'haplotypes',
    { haplotypesPresent: true },
    {},
    PRESENCE_OF_HAPLOTYPES,
  ),
  'find-subject-tx-implications': returnsProbe(
    'txPatientId',
    'treatments',
    'txTreatment',
    ['implication'],
    'txTreatmentWithout',
  ),
  'find-subject-dx-implications': returnsProbe(
    'dxPatientId',
    'conditions',
    'dxCondition',
    ['implication'],
    'dxConditionWithout',
  ),
  'find-subject-molecular-consequences': returnsProbe(
    'consequencePatientId',
    'featureConsequences',
    'featureConsequence',
    ['consequence'],
  ),
  'find-study-metadata': {
    inputs: ['studyPatientId', 'testId'],
    params: (v) => ({ subject: v('studyPatientId') }),
    check: (p, v) =>
      blocks(p, 'tests').some((t) => part(t, 'testId')?.valueString === v('testId'))
        ? undefined
        : 'testId is not among the tests returned',
  },
  'find-population-specific-variants': populationProbe(
    'variants',
    'variants',
    'knownVariant',
    'populationAbsentVariants',
  ),
  'find-population-structural-intersecting-variants': populationProbe(
    'ranges',
    'variants',
    'svSubsumedRange',
    'populationEmptyRange',
  ),
  'find-population-structural-subsuming-variants': populationProbe(
    'ranges',
    'variants',
    'svSubsumedRange',
    'populationEmptyRange',
  ),
  'find-population-specific-haplotypes': populationProbe(
    'haplotypes',
    'haplotypes',
    'populationHaplotype',
    'populationAbsentHaplotypes',
  ),
  'find-population-tx-implications': populationProbe('treatments', 'implications', 'populationTreatment'),
  'find-population-dx-implications': populationProbe('conditions', 'implications', 'populationCondition'),
  'find-population-molecular-consequences': populationProbe(
    'featureConsequences',
    'consequences',
    'featureConsequence',
  ),
};

export const GENOMICS_OPERATIONS = Object.keys(PROBES);

export interface OperationCheck {
  readonly operation: string;
  readonly endpoint: OperationEndpoint;
  /** How init knows the site serves it. */
  readonly source: 'claimed' | 'configured' | 'probed';
  /** `agrees`: the answer matches the data; `disagrees`: it answered otherwise; `failed`: no usable answer. */
  readonly outcome: 'agrees' | 'disagrees' | 'failed' | 'not-called';
  readonly detail: string;
  readonly inputs: readonly string[];
  /** Sampled inputs the answer shows to be wrong (they are left out). */
  readonly refuted: readonly string[];
}

/** The first item of a list input, or the value itself, as text. */
function text(value: InputValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value[0] as string | undefined;
  return String(value);
}

export async function confirmOperations(
  reader: SiteReader,
  values: Values,
  claimed: ReadonlySet<string>,
  configured: Readonly<Record<string, OperationEndpoint>>,
): Promise<OperationCheck[]> {
  const checks: OperationCheck[] = [];
  for (const [operation, probe] of Object.entries(PROBES)) {
    const source = configured[operation] ? 'configured' : claimed.has(operation) ? 'claimed' : 'probed';
    const endpoint = configured[operation] ?? { path: `$${operation}`, method: 'GET' as const };
    const supplied = (name: string) => text(values.get(name)) !== undefined;
    const missing = probe.inputs.filter((name) => !supplied(name));
    const used = [...probe.inputs, ...(probe.optional ?? []).filter(supplied)];
    const base = { operation, endpoint, source, inputs: used, refuted: [] } as const;
    if (missing.length || reader.exhausted) {
      if (source !== 'probed')
        checks.push({
          ...base,
          outcome: 'not-called',
          detail: missing.length ? `needs ${missing.join(', ')}` : 'the request budget is spent',
        });
      continue;
    }
    const v = (name: string) => text(values.get(name))!;
    const answer = await reader.operation(endpoint.path, endpoint.method, probe.params(v, used));
    const check = judge(answer, probe, v, base);
    // An operation the server neither claims nor the config declares counts only when it really answers.
    if (source !== 'probed' || check.outcome !== 'failed') checks.push(check);
  }
  return checks;
}

function judge(
  answer: Answer | undefined,
  probe: Probe,
  v: (name: string) => string,
  base: Omit<OperationCheck, 'outcome' | 'detail'>,
): OperationCheck {
  const body = answer?.body as { resourceType?: string; parameter?: Part[] } | undefined;
  if (!answer || answer.status !== 200 || body?.resourceType !== 'Parameters')
    return {
      ...base,
      outcome: 'failed',
      detail: answer
        ? `answered HTTP ${answer.status}${body?.resourceType ? ` with a ${body.resourceType}` : ''}`
        : 'no answer',
    };
  const problem = probe.check(body.parameter ?? [], v, base.inputs);
  if (!problem) return { ...base, outcome: 'agrees', detail: 'agrees with the data' };
  const refuted = (probe.sampled ?? []).filter((name) => problem.includes(`${name}:`));
  return { ...base, outcome: 'disagrees', detail: problem, refuted };
}
