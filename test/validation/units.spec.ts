// Unit tests for the validator's building blocks: primitives, patterns, references, value sets, the shipped
// LOINC answer lists.
import { expect } from 'chai';
import { checkPrimitive } from '../../src/validation/primitives.js';
import { equalsFixed, matchesPattern } from '../../src/validation/patterns.js';
import { referencedType, resolveReference } from '../../src/validation/references.js';
import { DefinitionStore } from '../../src/validation/structure-definitions.js';
import { SHIPPED_VALUE_SETS } from '../../src/validation/terminology/index.js';
import { ValueSetExpander, PARTIAL_EXTENSION } from '../../src/validation/valuesets.js';

describe('validation building blocks', () => {
  describe('primitives', () => {
    const ok: [string, unknown][] = [
      ['date', '2023'],
      ['date', '2023-02-28'],
      ['dateTime', '2023-02-01T10:00:00+01:00'],
      ['instant', '2023-02-01T10:00:00.123Z'],
      ['id', 'ATR-insertion-var'],
      ['code', 'final'],
      ['positiveInt', 1],
      ['unsignedInt', 0],
      ['decimal', 0.075],
      ['boolean', false],
      ['uuid', 'urn:uuid:13f34265-335c-4853-bc38-0815315edafa'],
      ['oid', 'urn:oid:2.16.840.1.113883'],
    ];
    const bad: [string, unknown, RegExp][] = [
      ['date', '2023-13-01', /not a valid date/],
      ['dateTime', '2023-02-01T10:00', /not a valid dateTime/],
      ['instant', '2023-02-01', /not a valid instant/],
      ['id', 'has space', /not a valid id/],
      ['code', ' leading', /not a valid code/],
      ['positiveInt', 0, /not a valid positiveInt/],
      ['integer', 1.5, /not a valid integer/],
      ['boolean', 'true', /JSON boolean, found a string/],
      ['decimal', '0.1', /JSON number/],
      ['string', '   ', /not a valid string/],
      ['base64Binary', '', /an empty string is not a valid base64Binary/],
    ];
    for (const [type, value] of ok)
      it(`accepts ${type} ${JSON.stringify(value)}`, () =>
        expect(checkPrimitive(type, value)).to.equal(undefined));
    for (const [type, value, message] of bad)
      it(`rejects ${type} ${JSON.stringify(value)}`, () =>
        expect(checkPrimitive(type, value)).to.match(message));
  });

  describe('fixed and pattern values', () => {
    const loinc = { system: 'http://loinc.org', code: '69548-6' };
    it('a pattern allows extra codings and properties', () => {
      expect(
        matchesPattern(
          {
            coding: [
              { system: 'x', code: 'y' },
              { ...loinc, display: 'V' },
            ],
            text: 't',
          },
          { coding: [loinc] },
        ),
      ).to.equal(true);
    });
    it('a pattern fails when no coding matches', () => {
      expect(matchesPattern({ coding: [{ ...loinc, code: '1-1' }] }, { coding: [loinc] })).to.equal(false);
    });
    it('fixed requires equality, with no extra properties', () => {
      expect(equalsFixed({ ...loinc }, loinc)).to.equal(true);
      expect(equalsFixed({ ...loinc, display: 'V' }, loinc)).to.equal(false);
    });
  });

  describe('references', () => {
    const variant = { resourceType: 'Observation', id: 'v1' };
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { fullUrl: 'urn:uuid:13f34265-335c-4853-bc38-0815315edafa', resource: variant },
        { fullUrl: 'https://fhir.example.org/Patient/p1', resource: { resourceType: 'Patient', id: 'p1' } },
      ],
    };
    const container = {
      resourceType: 'DiagnosticReport',
      contained: [{ resourceType: 'Specimen', id: 's1' }],
    };
    const scope = { container, bundle, resources: [{ resourceType: 'Device', id: 'd1' }] };
    it('resolves urn:uuid, Type/id, absolute URLs, #id and given resources', () => {
      expect(resolveReference('urn:uuid:13f34265-335c-4853-bc38-0815315edafa', scope)).to.equal(variant);
      expect(resolveReference('Observation/v1', scope)).to.equal(variant);
      expect(resolveReference('https://fhir.example.org/Patient/p1', scope)).to.deep.include({ id: 'p1' });
      expect(resolveReference('#s1', scope)).to.deep.include({ resourceType: 'Specimen' });
      expect(resolveReference('Device/d1', scope)).to.deep.include({ id: 'd1' });
      expect(resolveReference('Observation/other', scope)).to.equal(undefined);
    });
    it('reads the type a literal reference names', () => {
      expect(referencedType('Patient/p1')).to.equal('Patient');
      expect(referencedType('https://x.org/fhir/Observation/o/_history/2')).to.equal('Observation');
      expect(referencedType('urn:uuid:13f34265-335c-4853-bc38-0815315edafa')).to.equal(undefined);
    });
  });

  describe('value set expansion', () => {
    const store = new DefinitionStore();
    store.add({
      resourceType: 'CodeSystem',
      url: 'http://example.org/cs',
      content: 'complete',
      concept: [
        { code: 'animal', concept: [{ code: 'dog', concept: [{ code: 'puppy' }] }, { code: 'cat' }] },
        { code: 'plant', property: [{ code: 'kind', valueCode: 'tree' }] },
      ],
    });
    store.add({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs/all',
      compose: { include: [{ system: 'http://example.org/cs' }] },
    });
    store.add({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs/dogs',
      compose: {
        include: [
          { system: 'http://example.org/cs', filter: [{ property: 'concept', op: 'is-a', value: 'dog' }] },
        ],
      },
    });
    store.add({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs/below-animal',
      compose: {
        include: [
          {
            system: 'http://example.org/cs',
            filter: [{ property: 'concept', op: 'descendent-of', value: 'animal' }],
          },
        ],
        exclude: [{ system: 'http://example.org/cs', concept: [{ code: 'cat' }] }],
      },
    });
    store.add({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs/trees',
      compose: {
        include: [
          { system: 'http://example.org/cs', filter: [{ property: 'kind', op: '=', value: 'tree' }] },
        ],
      },
    });
    store.add({
      resourceType: 'ValueSet',
      url: 'http://example.org/vs/mixed',
      compose: {
        include: [{ valueSet: ['http://example.org/vs/dogs'] }, { system: 'http://loinc.org' }],
      },
    });
    const expander = new ValueSetExpander(store);
    const m = (vs: string, code: string, system = 'http://example.org/cs') =>
      expander.membership(`http://example.org/vs/${vs}`, system, code);

    it('includes a whole code system', () =>
      expect([m('all', 'puppy'), m('all', 'fish')]).to.deep.equal(['member', 'not-member']));
    it('applies is-a', () =>
      expect([m('dogs', 'dog'), m('dogs', 'puppy'), m('dogs', 'cat')]).to.deep.equal([
        'member',
        'member',
        'not-member',
      ]));
    it('applies descendent-of and excludes', () =>
      expect([m('below-animal', 'animal'), m('below-animal', 'dog'), m('below-animal', 'cat')]).to.deep.equal(
        ['not-member', 'member', 'not-member'],
      ));
    it('applies a property filter', () =>
      expect([m('trees', 'plant'), m('trees', 'dog')]).to.deep.equal(['member', 'not-member']));
    it('answers unknown for a system it cannot enumerate, no for a foreign system', () => {
      expect(m('mixed', '1-8', 'http://loinc.org')).to.equal('unknown');
      expect(m('mixed', 'x', 'http://snomed.info/sct')).to.equal('not-member');
      expect(m('mixed', 'puppy')).to.equal('member');
    });
    it('answers unknown for a value set it does not have', () =>
      expect(m('nothing', 'dog')).to.equal('unknown'));
    it('version suffixes on canonical references are ignored', () =>
      expect(expander.membership('http://example.org/vs/all|1.0.0', 'http://example.org/cs', 'cat')).to.equal(
        'member',
      ));
  });

  describe('the shipped LOINC answer lists', () => {
    it('cite every code to its LOINC answer list page', () => {
      for (const vs of SHIPPED_VALUE_SETS) {
        const ll = vs.id;
        for (const concept of vs.compose.include[0]!.concept) {
          expect(concept.extension[0]!.valueString, `${ll} ${concept.code}`).to.include(
            `https://loinc.org/${ll}/`,
          );
          expect(concept.extension[0]!.valueString).to.include(concept.code);
        }
      }
    });

    it('hold LOINC answer codes only (LAnnnn-n)', () => {
      for (const vs of SHIPPED_VALUE_SETS)
        for (const { code } of vs.compose.include[0]!.concept) expect(code).to.match(/^LA\d{4,6}-\d$/);
    });

    it('list chromosomes 1-22, X and Y once each, and mark LL4049-4 as partial', () => {
      const chromosomes = SHIPPED_VALUE_SETS.find((v) => v.id === 'LL2938-0')!.compose.include[0]!.concept;
      expect(new Set(chromosomes.map((c) => c.code)).size).to.equal(24);
      const ll4049 = SHIPPED_VALUE_SETS.find((v) => v.id === 'LL4049-4') as { extension?: { url: string }[] };
      expect(ll4049.extension?.[0]?.url).to.equal(PARTIAL_EXTENSION);
    });
  });
});
