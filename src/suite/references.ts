// Finds every variable a suite reads (`${inputs.x}` / `${name}` in strings, `%inputs.x` / `%name` in
// FHIRPath) with its position, and reports references to anything the suite never declares.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { SuiteError } from '../common/errors.js';
import type { SourceLoc } from '../common/source-loc.js';
import { variableRefs } from './fhirpath-check.js';
import { didYouMean } from '../common/suggest.js';
import { templateRefs } from './templates.js';
import type { DataPath, YamlSource } from '../common/yaml-source.js';

export interface Reference {
  readonly kind: 'input' | 'variable';
  readonly name: string;
  readonly loc: SourceLoc;
  /** Set when the reference is inside a fixture used by the step. */
  readonly fixture?: string;
}

/** Keys of `expect` whose values are FHIRPath or metadata, not templated expected values. */
const NOT_TEMPLATED = new Set(['that', 'select', 'conformsTo', 'severity', 'requirement', 'id']);

export class ReferenceCollector {
  readonly refs: Reference[] = [];
  readonly errors: SuiteError[] = [];

  constructor(private readonly source: YamlSource) {}

  /** `${...}` references in every string under the node at `path` (map keys excluded). */
  templates(path: DataPath): void {
    const node = this.source.nodeAt(path);
    if (node) this.templatesInNode(node);
  }

  /** `${...}` references in a fixture's content, reported at the step's `{ fixture: id }`. */
  fixtureTemplates(fixtureId: string, content: unknown, loc: SourceLoc): void {
    for (const text of stringsIn(content)) {
      for (const ref of templateRefs(text)) {
        if (ref.kind === 'invalid')
          this.errors.push(
            new SuiteError('UNDECLARED_VARIABLE', `fixture "${fixtureId}": ${ref.message}`, loc),
          );
        else this.refs.push({ kind: ref.kind, name: ref.name, loc, fixture: fixtureId });
      }
    }
  }

  /** %variables read by the FHIRPath expression at `path` (already known to compile). */
  fhirpath(path: DataPath): void {
    const node = this.source.nodeAt(path);
    if (!node || !isScalar(node) || typeof node.value !== 'string') return;
    for (const ref of variableRefs(node.value)) {
      this.refs.push({
        kind: ref.kind,
        name: ref.name,
        loc: this.source.locInScalar(node, ref.line, ref.column),
      });
    }
  }

  private templatesInNode(value: Node): void {
    const node = this.source.resolve(value);
    if (isMap(node)) {
      for (const pair of this.source.pairsOf(node)) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!NOT_TEMPLATED.has(key) && pair.value) this.templatesInNode(pair.value as Node);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) this.templatesInNode(item as Node);
    } else if (isScalar(node) && typeof node.value === 'string') {
      for (const ref of templateRefs(node.value)) {
        const loc = this.source.locInScalar(node, 1, ref.offset + 1);
        if (ref.kind === 'invalid') this.errors.push(new SuiteError('UNDECLARED_VARIABLE', ref.message, loc));
        else this.refs.push({ kind: ref.kind, name: ref.name, loc });
      }
    }
  }
}

/** What a scenario (or setup/teardown) may read. */
export interface Declared {
  readonly inputs: ReadonlySet<string>;
  /** Capture and captureList names, plus the scenario's forEach item. */
  readonly variables: ReadonlySet<string>;
}

export function checkReferences(refs: readonly Reference[], declared: Declared): SuiteError[] {
  const errors: SuiteError[] = [];
  for (const ref of refs) {
    const via = ref.fixture ? `fixture "${ref.fixture}": ` : '';
    if (ref.kind === 'input' && !declared.inputs.has(ref.name)) {
      const hint = didYouMean(ref.name, declared.inputs);
      errors.push(
        new SuiteError(
          'UNDECLARED_VARIABLE',
          `${via}input "${ref.name}" is not declared in the suite's inputs${hint}`,
          ref.loc,
        ),
      );
    } else if (ref.kind === 'variable' && !declared.variables.has(ref.name)) {
      const asInput = declared.inputs.has(ref.name)
        ? ` (for the input, write \${inputs.${ref.name}} or %inputs.${ref.name})`
        : didYouMean(ref.name, declared.variables);
      errors.push(
        new SuiteError(
          'UNDECLARED_VARIABLE',
          `${via}"${ref.name}" is not declared: no capture, captureList or forEach item of this suite has that name${asInput}`,
          ref.loc,
        ),
      );
    }
  }
  return errors;
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) yield* stringsIn(item);
}
