// `${...}` substitution: whole-string values keep their type, embedded ones become text, unchanged parts are shared.
import { expect } from 'chai';
import {
  lookupVariable,
  substituteDeep,
  substituteString,
  type Variables,
} from '../../src/engine/template.js';
import { EngineError } from '../../src/common/errors.js';

const vars: Variables = {
  inputs: { patientId: 'HG00403', count: 3, ranges: ['a', 'b'] },
  values: new Map<string, unknown>([['variant', { id: 'v1', code: { text: 'BRAF' } }]]),
};

describe('engine/template', () => {
  it('a whole-string template yields the value itself; embedded ones are text', () => {
    expect(substituteString('${inputs.count}', vars)).to.equal(3);
    expect(substituteString('${inputs.ranges}', vars)).to.deep.equal(['a', 'b']);
    expect(substituteString('n=${inputs.count};r=${inputs.ranges}', vars)).to.equal('n=3;r=a,b');
  });
  it('reads fields of captured objects', () => {
    expect(substituteString('Observation/${variant.id}', vars)).to.equal('Observation/v1');
    expect(lookupVariable('variant.code.text', vars)).to.equal('BRAF');
  });
  it('names what has no value', () => {
    expect(() => substituteString('${inputs.other}', vars)).to.throw(
      EngineError,
      /input "other" is not supplied/,
    );
    expect(() => substituteString('${nothing}', vars)).to.throw(EngineError, /"\$\{nothing\}" has no value/);
    expect(() => lookupVariable('variant.missing', vars)).to.throw(EngineError, /variant.missing/);
  });
  it('substitutes deep and shares what did not change', () => {
    const fixture = {
      resourceType: 'Patient',
      identifier: [{ value: '${inputs.patientId}' }],
      meta: { tag: [{ code: 'x' }] },
    };
    const out = substituteDeep(fixture, vars) as typeof fixture;
    expect(out.identifier[0]!.value).to.equal('HG00403');
    expect(out.meta).to.equal(fixture.meta);
    expect(fixture.identifier[0]!.value).to.equal('${inputs.patientId}');
    const plain = { a: [1, 2] };
    expect(substituteDeep(plain, vars)).to.equal(plain);
  });
});
