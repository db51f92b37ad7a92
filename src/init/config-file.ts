// The target config `fgc init` writes, and re-reads on the next run. Every input it writes carries a comment
// `fgc init <fingerprint>: <where it came from>`; the fingerprint is of the value written, so a value the
// site changed by hand (or wrote without that comment) is recognised as the site's and kept.
import { createHash } from 'node:crypto';
import { Document, Pair, Scalar, YAMLMap, isMap, isScalar, parseDocument } from 'yaml';
import type { OperationEndpoint } from '../model/target.js';
import type { InputValue } from './derive/types.js';

const MARK = /^fgc init(?: ([0-9a-f]{8}))?\b/;

/** A short fingerprint of a value, to tell init's values from values changed by hand. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 8);
}

export interface ExistingInput {
  readonly value: unknown;
  /** Written by an earlier `fgc init` and not changed since. */
  readonly byInit: boolean;
  /** Its comment lines that are the site's own (init's lines left out). */
  readonly ownComment: readonly string[];
}

/** The comment above the item at `index` (the first item's sits on the map itself). */
function commentAbove(map: YAMLMap, index: number): string | undefined {
  const key = map.items[index]!.key as Scalar | undefined;
  return key?.commentBefore ?? (index === 0 ? map.commentBefore : undefined) ?? undefined;
}

export function readInputs(doc: Document): Map<string, ExistingInput> {
  const out = new Map<string, ExistingInput>();
  const map = doc.get('inputs', true);
  if (!isMap(map)) return out;
  map.items.forEach((pair, index) => {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!name) return;
    const value = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? pair.value;
    // Comment text keeps the space after `#`; render() puts it back.
    const lines = (commentAbove(map, index) ?? '')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/^ /, ''));
    const hash = lines.map((l) => MARK.exec(l)?.[1]).find(Boolean);
    out.set(name, {
      value,
      byInit: hash !== undefined && hash === fingerprint(value),
      ownComment: lines.filter((l) => !MARK.test(l)),
    });
  });
  return out;
}

export interface InputEntry {
  readonly name: string;
  readonly value: InputValue | unknown;
  /** Comment lines above it (without the leading `#`). */
  readonly comment: readonly string[];
}

export interface OperationEntry {
  readonly code: string;
  readonly endpoint: OperationEndpoint;
  readonly note: string;
}

export interface ConfigContent {
  readonly inputs: readonly InputEntry[];
  /** Written only when the config has no `operations:` yet. */
  readonly operations: readonly OperationEntry[];
  /** Comment lines after the inputs: what init could not derive. */
  readonly gaps: readonly string[];
}

/** The first lines of a new config: what wrote it and how re-running treats hand-written values. */
export function newConfig(header: readonly string[], top: Readonly<Record<string, unknown>>): Document {
  const doc = new Document(top);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc;
}

export function parseConfig(text: string): Document {
  return parseDocument(text);
}

/** Writes `content` into `doc`: the inputs map is rebuilt; `operations:` is added only when missing. */
export function render(doc: Document, content: ConfigContent): string {
  if (!doc.has('operations') && content.operations.length) {
    const ops = new YAMLMap();
    for (const op of content.operations) {
      const value = doc.createNode({ path: op.endpoint.path, method: op.endpoint.method }) as YAMLMap;
      value.flow = true;
      value.comment = ` ${op.note}`;
      ops.items.push(new Pair(doc.createNode(op.code), value));
    }
    setBefore(doc, 'operations', ops, 'inputs');
  }
  const inputs = new YAMLMap();
  for (const entry of content.inputs) {
    const key = doc.createNode(entry.name) as Scalar;
    if (entry.comment.length) key.commentBefore = entry.comment.map((l) => ` ${l}`).join('\n');
    const value = doc.createNode(entry.value);
    if (value instanceof YAMLMap || Array.isArray(entry.value)) (value as { flow?: boolean }).flow = true;
    inputs.items.push(new Pair(key, value));
  }
  if (content.gaps.length) inputs.comment = content.gaps.map((l) => ` ${l}`).join('\n');
  doc.set('inputs', inputs);
  return doc.toString({ lineWidth: 0 });
}

/** Sets `key`, placing it before `before` when it is new and `before` exists. */
function setBefore(doc: Document, key: string, value: unknown, before: string): void {
  const map = doc.contents as YAMLMap;
  const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === before);
  const pair = new Pair(doc.createNode(key), value);
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}
