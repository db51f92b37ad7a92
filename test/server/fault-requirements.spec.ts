// Every reference-server fault names real requirement ids of suites/requirements.yaml in its `breaks` list.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { listFaults } from '../../src/server/index.js';

const CATALOG = join(import.meta.dirname, '..', '..', 'suites', 'requirements.yaml');

describe('server: fault requirement ids', () => {
  it('name only requirements of the catalog', () => {
    const catalog = parse(readFileSync(CATALOG, 'utf8')) as { requirements: { id: string }[] };
    const known = new Set(catalog.requirements.map((r) => r.id));
    expect(known.size).to.be.greaterThan(100);
    const unknown = listFaults().flatMap((f) =>
      f.breaks.filter((id) => !known.has(id)).map((id) => `${f.id}: ${id}`),
    );
    expect(unknown).to.deep.equal([]);
  });

  it('name at least one requirement per fault', () => {
    expect(
      listFaults()
        .filter((f) => f.breaks.length === 0)
        .map((f) => f.id),
    ).to.deep.equal([]);
  });
});
