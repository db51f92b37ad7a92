// fgc init's one call per operation: the optional inputs it checks when they are supplied, and what it says
// when the answer disagrees with them.
import { expect } from 'chai';
import { confirmOperations } from '../../src/init/confirm.js';
import type { InputValue } from '../../src/init/derive/types.js';
import type { Answer, Query, SiteReader } from '../../src/init/reader.js';

const GENE = 'http://www.genenames.org|HGNC:2621';
const OTHER_GENE = 'http://www.genenames.org|HGNC:12014';
const FH = 'http://snomed.info/sct|398036000';
const MELANOMA = 'http://snomed.info/sct|372244006';

/** A reader whose operations answer `answer(path, params)`, recording each call. */
function fakeReader(answer: (path: string, params: Query) => unknown) {
  const calls: { path: string; params: Query }[] = [];
  const reader = {
    exhausted: false,
    operation: (path: string, _method: string, params: Query): Promise<Answer> => {
      calls.push({ path, params });
      return Promise.resolve({ status: 200, body: answer(path, params) });
    },
  } as unknown as SiteReader;
  return { reader, calls };
}

const call = (id: string) => ({ name: 'haplotype', resource: { resourceType: 'Observation', id } });
const implication = (code: string) => ({
  name: 'implication',
  resource: {
    resourceType: 'Observation',
    component: [
      { valueCodeableConcept: { coding: [{ system: code.split('|')[0], code: code.split('|')[1] }] } },
    ],
  },
});

async function confirm(
  operation: string,
  values: Record<string, InputValue>,
  answer: (params: Query) => unknown,
) {
  const { reader, calls } = fakeReader((_path, params) => answer(params));
  const checks = await confirmOperations(reader, new Map(Object.entries(values)), new Set([operation]), {});
  return { check: checks.find((c) => c.operation === operation)!, calls };
}

describe('fgc init: confirming the inputs with one call per operation', () => {
  it('adds the optional inputs supplied to the call, and names the one the answer contradicts', async () => {
    const haplotypes = (params: Query) => ({
      resourceType: 'Parameters',
      // the server finds results for every gene, the one without results too
      parameter: String(params.genes)
        .split(',')
        .map((gene, i) => ({
          name: 'haplotypes',
          part: [{ name: 'geneItem', valueString: gene }, call(`h${i}`)],
        })),
    });
    const { check, calls } = await confirm(
      'find-subject-haplotypes',
      { pgxPatientId: 'p1', genes: [GENE, 'CYP2C19'], geneWithoutResults: OTHER_GENE },
      haplotypes,
    );
    expect(calls.map((c) => c.params)).to.deep.equal([{ subject: 'p1', genes: `${GENE},${OTHER_GENE}` }]);
    expect(check).to.deep.include({
      outcome: 'disagrees',
      inputs: ['pgxPatientId', 'genes', 'geneWithoutResults'],
      detail:
        'expected haplotypes or genotypes true, false; got geneWithoutResults: haplotypes or genotypes true',
    });
    const without = await confirm(
      'find-subject-haplotypes',
      { pgxPatientId: 'p1', genes: [GENE] },
      haplotypes,
    );
    expect(without.calls[0]!.params).to.deep.equal({ subject: 'p1', genes: GENE });
    expect(without.check).to.deep.include({ outcome: 'agrees', inputs: ['pgxPatientId', 'genes'] });
  });

  it('asks for the condition without implications in the OR list, and checks none is returned for it', async () => {
    const values = { dxPatientId: 'p1', dxCondition: FH, dxConditionWithout: MELANOMA };
    const agreeing = await confirm('find-subject-dx-implications', values, () => ({
      resourceType: 'Parameters',
      parameter: [implication(FH)],
    }));
    expect(agreeing.calls[0]!.params).to.deep.equal({ subject: 'p1', conditions: `${FH},${MELANOMA}` });
    expect(agreeing.check).to.deep.include({ outcome: 'agrees' });
    const contradicting = await confirm('find-subject-dx-implications', values, () => ({
      resourceType: 'Parameters',
      parameter: [implication(FH), implication(MELANOMA)],
    }));
    expect(contradicting.check).to.deep.include({
      outcome: 'disagrees',
      detail: 'dxConditionWithout: 1 implication returned for it',
    });
  });
});
