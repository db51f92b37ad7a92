// Scenario selection: --grep, --tag, --exclude-tag.
import { expect } from 'chai';
import { isSelected, selectScenarios } from '../../src/runner/select.js';
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

  it('adds the scenarios that capture what a selected one reads, transitively, in file order', () => {
    const sc = (id: string, sets: string[], uses: string[]) =>
      ({
        fullId: `s/${id}`,
        title: id,
        tags: [],
        setsCaptures: sets,
        usesCaptures: uses,
        loc,
      }) as unknown as Scenario;
    const ids = sc('ids', ['ids'], []);
    const first = sc('first', ['first'], ['ids']);
    const other = sc('other', [], []);
    const reader = sc('reader', [], ['first']);
    const withCaptures = { id: 's', tags: [], scenarios: [ids, other, first, reader] } as unknown as Suite;
    expect(selectScenarios(withCaptures, { grep: /reader/ }).map((s) => s.title)).to.deep.equal([
      'ids',
      'first',
      'reader',
    ]);
    expect(selectScenarios(withCaptures, { grep: /other/ }).map((s) => s.title)).to.deep.equal(['other']);
  });
});
