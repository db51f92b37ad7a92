// A failing check told in words: headline, expected and actual from the check's own message, the element
// and resource it points at, the FHIRPath kept apart; and the resource found in the response.
import { expect } from 'chai';
import { checkStory, servedResource } from '../../src/reporters/check-text.js';
import type { RequirementInfo } from '../../src/results/model.js';
import { checkResult } from '../helpers/results.js';
import { exchange } from './fixtures/runs.js';

const FHIRPATH =
  "entry.resource.where(component.where(code.coding.code = '92822-6').value.coding.code = 'LA30102-0')";
const REQUIREMENTS = new Map<string, RequirementInfo>([
  [
    'OP-RANGES-0BASED',
    { id: 'OP-RANGES-0BASED', text: 'Ranges SHALL use 0-based counting.', source: '', level: 'SHALL' },
  ],
]);

describe('a failing check in words', () => {
  it("leads with the author's message; expected and actual are the words the check wrote", () => {
    const story = checkStory(
      checkResult({
        description: `${FHIRPATH} is empty`,
        outcome: 'fail',
        expected: true,
        actual: '[{"resourceType":"Observation","id":"v1","meta":{"profile":["http://hl7.or…',
        location: 'Bundle.entry[3].resource = Observation/v1',
        message: `a returned variant is not 0-based: ${FHIRPATH} is empty: expected no items, got 1 resource(s): Observation/v1 at Bundle.entry[3].resource = Observation/v1`,
        requirements: ['OP-RANGES-0BASED'],
      }),
      REQUIREMENTS,
    );
    expect(story.headline).to.equal('a returned variant is not 0-based');
    expect(story.expected).to.equal('no items');
    expect(story.actual).to.equal('1 resource(s): Observation/v1');
    expect(story.where).to.equal('Bundle.entry[3].resource = Observation/v1');
    expect(story.technical).to.equal(`${FHIRPATH} is empty`);
    expect(story.resources).to.deep.equal(['Observation/v1']);
    expect(story.headlineRequirement).to.equal(undefined);
  });

  it('without a message of its own, a FHIRPath check is headed by the requirement it tests', () => {
    const story = checkStory(
      checkResult({
        description: 'entry.count() greater than 0',
        outcome: 'fail',
        expected: 0,
        actual: 0,
        location: 'entry.count()',
        message: 'entry.count() greater than 0: expected greater than 0, got 0 at entry.count()',
        requirements: ['OP-RANGES-0BASED'],
      }),
      REQUIREMENTS,
    );
    expect(story.headline).to.equal('Ranges SHALL use 0-based counting.');
    expect(story.headlineRequirement).to.equal('OP-RANGES-0BASED');
    expect(story.expected).to.equal('greater than 0');
    expect(story.actual).to.equal('0');
    expect(story.where).to.equal('entry.count()');
  });

  it('keeps a per-item value with the entry and resource it sits in', () => {
    const story = checkStory(
      checkResult({
        description: "component.value.coding.code in ['LA30100-4']",
        outcome: 'fail',
        location: 'Bundle.entry[2].resource = Observation/v7',
        message: `component.value.coding.code in ['LA30100-4']: expected in ["LA30100-4"], got item 1 of 2 = "LA30102-0" at Bundle.entry[2].resource = Observation/v7 (checked 2 pages)`,
      }),
    );
    expect(story.expected).to.equal('in ["LA30100-4"]');
    expect(story.actual).to.equal('item 1 of 2 = "LA30102-0" (checked 2 pages)');
    expect(story.where).to.equal('Bundle.entry[2].resource = Observation/v7');
    expect(story.resources).to.deep.equal(['Observation/v7']);
  });

  it('a readable check (a status) keeps its description as the headline', () => {
    const story = checkStory(
      checkResult({
        kind: 'status',
        description: 'status is 200',
        outcome: 'fail',
        expected: 200,
        actual: 404,
        message: 'status is 200: expected 200, got 404',
      }),
      REQUIREMENTS,
    );
    expect(story).to.include({ headline: 'status is 200', expected: '200', actual: '404' });
  });

  it('falls back to the stored values when the message has no expected/got', () => {
    const story = checkStory(
      checkResult({ outcome: 'fail', expected: 'x', actual: ['y'], message: 'the server did not answer' }),
    );
    expect(story).to.include({ headline: 'the server did not answer', expected: 'x', actual: '["y"]' });
  });

  it('finds the resource a finding names in the response, however deep', () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'variants',
          part: [{ name: 'variant', resource: { resourceType: 'Observation', id: 'v9' } }],
        },
      ],
    };
    const found = servedResource(
      [exchange({ responseBody: 'not json' }), exchange({ responseBody: JSON.stringify(body) })],
      'Observation/v9',
    );
    expect(found).to.deep.equal({ resourceType: 'Observation', id: 'v9' });
    expect(servedResource([exchange({ responseBody: JSON.stringify(body) })], 'Observation/v1')).to.equal(
      undefined,
    );
  });
});
