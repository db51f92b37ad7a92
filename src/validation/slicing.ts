// Slicing: assigns each value of a sliced element to the slice its discriminators select (value, pattern,
// type, profile and exists), then checks slice cardinalities and the open / closed / openAtEnd / ordered
// rules. The caller validates each value against its slice, so every constraint inside a slice applies.
import type { CompiledProfile, ElementNode, Slicing } from './compile.js';
import type { ValidationIssue } from '../model/validation.js';
import { equalsFixed, matchesPattern } from './patterns.js';
import type { JsonObject } from './references.js';
import { typeFromSuffix } from './types.js';

export interface SliceEnv {
  /** The definition a node's children come from (its own children, its type profile or its base type). */
  childDefinition(node: ElementNode): ElementNode | undefined;
  profile(url: string): CompiledProfile | undefined;
  resolve(reference: string): JsonObject | undefined;
  conforms(resource: JsonObject, profileUrl: string): boolean;
  bindingMember(node: ElementNode, value: unknown): boolean | undefined;
}

export interface SliceItem {
  readonly value: unknown;
  readonly path: string;
  /** For choice elements: the type the JSON property names. */
  readonly type?: string;
}

/** The slice each item belongs to (undefined: no slice matched). Reslices (`a/b`) are not used for matching. */
export function assignSlices(
  items: readonly SliceItem[],
  node: ElementNode,
  env: SliceEnv,
): (ElementNode | undefined)[] {
  const slicing = node.slicing!;
  const slices = matchableSlices(node);
  return items.map((item) => {
    // What each discriminator path selects in the item does not depend on the slice: compute it once.
    const selected = slicing.discriminators.map((d) => valuesAtPath(item.value, d.path, env));
    return slices.find((slice) => matchesSlice(item, selected, slice, slicing, env));
  });
}

const matchable = new WeakMap<ElementNode, ElementNode[]>();

function matchableSlices(node: ElementNode): ElementNode[] {
  let slices = matchable.get(node);
  if (!slices) matchable.set(node, (slices = node.slices.filter((s) => !s.sliceName?.includes('/'))));
  return slices;
}

export function checkSliceRules(
  items: readonly SliceItem[],
  assigned: readonly (ElementNode | undefined)[],
  node: ElementNode,
  elementPath: string,
  issues: ValidationIssue[],
): void {
  const slicing = node.slicing!;
  const slices = matchableSlices(node);
  for (const slice of slices) {
    const count = assigned.filter((s) => s === slice).length;
    const where = `${elementPath}:${slice.sliceName}`;
    if (count < slice.min)
      issues.push({
        severity: 'error',
        location: where,
        message: `slice '${slice.sliceName}' needs at least ${slice.min} value(s), found ${count}`,
      });
    if (count > slice.max)
      issues.push({
        severity: 'error',
        location: where,
        message: `slice '${slice.sliceName}' allows at most ${slice.max} value(s), found ${count}`,
      });
  }
  let lastIndex = -1;
  let sawUnmatched = false;
  assigned.forEach((slice, i) => {
    const path = items[i]!.path;
    if (!slice) {
      sawUnmatched = true;
      if (slicing.rules === 'closed')
        issues.push({
          severity: 'error',
          location: path,
          message: `does not match any slice of ${elementPath} (closed slicing)`,
        });
      return;
    }
    const index = slices.indexOf(slice);
    if (slicing.rules === 'openAtEnd' && sawUnmatched)
      issues.push({
        severity: 'error',
        location: path,
        message: `slice '${slice.sliceName}' comes after an unsliced value (openAtEnd)`,
      });
    if (slicing.ordered && index < lastIndex)
      issues.push({
        severity: 'error',
        location: path,
        message: `slice '${slice.sliceName}' is out of order (ordered slicing)`,
      });
    lastIndex = Math.max(lastIndex, index);
  });
}

