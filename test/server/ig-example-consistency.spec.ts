// The IG's example patients answer the operations the way their own Observations say: every example Variant
// with a declared coordinate system is found by a 0-based range over its bases, wild-type calls included.
import { expect } from 'chai';
import type { Observation } from '@medplum/fhirtypes';
import { zeroBasedInterval } from '../../src/fhirpath/genomics.js';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { loadIgExamples } from '../../src/server/load-examples.js';
import { blocks, ids, op, partResources } from './client.js';

const VARIANT = '69548-6';
const STRUCTURAL_BOUNDS = ['81301-4', '81302-2'];

function allele(obs: Observation, code: '69547-8' | '69551-0'): string | undefined {
  return obs.component?.find((c) => c.code.coding?.some((k) => k.code === code))?.valueString;
}

/**
 * A VCF-anchored insertion (REF a strict prefix of ALT, `T>TATA`) inserts after its anchor base: the server
 * removes the padding (docs/reference-server.md), so the range must reach the base after the anchor.
 */
function isAnchoredInsertion(obs: Observation): boolean {
  const [ref, alt] = [allele(obs, '69547-8'), allele(obs, '69551-0')];
  return ref !== undefined && alt !== undefined && alt.length > ref.length && alt.startsWith(ref);
}

function hasCode(r: { resourceType: string }, codes: readonly string[]): r is Observation {
  return (
    r.resourceType === 'Observation' &&
    (r as Observation).code?.coding?.some((c) => codes.includes(c.code ?? '')) === true
  );
}

function isVariant(r: { resourceType: string }): r is Observation {
  return hasCode(r, [VARIANT]);
}

function subjectOf(obs: Observation): string | undefined {
  return /^Patient\/(.+)$/.exec(obs.subject?.reference ?? '')?.[1];
}

/** The 0-based range over a variant's bases (for an anchored insertion, and the base after the anchor). */
function rangeOver(obs: Observation): string | undefined {
  const interval = zeroBasedInterval(obs, isStructural(obs) ? 'extent' : 'exact');
  if (!interval) return undefined;
  const end = Math.max(interval.end, interval.start + 1) + (isAnchoredInsertion(obs) ? 1 : 0);
  return `${interval.accession}:${interval.start}-${end}`;
}

function isStructural(obs: Observation): boolean {
  return (obs.component ?? []).some((c) =>
    c.code.coding?.some((k) => STRUCTURAL_BOUNDS.includes(k.code ?? '')),
  );
}

