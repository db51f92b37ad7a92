// Sharding: parsing `--shard`, and a stable, balanced, complete split of scenario ids.
import { expect } from 'chai';
import { UsageError } from '../../src/common/errors.js';
import { formatShard, inShard, parseShard, shardOf } from '../../src/runner/shard.js';

const ids = Array.from({ length: 2000 }, (_, i) => `suite-${i % 7}/scenario-${i}`);

describe('runner/shard', () => {
  it('parses i/n', () => {
    expect(parseShard('2/4')).to.deep.equal({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).to.deep.equal({ index: 1, total: 1 });
    expect(formatShard({ index: 3, total: 5 })).to.equal('3/5');
  });

  it('rejects anything else with a usage error showing the expected form', () => {
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/3', '1.5/3', '']) {
      expect(() => parseShard(bad), bad).to.throw(UsageError, /--shard must be "i\/n" .* \(got/);
    }
  });

  it('puts every scenario in exactly one shard', () => {
    const total = 4;
    for (const id of ids) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(id, { index, total }));
      expect(owners, id).to.have.length(1);
    }
  });

  it('spreads scenarios evenly', () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[shardOf(id, 4) - 1]!++;
    for (const count of counts) expect(count).to.be.within(400, 600);
  });

  it('depends only on the scenario id, not on order or on what else runs', () => {
    const before = ids.map((id) => shardOf(id, 3));
    const reversed = [...ids]
      .reverse()
      .map((id) => shardOf(id, 3))
      .reverse();
    expect(reversed).to.deep.equal(before);
    // Fixed values: a change to the hash would silently move scenarios between CI machines.
    expect(['a/b', 'a/c', 'x/y[1]'].map((id) => shardOf(id, 5))).to.deep.equal([3, 4, 1]);
  });
});