function matchesSlice(
  item: SliceItem,
  selected: readonly Typed[][],
  slice: ElementNode,
  slicing: Slicing,
  env: SliceEnv,
): boolean {
  return slicing.discriminators.every((d, i) => {
    const target = nodeAtPath(slice, d.path, env);
    if (!target) return true; // the slice does not constrain this path: nothing to tell the slices apart
    const typed = selected[i]!;
    const values = typed.map((t) => t.value);
    switch (d.type) {
      case 'value':
      case 'pattern': {
        const expected = target.fixed ?? target.pattern;
        if (expected === undefined) {
          if (!target.binding) return true;
          return values.some((v) => env.bindingMember(target, v) !== false);
        }
        const same = target.fixed !== undefined ? equalsFixed : matchesPattern;
        return values.some((v) => same(v, expected));
      }
      case 'exists':
        if (target.min > 0) return values.length > 0;
        if (target.max === 0) return values.length === 0;
        return true;
      case 'type': {
        const codes = target.types.map((t) => t.code);
        if (d.path === '$this' && item.type) return codes.includes(item.type);
        return typed.some((t) => t.type !== undefined && codes.includes(t.type));
      }
      case 'profile': {
        const viaResolve = d.path.includes('resolve()');
        const profiles = target.types.flatMap((t) => (viaResolve ? t.targetProfiles : t.profiles));
        return values.some(
          (v) =>
            typeof (v as JsonObject)?.resourceType === 'string' &&
            profiles.some((p) => env.conforms(v as JsonObject, p)),
        );
      }
      default:
        return true;
    }
  });
}

/** Splits a discriminator path on dots outside parentheses: `extension('a.b').value` → 2 steps. */
const stepCache = new Map<string, string[]>();

function steps(path: string): string[] {
  let cached = stepCache.get(path);
  if (!cached) stepCache.set(path, (cached = splitSteps(path)));
  return cached;
}

function splitSteps(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of path) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

interface Typed {
  readonly value: unknown;
  readonly type?: string;
}

const EXTENSION_STEP = /^extension\(['"](.+)['"]\)$/;

const pathCache = new WeakMap<ElementNode, Map<string, ElementNode | undefined>>();

/** The element a discriminator path designates inside a slice (cached: profiles do not change). */
function nodeAtPath(slice: ElementNode, path: string, env: SliceEnv): ElementNode | undefined {
  let cache = pathCache.get(slice);
  if (!cache) pathCache.set(slice, (cache = new Map()));
  if (!cache.has(path)) cache.set(path, findNodeAtPath(slice, path, env));
  return cache.get(path);
}

function findNodeAtPath(slice: ElementNode, path: string, env: SliceEnv): ElementNode | undefined {
  let node: ElementNode | undefined = slice;
  for (const step of steps(path)) {
    if (!node) return undefined;
    if (step === '$this' || step === 'resolve()' || step.startsWith('ofType(')) continue;
    const ext = EXTENSION_STEP.exec(step);
    const def: ElementNode | undefined = node.children.length > 0 ? node : env.childDefinition(node);
    if (ext) {
      const extension: ElementNode | undefined = def?.children.find((c) => c.name === 'extension');
      node = extension?.slices.find((s) => s.types.some((t) => t.profiles.includes(ext[1]!)));
      continue;
    }
    node = def?.children.find((c) => c.name === step || c.name === `${step}[x]`);
  }
  return node;
}

/** The values a discriminator path selects in an instance value, with their type where the JSON names it. */
function valuesAtPath(value: unknown, path: string, env: SliceEnv): Typed[] {
  let current: Typed[] = [{ value }];
  for (const step of steps(path)) {
    if (step === '$this' || step.startsWith('ofType(')) continue;
    if (step === 'resolve()') {
      current = current.flatMap(({ value: v }) => {
        const ref = (v as JsonObject)?.reference;
        const found = typeof ref === 'string' ? env.resolve(ref) : undefined;
        return found ? [{ value: found, type: found.resourceType as string }] : [];
      });
      continue;
    }
    const ext = EXTENSION_STEP.exec(step);
    current = current.flatMap(({ value: v }): Typed[] => {
      if (v === null || typeof v !== 'object') return [];
      const record = v as JsonObject;
      if (ext) {
        const list = Array.isArray(record.extension) ? record.extension : [];
        return list
          .filter((e) => (e as JsonObject)?.url === ext[1])
          .map((e) => ({ value: e, type: 'Extension' }));
      }
      let inner: unknown;
      let type: string | undefined;
      if (step in record) inner = record[step];
      else {
        // A choice element named without [x]: `value` selects `valueQuantity`, `valueString`...
        const key = Object.keys(record).find(
          (k) => k.startsWith(step) && typeFromSuffix(k.slice(step.length)),
        );
        inner = key === undefined ? undefined : record[key];
        type = key === undefined ? undefined : typeFromSuffix(key.slice(step.length));
      }
      if (inner === undefined) return [];
      return (Array.isArray(inner) ? inner : [inner]).map((i) => ({ value: i, ...(type ? { type } : {}) }));
    });
  }
  return current;
}