describe('reference server: IG example patients answer like their Observations', function () {
  this.timeout(60_000);
  let server: ReferenceServer;
  let examples: Observation[];
  let variants: Observation[];
  before(async () => {
    examples = (await loadIgExamples()).filter((r): r is Observation => r.resourceType === 'Observation');
    variants = examples.filter(isVariant);
    server = await startReferenceServer({ includeCohort: false });
  });
  after(() => server.close());

  it('finds every located example Variant by a 0-based range over its own bases (anchored insertions: and the next)', async () => {
    const missed: string[] = [];
    let checked = 0;
    for (const obs of variants) {
      const subject = subjectOf(obs);
      const range = rangeOver(obs);
      if (!subject || !range) continue;
      checked++;
      const name = isStructural(obs)
        ? 'find-subject-structural-intersecting-variants'
        : 'find-subject-variants';
      const res = await op(server, name, { subject, ranges: range, includeVariants: 'true' });
      const found = ids(blocks(res.body).flatMap((b) => partResources(b, 'variant')));
      if (!found.includes(obs.id!)) missed.push(`${obs.id} (${range}, ${name}: HTTP ${res.status})`);
    }
    expect(checked).to.be.greaterThan(50);
    expect(missed).to.deep.equal([]);
  });

  it('puts a wild-type call (REF = ALT) at its own base, not one base later', async () => {
    // Pgx-var-1011: CYP2C19 C>C at 1-based 96521657 on NC_000010.10 (GRCh37), patient CGPatientExample01.
    const query = (ranges: string) =>
      op(server, 'find-subject-variants', { subject: 'CGPatientExample01', ranges, includeVariants: 'true' });
    const covering = await query('NC_000010.10:96521656-96521657');
    expect(ids(partResources(blocks(covering.body)[0]!, 'variant'))).to.include('Pgx-var-1011');
    const after = await query('NC_000010.10:96521657-96521660');
    expect(ids(partResources(blocks(after.body)[0]!, 'variant'))).to.not.include('Pgx-var-1011');
  });

  it('finds every example Haplotype and Genotype by its own value', async () => {
    const missed: string[] = [];
    const calls = examples.filter((r) => hasCode(r, ['84414-2', '84413-4']));
    for (const obs of calls) {
      const subject = subjectOf(obs);
      const coding = obs.valueCodeableConcept?.coding?.find((c) => c.system && c.code);
      const haplotype = coding ? `${coding.system}|${coding.code}` : obs.valueCodeableConcept?.text;
      if (!subject || !haplotype) continue;
      const res = await op(server, 'find-subject-specific-haplotypes', { subject, haplotypes: haplotype });
      const block = blocks(res.body, 'haplotypes')[0];
      const found = block
        ? ids([...partResources(block, 'haplotype'), ...partResources(block, 'genotype')])
        : [];
      if (!found.includes(obs.id!)) missed.push(`${obs.id} (${haplotype}: HTTP ${res.status})`);
    }
    expect(calls.length).to.be.greaterThan(20);
    expect(missed).to.deep.equal([]);
  });

  it('finds every example implication and consequence by what its derivedFrom target says', async () => {
    const byRef = new Map(examples.map((o) => [`Observation/${o.id}`, o]));
    const operations: Record<string, string> = {
      'therapeutic-implication': 'find-subject-tx-implications',
      'diagnostic-implication': 'find-subject-dx-implications',
      'molecular-consequence': 'find-subject-molecular-consequences',
    };
    const missed: string[] = [];
    let checked = 0;
    for (const obs of examples.filter((r) => hasCode(r, Object.keys(operations)))) {
      const name = operations[obs.code!.coding!.find((c) => operations[c.code ?? ''])!.code!]!;
      const subject = subjectOf(obs);
      const target = (obs.derivedFrom ?? []).map((d) => byRef.get(d.reference ?? '')).find(Boolean);
      const query = target && subject === subjectOf(target) ? queryFor(target, name) : undefined;
      if (!subject || !query) continue;
      checked++;
      const res = await op(server, name, { subject, ...query });
      const part = name.endsWith('consequences') ? 'consequence' : 'implication';
      const found = ids(partResources(res.body, part));
      if (!found.includes(obs.id!))
        missed.push(`${obs.id} (${name} ${JSON.stringify(query)}: HTTP ${res.status})`);
    }
    expect(checked).to.be.greaterThan(20);
    expect(missed).to.deep.equal([]);
  });
});

/** How to ask for a derivedFrom target: a Variant by its genomic or coding HGVS or its range, a genotype by its value. */
function queryFor(target: Observation, operation: string): Record<string, string> | undefined {
  if (target.code?.coding?.some((c) => c.code === VARIANT)) {
    const hgvs = ['81290-9', '48004-6']
      .map((code) => target.component?.find((c) => c.code.coding?.some((k) => k.code === code)))
      .map((c) => c?.valueCodeableConcept?.coding?.find((k) => k.code)?.code)
      .find(Boolean);
    const range = rangeOver(target);
    return hgvs ? { variants: hgvs } : range ? { ranges: range } : undefined;
  }
  const coding = target.valueCodeableConcept?.coding?.find((c) => c.system && c.code);
  const value = coding ? `${coding.system}|${coding.code}` : target.valueCodeableConcept?.text;
  return operation === 'find-subject-tx-implications' && value ? { haplotypes: value } : undefined;
}
