// Names the FHIR R4 model does not know, found before a run can blame the server for them.
import { expect } from 'chai';
import { unknownModelNames } from '../../src/fhirpath/model-names.js';

describe('fhirpath/model-names', () => {
  it('finds a misspelt element in a path that starts with a type, with the closest name', () => {
    expect(unknownModelNames('Bundle.entries.resource.count()')).to.deep.equal([
      'Bundle has no element "entries"',
    ]);
    expect(unknownModelNames('Observation.subjct.reference')).to.deep.equal([
      'Observation has no element "subjct" (did you mean "subject"?)',
    ]);
    expect(unknownModelNames('Parameters.parameter.part.nme')).to.deep.equal([
      'Parameters.parameter has no element "nme" (did you mean "name"?)',
    ]);
  });

  it('finds an unknown type in ofType(), is() and the is/as operators', () => {
    const hint = '"Observaton" is not a FHIR R4 type (did you mean "Observation"?)';
    expect(unknownModelNames('Bundle.entry.resource.ofType(Observaton)')).to.deep.equal([hint]);
    expect(unknownModelNames('entry.resource.where($this.is(Observaton))')).to.deep.equal([hint]);
    expect(unknownModelNames('entry.resource is Observaton')).to.deep.equal([hint]);
  });

  it('accepts what the model holds: inherited elements, backbone elements, content references, choices', () => {
    for (const expression of [
      'Observation.component.code.coding.code',
      'Observation.valueCodeableConcept.coding',
      'Observation.value.coding', // a choice: its type is not known, so it is not followed
      'Observation.id',
      'Observation.meta.profile',
      'Observation.extension.url',
      'Observation.component.extension',
      'Observation.status.extension',
      'Parameters.parameter.part.resource',
      'CapabilityStatement.rest.operation.name',
      'Bundle.entry.resource.ofType(Observation).code',
      'Bundle.entry.resource.foo', // Resource: any resource type, not followed
      "Bundle.link.where(relation = 'next').url",
      'entry.resource.ofType(FHIR.Observation)',
      'value.ofType(System.String)',
      "parameter.where(name = 'variants').part.resource", // no type at its start: not judged
      'Bundle.entry[0].resource',
    ])
      expect(unknownModelNames(expression), expression).to.deep.equal([]);
  });

  it('leaves a syntax error to the compiler', () => {
    expect(unknownModelNames('Bundle.entry.(')).to.deep.equal([]);
  });
});
