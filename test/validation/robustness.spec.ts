// The port promises never to throw on bad content: IG examples with random junk put in random places
// (fixed seed, so a failure reproduces) must give issues, not exceptions.
import { expect } from 'chai';
import { loadExamplePairs } from './ig-examples.js';
import { GR, sharedValidator } from './shared-validator.js';

type Path = (string | number)[];

const JUNK: unknown[] = [
  null,
  [],
  {},
  'x',
  5,
  true,
  [null],
  [{}],
  { reference: 5 },
  { coding: 'x' },
  { url: 7 },
  [[1]],
  '',
  -1,
];

describe('validation: robustness', () => {
  it('never throws on malformed content (900 random mutants)', async () => {
    const validator = await sharedValidator();
    const { pairs } = await loadExamplePairs();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const failures: string[] = [];
    for (let round = 0; round < 3; round++)
      for (const pair of pairs) {
        const resource = structuredClone(pair.resource);
        const paths = allPaths(resource);
        for (let m = 0; m < 3; m++) mutateAt(resource, paths[Math.floor(random() * paths.length)], random);
        try {
          validator.validate(resource, pair.profile, pair.bundle ? { bundle: pair.bundle } : {});
        } catch (err) {
          failures.push(`${pair.name}: ${(err as Error).message}`);
        }
      }
    expect(failures).to.deep.equal([]);
  });

  it('answers non-resources with an issue', async () => {
    const validator = await sharedValidator();
    for (const bad of [
      null,
      5,
      'x',
      [],
      { resourceType: 5 },
      { resourceType: 'Bundle', entry: [null, 5, { resource: 5 }] },
    ]) {
      const issues = validator.validate(bad, `${GR}variant`);
      expect(
        issues.some((i) => i.severity === 'error'),
        JSON.stringify(bad),
      ).to.equal(true);
    }
  });
});

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) {
      const step = Array.isArray(value) ? Number(key) : key;
      out.push([...prefix, step]);
      allPaths((value as Record<string, unknown>)[key], [...prefix, step], out);
    }
  return out;
}

function mutateAt(root: Record<string, unknown>, path: Path | undefined, random: () => number): void {
  if (!path) return;
  let parent: unknown = root;
  for (const step of path.slice(0, -1))
    parent = (parent as Record<string | number, unknown> | undefined)?.[step];
  if (parent === null || typeof parent !== 'object') return;
  const last = path[path.length - 1]!;
  const target = parent as Record<string | number, unknown>;
  if (random() < 0.3) delete target[last];
  else target[last] = structuredClone(JUNK[Math.floor(random() * JUNK.length)]);
}
