// Scenario selection: --grep, --tag, --exclude-tag.
import { expect } from 'chai';
import { isSelected } from '../../src/runner/select.js';
import type { Scenario, Suite } from '../../src/model/suite.js';

const loc = { file: 'suites/x.yaml', line: 1, col: 1 };
const suite = { id: 'genomics/variant', tags: ['genomics'] } as unknown as Suite;
const scenario = {
  fullId: 'genomics/variant/search',
  title: 'Search variants',
  tags: ['search'],
  loc,
} as unknown as Scenario;

describe('runner/select', () => {
  it('selects everything without filters', () => {
    expect(isSelected(suite, scenario, {})).to.equal(true);
  });

  it('greps the full id and the title', () => {
    expect(isSelected(suite, scenario, { grep: /variant\/search/ })).to.equal(true);
    expect(isSelected(suite, scenario, { grep: /Search var/ })).to.equal(true);
    expect(isSelected(suite, scenario, { grep: /haplotype/ })).to.equal(false);
  });

  it('matches tags on the scenario or its suite', () => {
    expect(isSelected(suite, scenario, { tags: ['genomics'] })).to.equal(true);
    expect(isSelected(suite, scenario, { tags: ['search', 'x'] })).to.equal(true);
    expect(isSelected(suite, scenario, { tags: ['operations'] })).to.equal(false);
  });

  it('excluded tags win', () => {
    expect(isSelected(suite, scenario, { tags: ['search'], excludeTags: ['genomics'] })).to.equal(false);
  });
});
