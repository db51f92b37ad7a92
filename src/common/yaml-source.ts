// A YAML file parsed with source positions: maps data paths back to `file:line:col` for error messages.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { SourceLoc } from './source-loc.js';
import { SuiteError } from './errors.js';

export type DataPath = readonly PropertyKey[];

export class YamlSource {
  readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  /** `file` is the path shown in messages (relative to the working directory where possible). */
  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineCounter();
    // Merge keys (`<<: *anchor`) are not YAML 1.2 core, but authors coming from CI and compose files use
    // them to repeat a step with small changes; keys written beside a merge take precedence.
    this.doc = parseDocument(text, {
      lineCounter: this.lines,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
    });
  }

  /** YAML syntax errors and duplicate keys, each at its position. */
  syntaxErrors(): SuiteError[] {
    return this.read().errors;
  }

  /**
   * The syntax errors, or else the document as plain data, converted once. For callers that do not
   * edit the document first: converting a large suite costs about as much as validating it.
   */
  read(): { errors: SuiteError[]; data?: unknown } {
    const parse = this.parseErrors();
    if (parse.length > 0) return { errors: parse };
    const cycle = this.selfReferencingAlias();
    if (cycle) return { errors: [cycle] };
    try {
      return { errors: [], data: this.data() };
    } catch (err) {
      return { errors: [this.conversionError(err as Error)] };
    }
  }

  private parseErrors(): SuiteError[] {
    return this.doc.errors.map((e) => {
      const loc = this.locAtOffset(e.pos[0]);
      if (e.code === 'DUPLICATE_KEY') {
        const key = /^[^:\n]*/.exec(this.text.slice(e.pos[0]))![0].trim();
        return new SuiteError(
          'YAML_SYNTAX',
          `duplicate key "${key}": a key may appear only once in a map`,
          loc,
        );
      }
      if (e.code === 'MULTIPLE_DOCS') {
        return new SuiteError(
          'YAML_SYNTAX',
          'a file holds one YAML document; remove this "---" or split the file',
          loc,
        );
      }
      return new SuiteError('YAML_SYNTAX', `YAML syntax error: ${e.message}`, loc);
    });
  }

  /** An alias inside the value it names (`&s [ *s ]`) would make data without end. */
  private selfReferencingAlias(): SuiteError | undefined {
    if (!this.text.includes('*')) return undefined; // no alias at all: skip the walk
    let found: SuiteError | undefined;
    visit(this.doc, {
      Alias: (_key, alias, path) => {
        const target = alias.resolve(this.doc);
        if (!target || !path.some((ancestor) => ancestor === target)) return undefined;
        found = new SuiteError(
          'YAML_SYNTAX',
          `the alias *${alias.source} is inside the value it names, so the data would never end; ` +
            'repeat that value under a different anchor instead',
          this.locOf(alias),
        );
        return visit.BREAK;
      },
    });
    return found;
  }

  /** The document as plain data (null for an empty file), reflecting any edits made to it. */
  data(): unknown {
    return this.doc.toJS() as unknown;
  }

  /** Converting can still fail after a clean parse (e.g. YAML aliases expanding without bound). */
  private conversionError(err: Error): SuiteError {
    const text = /alias count/i.test(err.message)
      ? 'too many YAML alias (*name) expansions in this file; write the repeated parts out instead of using anchors'
      : `cannot read this YAML: ${err.message}`;
    return new SuiteError('YAML_SYNTAX', text, { file: this.file, line: 1, col: 1 });
  }

  locAtOffset(offset: number): SourceLoc {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /** Position of a node (its first character); the file start when the node has no range. */
  locOf(node: Node | null | undefined): SourceLoc {
    return node?.range ? this.locAtOffset(node.range[0]) : { file: this.file, line: 1, col: 1 };
  }

  /**
   * The node at a data path, or undefined when the path does not exist in the file. Aliases (`*name`)
   * and merge keys (`<<: *name`) are followed, so a value brought in by either is found where it is written.
   */
  nodeAt(path: DataPath): Node | undefined {
    let node: unknown = this.resolve(this.doc.contents);
    for (const segment of path) {
      if (isMap(node)) node = this.pairIn(node, String(segment))?.value;
      else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
      else return undefined;
      node = this.resolve(node);
      if (node === undefined || node === null) return undefined;
    }
    return (node ?? undefined) as Node | undefined;
  }

  /** The node an alias stands for; any other value as it is. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /**
   * The pairs of a map as its data has them: its own, then those merged in by `<<: *name` that it does
   * not override (earlier merge sources win over later ones).
   */
  pairsOf(map: YAMLMap, seen = new Set<unknown>([map])): readonly Pair[] {
    if (!map.items.some((p) => isMergeKey(p.key))) return map.items;
    const pairs = map.items.filter((p) => !isMergeKey(p.key));
    const keys = new Set(pairs.map((p) => keyText(p.key)));
    for (const merge of map.items.filter((p) => isMergeKey(p.key))) {
      const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
      for (const source of sources.map((item) => this.resolve(item))) {
        if (!isMap(source) || seen.has(source)) continue;
        seen.add(source);
        for (const pair of this.pairsOf(source, seen)) {
          if (keys.has(keyText(pair.key))) continue;
          keys.add(keyText(pair.key));
          pairs.push(pair);
        }
      }
    }
    return pairs;
  }

  private pairIn(map: YAMLMap, key: string): Pair | undefined {
    return this.pairsOf(map).find((p) => keyText(p.key) === key);
  }

  /** The position of the value at `path`, else of its nearest ancestor that exists. */
  locAt(path: DataPath): SourceLoc {
    for (let n = path.length; n >= 0; n--) {
      const node = this.nodeAt(path.slice(0, n));
      if (node) return this.locOf(node);
      // A key present with an empty value (`key:`): point at the key.
      if (n > 0) {
        const key = this.keyNodeAt(path.slice(0, n - 1), path[n - 1]!);
        if (key) return this.locOf(key);
      }
    }
    return { file: this.file, line: 1, col: 1 };
  }

  /** The key node of `key` in the map at `mapPath`. */
  keyNodeAt(mapPath: DataPath, key: PropertyKey): Node | undefined {
    const map = mapPath.length === 0 ? this.resolve(this.doc.contents) : this.nodeAt(mapPath);
    if (!isMap(map)) return undefined;
    return (this.pairIn(map, String(key))?.key ?? undefined) as Node | undefined;
  }

  /** True when the map at `mapPath` has the key written out (even with an empty value). */
  hasKey(mapPath: DataPath, key: string): boolean {
    return this.keyNodeAt(mapPath, key) !== undefined;
  }

  /**
   * Position of a character inside a string scalar, given its 1-based line and column within the value.
   * Exact for single-line plain and quoted scalars and for literal block scalars (`|`); otherwise the
   * scalar's own position.
   */
  locInScalar(node: Node | undefined, line: number, column: number): SourceLoc {
    if (!node || !isScalar(node) || !node.range) return this.locOf(node);
    const scalar = node as Scalar;
    const start = scalar.range![0];
    const raw = this.text.slice(start, scalar.range![1]);
    if (scalar.type === 'PLAIN' || scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
      if (line !== 1 || raw.includes('\n')) return this.locOf(node);
      const quote = scalar.type === 'PLAIN' ? 0 : 1;
      return this.locAtOffset(start + quote + column - 1);
    }
    if (scalar.type === 'BLOCK_LITERAL') {
      const header = this.lines.linePos(start).line;
      const contentLines = this.text.split('\n').slice(header, header + line);
      const target = contentLines[line - 1];
      const first = contentLines.find((l) => l.trim() !== '');
      if (target === undefined || first === undefined) return this.locOf(node);
      const indent = /^ */.exec(first)![0].length;
      return { file: this.file, line: header + line, col: indent + column };
    }
    return this.locOf(node);
  }
}

/** The `<<` of a merge: yaml marks it with a symbol value. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** Formats a data path as `scenarios[0].steps[1].expect.status`. */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
