// Accuracy on the IG's own examples: every (example, declared profile) pair validates with 0 errors.
import { expect } from 'chai';
import { loadExamplePairs, type ExamplePair } from './ig-examples.js';
import { sharedValidator } from './shared-validator.js';

describe('validation: the IG examples', () => {
  let pairs: ExamplePair[];
  let counts: { standalone: number; inBundles: number };

  before(async () => {
    const loaded = await loadExamplePairs();
    pairs = loaded.pairs;
    counts = loaded;
  });

  it('finds the 307 (example, profile) pairs: 139 standalone and 168 Bundle entries', () => {
    expect(counts.standalone).to.equal(139);
    expect(counts.inBundles).to.equal(168);
    expect(pairs).to.have.length(307);
  });

  it('validates every pair with no error', async () => {
    const validator = await sharedValidator();
    const failures = pairs.flatMap((p) =>
      validator
        .validate(p.resource, p.profile, p.bundle ? { bundle: p.bundle } : {})
        .filter((i) => i.severity === 'error')
        .map((i) => `${p.name} (${p.profile.split('/').pop()}): ${i.location}: ${i.message}`),
    );
    expect(failures).to.deep.equal([]);
  });
});
