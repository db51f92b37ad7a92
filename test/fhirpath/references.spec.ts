// referenceKey(): relative, absolute and versioned references to one resource compare equal.
import { expect } from 'chai';
import { compileExpression } from '../../src/fhirpath/compile.js';
import { referenceKey } from '../../src/fhirpath/references.js';

const evaluate = (expr: string, resource: unknown) =>
  compileExpression(expr, { file: 't', line: 1, col: 1 }).evaluate(resource, {});

describe('fhirpath/references: referenceKey()', () => {
  it('gives Type/id for relative, absolute and versioned references', () => {
    expect(referenceKey('Observation/v1')).to.equal('Observation/v1');
    expect(referenceKey('https://fhir.example.org/r4/Observation/v1')).to.equal('Observation/v1');
    expect(referenceKey('https://fhir.example.org/r4/Observation/v1/_history/7')).to.equal('Observation/v1');
  });
  it('keeps urn and contained references as they are, and names nothing for a logical reference', () => {
    expect(referenceKey('urn:uuid:13f34265-335c-4853-bc38-0815315edafa')).to.equal(
      'urn:uuid:13f34265-335c-4853-bc38-0815315edafa',
    );
    expect(referenceKey('#v1')).to.equal('#v1');
    expect(referenceKey({ identifier: { value: 'x' } })).to.equal(undefined);
  });
  it('works on resources and Reference elements inside FHIRPath', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Observation', id: 'v1' } },
        {
          resource: {
            resourceType: 'Observation',
            id: 'i1',
            derivedFrom: [{ reference: 'https://h/fhir/Observation/v1' }, { identifier: { value: 'lab-1' } }],
          },
        },
      ],
    };
    expect(evaluate('entry.resource.referenceKey()', bundle)).to.deep.equal([
      'Observation/v1',
      'Observation/i1',
    ]);
    expect(evaluate('entry.resource.derivedFrom.referenceKey()', bundle)).to.deep.equal(['Observation/v1']);
    const included =
      "entry.resource.derivedFrom.referenceKey().subsetOf(entry.resource.where(id = 'v1').referenceKey())";
    expect(evaluate(included, bundle)).to.deep.equal([true]);
    expect(
      evaluate("'Observation/v9'.referenceKey() in entry.resource.referenceKey()", bundle),
    ).to.deep.equal([false]);
  });
});
