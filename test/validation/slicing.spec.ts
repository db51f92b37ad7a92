// Slicing rules and discriminators on small synthetic profiles built from the R4 Observation snapshot:
// closed, ordered and openAtEnd slicing, exists and type discriminators, and the port's behaviour on bad input.
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadR4Core } from '../../src/validation/core-cache.js';
import { createValidator, type GenomicsValidator } from '../../src/validation/index.js';

type Element = Record<string, unknown> & { id: string; path: string };
const BASE = 'http://example.org/fhir/StructureDefinition/';

/** An Observation profile whose `component` is sliced as `slicing` says, with slices `a` and `b` (code a / b). */
function componentProfile(
  id: string,
  slicing: Record<string, unknown>,
  extra: (els: Element[]) => void = () => {},
) {
  const observation = loadR4Core().find(
    (r) => r.url === 'http://hl7.org/fhir/StructureDefinition/Observation',
  )!;
  const elements = structuredClone((observation.snapshot as { element: Element[] }).element);
  const component = elements.findIndex((e) => e.id === 'Observation.component');
  elements[component] = { ...elements[component]!, slicing };
  const children = elements.filter((e) => e.id.startsWith('Observation.component.'));
  const slice = (name: string, min: number, valueType: string): Element[] => [
    {
      ...elements[component]!,
      id: `Observation.component:${name}`,
      sliceName: name,
      min,
      max: '1',
      slicing: undefined,
    },
    ...children.map((c) => {
      const el: Element = {
        ...c,
        id: c.id.replace('Observation.component', `Observation.component:${name}`),
      };
      if (c.id === 'Observation.component.code')
        el.patternCodeableConcept = { coding: [{ system: 'http://example.org', code: name }] };
      if (c.id === 'Observation.component.value[x]')
        Object.assign(el, { min: 1, type: [{ code: valueType }] });
      return el;
    }),
  ];
  const end = elements.findIndex((e) => e.id === 'Observation.component.referenceRange');
  elements.splice(end + 1, 0, ...slice('a', 1, 'Quantity'), ...slice('b', 0, 'string'));
  extra(elements);
  return {
    resourceType: 'StructureDefinition',
    url: `${BASE}${id}`,
    type: 'Observation',
    kind: 'resource',
    snapshot: { element: elements },
  };
}

const obs = (...components: Record<string, unknown>[]) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'test' },
  component: components,
});
const a = { code: { coding: [{ system: 'http://example.org', code: 'a' }] }, valueQuantity: { value: 1 } };
const b = { code: { coding: [{ system: 'http://example.org', code: 'b' }] }, valueString: 'x' };
const other = { code: { coding: [{ system: 'http://example.org', code: 'z' }] }, valueBoolean: true };

