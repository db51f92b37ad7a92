// Reading a CapabilityStatement and the capability gates.
import { expect } from 'chai';
import { parseCapabilities, unclaimed } from '../../src/engine/index.js';
import { claimedByServerOrSite, unclaimedConfiguredOperations } from '../../src/engine/capabilities.js';

describe('engine/capabilities', () => {
  const caps = parseCapabilities({
    resourceType: 'CapabilityStatement',
    rest: [
      {
        mode: 'server',
        searchParam: [{ name: '_lastUpdated' }],
        operation: [
          {
            name: 'match',
            definition: 'http://hl7.org/fhir/uv/genomics-reporting/OperationDefinition/match|3.0.0',
          },
        ],
        resource: [
          { type: 'Observation', searchParam: [{ name: 'code' }, { name: 'subject' }] },
          {
            type: 'Patient',
            operation: [
              {
                name: '$find-subject-variants',
                definition: 'http://x/OperationDefinition/find-subject-variants',
              },
            ],
          },
          { searchParam: [{ name: 'ignored' }] },
        ],
      },
    ],
  });
  it('collects resources, search parameters (with all-type ones) and operations by name and definition', () => {
    expect([...caps.resources]).to.deep.equal(['Observation', 'Patient']);
    expect([...caps.searchParams.get('Observation')!]).to.deep.equal(['code', 'subject']);
    expect([...caps.operations].sort()).to.deep.equal(['find-subject-variants', 'match']);
  });
  it('lists what a requirement set needs and the server does not claim', () => {
    expect(
      unclaimed(caps, {
        resources: ['Observation'],
        searchParams: { Observation: ['code', '_lastUpdated'] },
        operations: ['$match'],
      }),
    ).to.deep.equal([]);
    expect(
      unclaimed(caps, {
        resources: ['Specimen'],
        searchParams: { Observation: ['patient'] },
        operations: ['find-subject-specific-dx'],
      }),
    ).to.deep.equal([
      'resource Specimen',
      'search parameter Observation?patient',
      'operation $find-subject-specific-dx',
    ]);
  });
  it('refuses what is not a CapabilityStatement, naming it', () => {
    expect(() => parseCapabilities({ resourceType: 'OperationOutcome' })).to.throw(
      TypeError,
      /got resourceType OperationOutcome/,
    );
    expect(() => parseCapabilities('<html>')).to.throw(TypeError, /got string/);
  });
  it('tolerates a statement without rest', () => {
    expect(parseCapabilities({ resourceType: 'CapabilityStatement' }).resources.size).to.equal(0);
  });
  it("counts the operations the site's config declares as claimed, with or without a CapabilityStatement", () => {
    const both = claimedByServerOrSite(caps, ['$find-subject-haplotypes', 'match']);
    expect([...both.operations].sort()).to.deep.equal([
      'find-subject-haplotypes',
      'find-subject-variants',
      'match',
    ]);
    expect(both.resources).to.equal(caps.resources);
    expect(
      unclaimed(both, { resources: [], searchParams: {}, operations: ['find-subject-haplotypes'] }),
    ).to.deep.equal([]);
    const configOnly = claimedByServerOrSite(undefined, ['find-subject-haplotypes']);
    expect([...configOnly.operations]).to.deep.equal(['find-subject-haplotypes']);
    expect(
      unclaimed(configOnly, { resources: ['Observation'], searchParams: {}, operations: [] }),
    ).to.deep.equal(['resource Observation']);
    expect(
      unclaimedConfiguredOperations(caps, ['find-subject-variants', '$find-subject-haplotypes']),
    ).to.deep.equal(['find-subject-haplotypes']);
  });
});
