// Every reference-server fault names real requirement ids of suites/requirements.yaml in its `breaks` list,
// and docs/reference-server.md's fault table says the same as the code.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { withFaultTable } from '../../src/server/fault-docs.js';
import { listFaults } from '../../src/server/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CATALOG = join(ROOT, 'suites', 'requirements.yaml');
const SERVER_DOC = join(ROOT, 'docs', 'reference-server.md');

/** The rows of the fault table: `| \`id\` | what it does | ID, ID |`. */
function documentedFaults(markdown: string): { id: string; breaks: string[] }[] {
  return [...markdown.matchAll(/^\| `([a-z0-9-]+)` \| .* \| ([A-Z0-9, -]+) \|$/gm)].map((m) => ({
    id: m[1]!,
    breaks: m[2]!.split(',').map((id) => id.trim()),
  }));
}

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

  it('docs/reference-server.md shows the fault table as the code has it (run `npm run schema`)', () => {
    const page = readFileSync(SERVER_DOC, 'utf8');
    expect(withFaultTable(page) === page, 'the fault table of docs/reference-server.md is stale').to.equal(
      true,
    );
  });

  it('are the ones docs/reference-server.md lists', () => {
    const code = listFaults().map(({ id, breaks }) => ({ id, breaks }));
    expect(documentedFaults(readFileSync(SERVER_DOC, 'utf8'))).to.deep.equal(code);
  });
});
