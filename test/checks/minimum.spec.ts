// `minimum`: subset match, arrays in any order, extra elements allowed, first missing path reported.
import { expect } from 'chai';
import { checkMinimum, findMissing } from '../../src/checks/minimum.js';
import { checkContext, fp, loc } from '../engine/builders.js';

const variant = {
  resourceType: 'Observation',
  id: 'v1',
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '69548-6' }] },
  component: [
    { code: { coding: [{ code: '48004-6' }] }, valueCodeableConcept: { text: 'c.1799T>A' } },
    { code: { coding: [{ code: '48013-7' }] }, valueCodeableConcept: { coding: [{ code: 'NC_000007.14' }] } },
  ],
};

describe('checks/minimum', () => {
  it('passes when every expected element is present, arrays in any order, extras allowed', () => {
    const expected = {
      resourceType: 'Observation',
      component: [{ code: { coding: [{ code: '48013-7' }] } }, { code: { coding: [{ code: '48004-6' }] } }],
      code: { coding: [{ code: '69548-6' }] },
    };
    expect(findMissing(expected, variant, 'Observation')).to.equal(undefined);
  });
  it('reports the first missing path with the closest array item', () => {
    const miss = findMissing(
      { resourceType: 'Observation', code: { coding: [{ system: 'http://loinc.org', code: '69548-7' }] } },
      variant,
      'Observation',
    );
    expect(miss).to.deep.include({
      path: 'Observation.code.coding[0].code',
      expected: '69548-7',
      actual: '69548-6',
    });
  });
  it('each expected array item needs its own actual item', () => {
    const miss = findMissing(
      {
        component: [{ code: { coding: [{ code: '48004-6' }] } }, { code: { coding: [{ code: '48004-6' }] } }],
      },
      variant,
      'Observation',
    );
    expect(miss?.path).to.match(/^Observation\.component/);
  });
  it('fails with the check, expected, actual and where', () => {
    const verdict = checkMinimum(
      { expected: { fixture: 'expected-variant' }, loc: loc() },
      checkContext(variant, {
        fixtures: { 'expected-variant': { resourceType: 'Observation', status: 'amended' } },
      }),
    );
    expect(verdict.outcome).to.equal('fail');
    expect(verdict.message).to.equal(
      'the response contains at least the elements of fixture expected-variant: expected "amended", got "final" at Observation.status',
    );
  });
  it('with select, passes when one selected resource matches and otherwise names the closest', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Patient', id: 'p' } }, { resource: variant }],
    };
    const ok = checkMinimum(
      {
        expected: { inline: { resourceType: 'Observation', status: 'final' } },
        select: fp('Bundle.entry.resource'),
        loc: loc(),
      },
      checkContext(bundle),
    );
    expect(ok.outcome).to.equal('pass');
    const bad = checkMinimum(
      {
        expected: { inline: { resourceType: 'Observation', valueString: 'x' } },
        select: fp('Bundle.entry.resource.ofType(Observation)'),
        loc: loc(),
      },
      checkContext(bundle),
    );
    expect(bad.message).to.match(
      /expected "x", got nothing at Observation.valueString in Bundle.entry\[1\].resource = Observation\/v1/,
    );
  });
  it('fails when select picks nothing', () => {
    const verdict = checkMinimum(
      { expected: { inline: {} }, select: fp('Bundle.entry.resource.ofType(Specimen)'), loc: loc() },
      checkContext({ resourceType: 'Bundle' }),
    );
    expect(verdict.message).to.match(/expected "at least one selected resource", got none/);
  });
});
