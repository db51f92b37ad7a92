// The profile rules accept the IG's own examples and reject the classic mistakes (pitfalls in the domain notes).
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFhirpath } from '../../src/fhirpath/compile.js';
import { minimalVariant } from '../helpers/variant.js';
import { PROFILE_RULES } from './profile-rules.js';

const EXAMPLES = join(
  process.env.FHIR_PACKAGE_CACHE ?? join(process.env.HOME ?? '/root', '.fhir/packages'),
  'hl7.fhir.uv.genomics-reporting#3.0.0/package/example',
);
const IG = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';
type Resource = { resourceType: string; id?: string; meta?: { profile?: string[] } } & Record<
  string,
  unknown
>;
const failing = (resource: unknown, rules: string[]) =>
  rules.filter((r) => compileFhirpath(r)(resource, {})[0] !== true);

function igExamples(): Resource[] {
  const out: Resource[] = [];
  const collect = (r: Resource) => {
    out.push(r);
    if (r.resourceType === 'Bundle')
      for (const e of (r.entry as { resource?: Resource }[]) ?? []) if (e.resource) collect(e.resource);
  };
  for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.json')))
    collect(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as Resource);
  return out;
}

describe('profile rules', () => {
  const examples = igExamples();

  for (const [profileId, rules] of Object.entries(PROFILE_RULES)) {
    it(`accept every IG example claiming ${profileId}`, () => {
      const claiming = examples.filter((r) => r.meta?.profile?.includes(IG + profileId));
      expect(claiming.length, 'examples').to.be.greaterThan(0);
      const failures = claiming
        .map((r) => ({ id: r.id, failing: failing(r, rules) }))
        .filter((x) => x.failing.length);
      expect(failures).to.deep.equal([]);
    });
  }

  const variant = minimalVariant;

  it('reject both category codings in one CodeableConcept', () => {
    const v = variant();
    v.category = [{ coding: [...v.category[0]!.coding, ...v.category[1]!.coding] }];
    expect(failing(v, PROFILE_RULES.variant!)).to.have.length(2);
    expect(failing(variant(), PROFILE_RULES.variant!)).to.deep.equal([]);
  });

  it('reject a value on an implication, HGVS as text only, and an unknown phase value', () => {
    const tx = {
      ...variant(),
      code: {
        coding: [
          {
            system: 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs',
            code: 'therapeutic-implication',
          },
        ],
      },
      derivedFrom: [{ reference: 'Observation/x' }],
    };
    expect(failing(tx, PROFILE_RULES['therapeutic-implication']!)).to.deep.equal(['value.empty()']);
    const textHgvs = {
      ...variant(),
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '48004-6' }] },
          valueCodeableConcept: { text: 'NM_005228.5:c.2369C>T' },
        },
      ],
    };
    expect(failing(textHgvs, PROFILE_RULES.variant!)).to.have.length(1);
    const spr = {
      ...variant(),
      code: { coding: [{ system: 'http://loinc.org', code: '82120-7' }] },
      valueCodeableConcept: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/sequence-phase-relationship-cs', code: 'cis' },
        ],
      },
    };
    expect(failing(spr, PROFILE_RULES['sequence-phase-relationship']!)).to.have.length(1);
  });
});
