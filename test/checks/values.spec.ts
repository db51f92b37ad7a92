// FHIR-ish equality and ordering used by the operators.
import { expect } from 'chai';
import { compareValues, fhirEquals } from '../../src/checks/values.js';

describe('checks/values', () => {
  it('equality: numbers by value, dateTimes by instant at equal precision, objects structurally', () => {
    expect(fhirEquals(1, 1.0)).to.equal(true);
    expect(fhirEquals('1', 1)).to.equal(false);
    expect(fhirEquals('2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00')).to.equal(true);
    expect(fhirEquals('2024-01-01', '2024-01-01T00:00:00Z')).to.equal(false);
    expect(fhirEquals({ system: 's', code: 'c' }, { code: 'c', system: 's' })).to.equal(true);
    expect(fhirEquals({ system: 's', code: 'c' }, { code: 'c' })).to.equal(false);
    expect(fhirEquals(new Date('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00.000Z')).to.equal(true);
  });
  it('ordering: numbers, Quantity values, dates at mixed precision', () => {
    expect(compareValues(5, 3)).to.be.greaterThan(0);
    expect(compareValues({ value: 2, unit: 'mg' }, 3)).to.be.lessThan(0);
    expect(compareValues('2024-03-02', '2024-03-01T23:00:00Z')).to.be.greaterThan(0);
    expect(compareValues('2024-03', '2024-03-15')).to.equal(undefined);
    expect(compareValues('abc', 'abd')).to.equal(undefined);
  });
});
