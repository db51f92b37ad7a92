// The folders of src/ form layers: each imports only what src/layers.json allows it (ESLint's fgc/layers
// rule enforces that file by file), the folders import each other without a cycle, and no two folders
// export a type or function under the same name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const { $comment: _about, ...LAYERS } = JSON.parse(readFileSync(join(SRC, 'layers.json'), 'utf8')) as Record<
  string,
  string[]
>;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const folderOf = (path: string) => relative(SRC, path).split(sep)[0]!;

/** Folder -> the folders its files import, with one file and import as the example of each edge. */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles()) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = folderOf(resolve(dirname(file), fileName));
      if (to !== from && !to.startsWith('..')) edges.set(to, `${relative(SRC, file)} imports ${fileName}`);
    }
  }
  return graph;
}

/** A cycle in a graph given as node -> neighbours, as the list of its nodes; undefined when there is none. */
function findCycle(graph: ReadonlyMap<string, Iterable<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('architecture: layers of src/', () => {
  const graph = importGraph();

  it('no cycle between the folders of src/', () => {
    const cycle = findCycle(new Map([...graph].map(([from, edges]) => [from, edges.keys()])));
    const example = cycle
      ?.slice(1)
      .map((to, i) => graph.get(cycle[i]!)!.get(to))
      .join('; ');
    expect(cycle, `folders import each other in a circle: ${cycle?.join(' -> ')} (${example})`).to.equal(
      undefined,
    );
  });

  it('src/layers.json lists every folder, no cycle, and only folders that exist', () => {
    const folders = [...graph.keys()].sort();
    expect(Object.keys(LAYERS).sort()).to.deep.equal(folders);
    for (const allowed of Object.values(LAYERS)) expect(folders).to.include.members(allowed);
    expect(findCycle(new Map(Object.entries(LAYERS)))).to.equal(undefined);
  });

  it('every import between folders is one the allow-list permits', () => {
    const forbidden = [...graph].flatMap(([from, edges]) =>
      [...edges].filter(([to]) => !LAYERS[from]!.includes(to)).map(([, example]) => example),
    );
    expect(forbidden).to.deep.equal([]);
  });

  it('ESLint refuses an import the allow-list does not permit, and a file outside the folders', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (path: string, code: string) =>
      (await eslint.lintText(code, { filePath: join(ROOT, path) }))[0]!.messages.filter(
        (m) => m.ruleId === 'fgc/layers',
      );
    const upward = await lint('src/checks/probe.ts', "export { SuiteRun } from '../engine/index.js';\n");
    expect(upward.map((m) => m.message)).to.deep.equal([
      'src/checks/ may not import src/engine/ (src/layers.json lists what each folder may import)',
    ]);
    expect(
      await lint('src/engine/probe.ts', "export { planChecks } from '../checks/registry.js';\n"),
    ).to.deep.equal([]);
    expect(await lint('src/probe.ts', 'export const x = 1;\n')).to.have.length(1);
  });

  it('no two folders export a type or function under the same name', () => {
    const exported = new Map<string, Set<string>>();
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|interface|type|const|let|enum)\s+([\w$]+)/gm,
      )) {
        exported.set(m[1]!, (exported.get(m[1]!) ?? new Set()).add(folderOf(file)));
      }
    }
    const shared = [...exported]
      .filter(([, folders]) => folders.size > 1)
      .map(([name, f]) => `${name}: ${[...f]}`);
    expect(shared).to.deep.equal([]);
  });
});
