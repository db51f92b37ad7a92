// fgc init reads a Variant's position in 0-based half-open coordinates from whatever coordinate system it
// declares (or its genomic HGVS), and names it as SPDI and HGVS.
import { expect } from 'chai';
import type { Observation } from '@medplum/fhirtypes';
import { variantFact } from '../../src/init/variants.js';
import * as fx from '../server/fixtures.js';

const B38 = 'NC_000007.14';

function withSystem(obs: Observation, system: string | undefined): Observation {
  const component = (obs.component ?? []).filter((c) => c.code.coding?.[0]?.code !== '92822-6');
  if (system)
    component.push({
      code: { coding: [{ system: 'http://loinc.org', code: '92822-6' }] },
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: system }] },
    });
  return { ...obs, component };
}

describe('fgc init: reading a Variant', () => {
  const snv = (low: number, high?: number, system?: 'LA30100-4' | 'LA30102-0') =>
    fx.variant({
      id: 'v',
      patient: 'p1',
      accession: B38,
      low,
      ...(high ? { high } : {}),
      ref: 'A',
      alt: 'T',
      ...(system ? { system } : {}),
    });

  it('converts each declared coordinate system to the same 0-based half-open interval', () => {
    const oneBased = variantFact(snv(1001, undefined, 'LA30102-0'));
    const zeroInterval = variantFact(snv(1000, 1001, 'LA30100-4'));
    const zeroCharacter = variantFact(withSystem(snv(1000, 1000), 'LA30101-2'));
    for (const fact of [oneBased, zeroInterval, zeroCharacter]) {
      expect(fact.location?.exact).to.deep.equal({ start: 1000, end: 1001 });
      expect(fact.spdi).to.equal(`${B38}:1000:A:T`);
      expect(fact.snv).to.equal(true);
    }
    expect(oneBased.basis).to.match(/1-based character counting/);
  });

  it('reads the position from a genomic HGVS when no coordinate system is declared, and not at all without one', () => {
    const hgvsOnly = withSystem(
      fx.variant({
        id: 'v',
        patient: 'p1',
        accession: B38,
        low: 1001,
        ref: 'A',
        alt: 'T',
        hgvsG: `${B38}:g.1001A>T`,
      }),
      undefined,
    );
    expect(variantFact(hgvsOnly).location?.exact).to.deep.equal({ start: 1000, end: 1001 });
    expect(variantFact(hgvsOnly).genomicHgvs).to.equal(`${B38}:g.1001A>T`);
    const otherSequence = withSystem(
      fx.variant({
        id: 'v',
        patient: 'p1',
        accession: 'NG_017064.1',
        low: 31731,
        ref: 'C',
        alt: 'T',
        hgvsG: 'NC_000003.11:g.128625063C>T',
      }),
      undefined,
    );
    expect(
      variantFact(otherSequence).location,
      'a RefSeqGene position without its coordinate system',
    ).to.equal(undefined);
    const guess = withSystem(snv(1001), undefined);
    expect(variantFact(guess).location).to.equal(undefined);
    expect(variantFact(guess).accession).to.equal(B38);
  });

  it('names a padded deletion by its SPDI without the anchor base, and tells Absent calls apart', () => {
    const del = fx.variant({
      id: 'd',
      patient: 'p1',
      accession: B38,
      low: 2000,
      high: 2003,
      ref: 'ACG',
      alt: 'A',
      system: 'LA30100-4',
      sourceClass: 'somatic',
    });
    expect(variantFact(del)).to.include({
      spdi: `${B38}:2001:CG:`,
      snv: false,
      present: true,
      sourceClass: 'somatic',
    });
    const absent = {
      ...snv(1001),
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9634-2' }] },
    };
    expect(variantFact(absent).present).to.equal(false);
  });

  it('does not name a wild-type call (REF = ALT) as a variant', () => {
    const wild = fx.variant({ id: 'w', patient: 'p1', accession: B38, low: 1001, ref: 'C', alt: 'C' });
    expect(variantFact(wild).snv).to.equal(false);
    expect(variantFact(wild).spdi).to.equal(undefined);
    expect(variantFact(wild).location?.span).to.deep.equal({ start: 1000, end: 1001 });
  });
});