describe('validation: slicing rules on synthetic profiles', () => {
  let dir: string;
  let validator: GenomicsValidator;
  const value = { discriminator: [{ type: 'value', path: 'code' }] };
  const errors = (resource: unknown, id: string) =>
    validator.validate(resource, `${BASE}${id}`).filter((i) => i.severity === 'error');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fgc-slicing-'));
    await mkdir(join(dir, 'package'));
    const profiles = [
      componentProfile('closed', { ...value, rules: 'closed' }),
      componentProfile('ordered', { ...value, rules: 'open', ordered: true }),
      componentProfile('open-at-end', { ...value, rules: 'openAtEnd' }),
      componentProfile('exists', {
        discriminator: [{ type: 'exists', path: 'valueQuantity' }],
        rules: 'open',
      }),
      componentProfile('by-type', { discriminator: [{ type: 'type', path: 'value' }], rules: 'open' }),
      componentProfile('derived-closed', { ...value, rules: 'open' }, (els) => {
        // derivedFrom sliced by the profile of the resolved target; only targets conforming to `closed` fit.
        const at = els.findIndex((e) => e.id === 'Observation.derivedFrom');
        els[at] = {
          ...els[at]!,
          slicing: { discriminator: [{ type: 'profile', path: 'resolve()' }], rules: 'closed' },
        };
        const slice: Element = {
          ...els[at]!,
          id: 'Observation.derivedFrom:source',
          sliceName: 'source',
          slicing: undefined,
          type: [{ code: 'Reference', targetProfile: [`${BASE}closed`] }],
        };
        els.splice(at + 1, 0, slice);
      }),
    ];
    await writeFile(
      join(dir, 'package', 'package.json'),
      JSON.stringify({ name: 'test.slicing', version: '0.0.1' }),
    );
    for (const p of profiles)
      await writeFile(
        join(dir, 'package', `StructureDefinition-${p.url.split('/').pop()}.json`),
        JSON.stringify(p),
      );
    validator = await createValidator({ packages: [], packageDirs: [join(dir, 'package')] });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts values that fill the slices', () => {
    expect(errors(obs(a, b), 'closed')).to.deep.equal([]);
  });

  it('closed: a value matching no slice is an error', () => {
    expect(errors(obs(a, other), 'closed')).to.deep.include({
      severity: 'error',
      location: 'Observation.component[1]',
      message: 'does not match any slice of Observation.component (closed slicing)',
    });
  });

  it('slice minimum: a missing required slice is an error', () => {
    expect(errors(obs(b), 'closed').map((e) => e.location)).to.include('Observation.component:a');
  });

  it('in-slice constraints: a slice value of the wrong type is an error', () => {
    const wrong = { ...a, valueQuantity: undefined, valueString: '1' };
    delete wrong.valueQuantity;
    expect(errors(obs(wrong), 'closed').map((e) => e.location)).to.include(
      'Observation.component[0].valueString',
    );
  });

  it('ordered: slices out of definition order are an error', () => {
    expect(errors(obs(b, a), 'ordered').map((e) => e.message)).to.include(
      "slice 'a' is out of order (ordered slicing)",
    );
    expect(errors(obs(a, b), 'ordered')).to.deep.equal([]);
  });

  it('openAtEnd: a sliced value after an unsliced one is an error', () => {
    expect(errors(obs(a, other, b), 'open-at-end').map((e) => e.location)).to.include(
      'Observation.component[2]',
    );
    expect(errors(obs(a, b, other), 'open-at-end')).to.deep.equal([]);
  });

  it('exists discriminator: assigns by the presence of an element', () => {
    // The slice requiring valueQuantity (a, min 1) is filled by any component with a Quantity value.
    const anyQuantity = {
      code: { coding: [{ system: 'http://example.org', code: 'a' }] },
      valueQuantity: { value: 2 },
    };
    expect(errors(obs(anyQuantity), 'exists').map((e) => e.location)).to.not.include(
      'Observation.component:a',
    );
  });

  it('type discriminator: assigns by the value type', () => {
    expect(errors(obs(b), 'by-type').map((e) => e.location)).to.include('Observation.component:a');
    expect(errors(obs(a), 'by-type')).to.deep.equal([]);
  });

  it('profile discriminator: resolves the target among given resources, in a Bundle or not at all', () => {
    const target = { ...obs(a), id: 't1' };
    const derived = { ...obs(a), derivedFrom: [{ reference: 'Observation/t1' }] };
    const check = (options: Parameters<GenomicsValidator['validate']>[2]) =>
      validator
        .validate(structuredClone(derived), `${BASE}derived-closed`, options)
        .filter((i) => i.severity === 'error');
    expect(check({ resources: [target] })).to.deep.equal([]);
    const unmatched = 'does not match any slice of Observation.derivedFrom (closed slicing)';
    expect(check({}).map((e) => e.message)).to.include(unmatched);
    expect(check({ resources: [{ ...obs(b), id: 't1' }] }).map((e) => e.message)).to.include(unmatched);
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:0f5a1c3e-8d1b-4a44-9a55-3f1e1f0c2b7a', resource: target }],
    };
    const viaUuid = {
      ...obs(a),
      derivedFrom: [{ reference: 'urn:uuid:0f5a1c3e-8d1b-4a44-9a55-3f1e1f0c2b7a' }],
    };
    expect(
      validator.validate(viaUuid, `${BASE}derived-closed`, { bundle }).filter((i) => i.severity === 'error'),
    ).to.deep.equal([]);
  });

  it('reports an unknown profile and a non-object as issues, without throwing', () => {
    expect(validator.validate(obs(a), `${BASE}nothing`)[0]!.message).to.include(
      'No StructureDefinition is loaded',
    );
    expect(validator.validate('text', `${BASE}closed`)[0]!.message).to.include('not a FHIR resource');
    expect(validator.hasProfile(`${BASE}closed`)).to.equal(true);
    expect(validator.profileType(`${BASE}closed`)).to.equal('Observation');
  });

  it('reports a resource of another type than the profile', () => {
    expect(errors({ resourceType: 'Patient' }, 'closed')[0]!.message).to.include('profiles Observation');
  });

  it('warns about an extension it has no definition for, and checks the ones it has', () => {
    const resource = { ...obs(a), extension: [{ url: 'http://example.org/unknown-ext', valueString: 'x' }] };
    const issues = validator.validate(resource, `${BASE}closed`);
    expect(issues).to.deep.include({
      severity: 'warning',
      location: 'Observation.extension[0]',
      message:
        'unknown extension http://example.org/unknown-ext: no definition is loaded, so its content was only checked as a plain Extension',
    });
    const known = {
      ...obs(a),
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/observation-secondaryFinding', valueBoolean: true },
      ],
    };
    expect(errors(known, 'closed').map((e) => e.location)).to.include(
      'Observation.extension[0].valueBoolean',
    );
  });

  it('resolves #id from inside a contained resource against the outer resource', () => {
    const resource = {
      ...obs(a),
      specimen: { reference: '#sp' },
      contained: [
        { resourceType: 'Specimen', id: 'sp', subject: { reference: '#pt' } },
        { resourceType: 'Patient', id: 'pt' },
      ],
    };
    expect(errors(resource, 'closed')).to.deep.equal([]);
  });
});
