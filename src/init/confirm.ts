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
  /** The inputs the call uses (all must be supplied). */
  readonly inputs: readonly string[];
  /** Inputs derived from a sample of the site, dropped when the operation disagrees. */
  readonly sampled?: readonly string[];
  params(v: (name: string) => string): Query;
  check(parameters: Part[], v: (name: string) => string): string | undefined;
}

const blocks = (params: Part[], name: string) => params.filter((p) => p.name === name);
const part = (block: Part | undefined, name: string) => block?.part?.find((p) => p.name === name);
const presence = (block: Part | undefined) => part(block, 'presence')?.valueBoolean;
const numerator = (block: Part | undefined) => part(block, 'numerator')?.valueQuantity?.value;
const resources = (list: Part[] | undefined, names: readonly string[]) =>
  (list ?? []).filter((p) => names.includes(p.name ?? '') && p.resource).length;

function expectPresence(
  params: Part[],
  expected: readonly boolean[],
  what: readonly string[],
): string | undefined {
  const found = blocks(params, 'variants').length ? blocks(params, 'variants') : blocks(params, 'haplotypes');
  const wrong = expected.flatMap((want, i) =>
    presence(found[i]) === want ? [] : [`${what[i]}: presence ${presence(found[i])}`],
  );
  return wrong.length ? `expected presence ${expected.join(', ')}; got ${wrong.join('; ')}` : undefined;
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

/** A subject call with one or more inputs as an OR list: the blocks' presence, in order. */
function presenceProbe(
  patient: string,
  param: string,
  items: readonly string[],
  expected: readonly boolean[],
): Probe {
  return {
    inputs: [patient, ...items],
    params: (v) => ({ subject: v(patient), [param]: items.map(v).join(',') }),
    check: (p) => expectPresence(p, expected, items),
  };
}

/** A subject call with one input whose answer must hold `parts` (implications, consequences...). */
function returnsProbe(
  patient: string,
  param: string,
  item: string,
  parts: readonly string[],
  of?: string,
): Probe {
  return {
    inputs: [patient, item],
    params: (v) => ({ subject: v(patient), [param]: v(item) }),
    check: (p) => {
      const list = of ? blocks(p, of)[0]?.part : p;
      return resources(list, parts) > 0 ? undefined : `no ${parts.join(' or ')} returned for ${item}`;
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

/** The call per operation. */
export const PROBES: Readonly<Record<string, Probe>> = {
  'find-subject-variants': presenceProbe(
    'variantPatientId',
    'ranges',
    ['rangeWithVariant', 'rangeWithoutVariant'],
    [true, false],
  ),
  'find-subject-specific-variants': presenceProbe('variantPatientId', 'variants', ['knownVariant'], [true]),
  'find-subject-structural-intersecting-variants': presenceProbe(
    'variantPatientId',
    'ranges',
    ['svIntersectingRange'],
    [true],
  ),
  'find-subject-structural-subsuming-variants': presenceProbe(
    'variantPatientId',
    'ranges',
    ['svSubsumedRange'],
    [true],
  ),
  'find-subject-haplotypes': returnsProbe(
    'pgxPatientId',
    'genes',
    'genes',
    ['haplotype', 'genotype'],
    'haplotypes',
  ),
  'find-subject-specific-haplotypes': presenceProbe(
    'pgxPatientId',
    'haplotypes',
    ['haplotypesPresent'],
    [true],
  ),
  'find-subject-tx-implications': returnsProbe('txPatientId', 'treatments', 'txTreatment', ['implication']),
  'find-subject-dx-implications': returnsProbe('dxPatientId', 'conditions', 'dxCondition', ['implication']),
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
    const missing = probe.inputs.filter((name) => text(values.get(name)) === undefined);
    const base = { operation, endpoint, source, inputs: probe.inputs, refuted: [] } as const;
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
    const answer = await reader.operation(endpoint.path, endpoint.method, probe.params(v));
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
  const problem = probe.check(body.parameter ?? [], v);
  if (!problem) return { ...base, outcome: 'agrees', detail: 'agrees with the data' };
  const refuted = (probe.sampled ?? []).filter((name) => problem.includes(`${name}:`));
  return { ...base, outcome: 'disagrees', detail: problem, refuted };
}
