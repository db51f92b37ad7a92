// Walks a resource against a compiled profile: cardinality (incl. 0..0), array shape, choice types narrowed
// by the profile, unknown elements, primitive formats, fixed/pattern values, bindings, invariants, references,
// extensions and slicing. Issues are collected, never thrown.
import type { ValidationIssue } from '../model/validation.js';
import { checkBinding } from './bindings.js';
import type { CompiledProfile, ElementNode, ProfileCompiler, TypeRef } from './compile.js';
import { failedInvariants } from './invariants.js';
import { describeValue, equalsFixed, matchesPattern } from './patterns.js';
import { checkPrimitive, isPrimitiveType } from './primitives.js';
import { type JsonObject, type ReferenceScope, referencedType, resolveReference } from './references.js';
import { assignSlices, checkSliceRules, type SliceEnv, type SliceItem } from './slicing.js';
import { choiceKey, isResourceType, typeFromSuffix } from './types.js';
import type { ValueSetExpander } from './valuesets.js';

export interface WalkServices {
  readonly compiler: ProfileCompiler;
  readonly expander: ValueSetExpander;
  /** Whether a resource conforms to a profile (used by profile discriminators; cached by the caller). */
  conforms(resource: JsonObject, profileUrl: string, scope: Omit<ReferenceScope, 'container'>): boolean;
}

interface Frame {
  /** The resource being walked (%resource, `#id` references). */
  readonly container: JsonObject;
  /** The outermost resource (%rootResource): differs from container inside `contained`. */
  readonly rootResource: JsonObject;
}

export class ElementWalker implements SliceEnv {
  readonly issues: ValidationIssue[] = [];
  private frame: Frame;

  constructor(
    private readonly services: WalkServices,
    private readonly scope: Omit<ReferenceScope, 'container'>,
    root: JsonObject,
  ) {
    this.frame = { container: root, rootResource: root };
  }

  /** Validates a whole resource against a profile; `path` is where it sits (its type at the top). */
  walkResource(resource: JsonObject, profile: CompiledProfile, path: string): void {
    if (resource.resourceType !== profile.type) {
      this.error(path, `is a ${String(resource.resourceType)}, but ${profile.url} profiles ${profile.type}`);
      return;
    }
    this.walkChildren(resource, profile.root, path, true);
    this.checkInvariants(profile.root, profile.type, resource, path);
  }

  // ---- SliceEnv ------------------------------------------------------------------------------------

  childDefinition(node: ElementNode): ElementNode | undefined {
    if (node.children.length > 0) return node;
    if (node.contentReference) return this.contentReference(node);
    const type = node.types.length === 1 ? node.types[0]! : undefined;
    if (!type || isPrimitiveType(type.code) || isResourceType(type.code)) return undefined;
    const profile = type.profiles.map((p) => this.services.compiler.tryGet(p)).find((p) => p);
    return (profile ?? this.services.compiler.tryGet(type.code))?.root;
  }

  profile(url: string): CompiledProfile | undefined {
    return this.services.compiler.tryGet(url);
  }

  resolve(reference: string): JsonObject | undefined {
    // `#id` points into the outermost resource's contained list, also from inside a contained resource.
    const container = reference.startsWith('#') ? this.frame.rootResource : this.frame.container;
    return resolveReference(reference, { ...this.scope, container });
  }

  conforms(resource: JsonObject, profileUrl: string): boolean {
    return this.services.conforms(resource, profileUrl, this.scope);
  }

  bindingMember(node: ElementNode, value: unknown): boolean | undefined {
    const type =
      value !== null && typeof value === 'object' && 'coding' in value ? 'CodeableConcept' : 'Coding';
    return checkBinding(node, type, value, this.services.expander) === undefined;
  }

  // ---- structure -----------------------------------------------------------------------------------

  /** Checks every property of `obj` against the children of `def`, in the order the definition lists them. */
  private walkChildren(
    obj: JsonObject,
    def: ElementNode,
    path: string,
    isResource = false,
    skip?: string,
  ): void {
    const children = childrenOf(def);
    const keys = Object.keys(obj);
    // Most elements a definition allows are absent, and looking each up in the JSON is what costs: go by the
    // properties present, plus the children that have rules even when absent (a minimum, slices).
    const walked = new Uint8Array(children.list.length);
    for (const index of children.required) walked[index] = 1;
    for (const key of keys) {
      const index = children.byKey.get(key);
      if (index !== undefined) walked[index] = 1;
      else for (const choice of children.choices) if (choice.matches(key)) walked[choice.index] = 1;
    }
    const choiceKeys = new Set<string>();
    walked.forEach((walk, index) => {
      const child = children.list[index]!;
      if (!walk || child.name === skip) return;
      if (child.name.endsWith('[x]')) this.walkChoice(obj, child, path, choiceKeys);
      else
        this.walkElement(obj, child.name, child, path, child.types.length === 1 ? child.types[0] : undefined);
    });
    for (const key of keys) {
      const known =
        (children.byKey.has(key) && (skip === undefined || (key !== skip && key !== `_${skip}`))) ||
        choiceKeys.has(key) ||
        (isResource && key === 'resourceType') ||
        key === 'fhir_comments';
      if (!known) this.error(`${path}.${key}`, `unknown element '${key}' in ${def.path}`);
    }
    if (!isResource && keys.length === 0) this.error(path, 'empty element (ele-1)');
  }

  private walkChoice(obj: JsonObject, child: ElementNode, path: string, seen: Set<string>): void {
    const prefix = child.name.slice(0, -3);
    const present: { key: string; type: string }[] = [];
    for (const raw of Object.keys(obj)) {
      const key = raw.startsWith('_') ? raw.slice(1) : raw;
      if (!key.startsWith(prefix) || key.length === prefix.length) continue;
      const type = typeFromSuffix(key.slice(prefix.length));
      if (!type) continue;
      seen.add(raw);
      if (!present.some((p) => p.key === key)) present.push({ key, type });
    }
    if (present.length > 0 && child.max === 0) {
      this.error(`${path}.${present[0]!.key}`, `is not allowed here (${child.id} is 0..0)`);
      return;
    }
    if (present.length > 1)
      this.error(
        `${path}.${present[1]!.key}`,
        `only one of ${present.map((p) => p.key).join(', ')} may be present (${child.name})`,
      );
    if (present.length === 0) {
      if (child.min > 0)
        this.error(`${path}.${child.name}`, `${child.name} is required (minimum ${child.min}), but missing`);
      for (const slice of child.slices)
        if (slice.min > 0)
          this.error(`${path}.${slice.sliceName}`, `${slice.sliceName} is required, but missing`);
      return;
    }
    for (const { key, type } of present) {
      const allowed = child.types.find((t) => t.code === type);
      if (!allowed) {
        this.error(
          `${path}.${key}`,
          `type ${type} is not allowed for ${child.name} here (allowed: ${child.types.map((t) => t.code).join(', ') || 'none'})`,
        );
        continue;
      }
      const typeSlice = child.slices.find(
        (s) =>
          s.sliceName === key ||
          (s.types.length === 1 && s.types[0]!.code === type && s.sliceName === choiceKey(prefix, type)),
      );
      const node = typeSlice ?? child;
      this.walkElement(obj, key, node, path, node.types.find((t) => t.code === type) ?? allowed);
    }
  }

  /** One element (all its repetitions) of `obj`: cardinality, array shape, slicing, then each value. */
  private walkElement(
    obj: JsonObject,
    key: string,
    node: ElementNode,
    path: string,
    type: TypeRef | undefined,
  ): void {
    const raw = obj[key];
    const companion = obj[companionKey(key)];
    const elementPath = `${path}.${key}`;
    if (raw === null) this.error(elementPath, 'null is not allowed in FHIR JSON');
    if (node.isArray && raw !== undefined && raw !== null && !Array.isArray(raw))
      this.error(elementPath, `must be an array (${node.path} repeats)`);
    if (!node.isArray && Array.isArray(raw)) this.error(elementPath, `must be a single value, not an array`);
    if (Array.isArray(raw) && raw.length === 0) this.error(elementPath, 'empty array');
    const values = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    const extras = companion === undefined ? [] : Array.isArray(companion) ? companion : [companion];
    const count = Math.max(values.length, extras.length);
    if (count < node.min)
      this.error(
        elementPath,
        `${node.min === 1 ? 'required' : `at least ${node.min} required`}, but found ${count} (${node.id})`,
      );
    if (count > node.max)
      this.error(
        elementPath,
        node.max === 0
          ? `is not allowed here (${node.id} is 0..0)`
          : `at most ${node.max} allowed, found ${count}`,
      );
    const items: SliceItem[] = [];
    for (let i = 0; i < count; i++) {
      const itemPath = node.isArray || Array.isArray(raw) ? `${elementPath}[${i}]` : elementPath;
      items.push(
        type ? { value: values[i], path: itemPath, type: type.code } : { value: values[i], path: itemPath },
      );
    }
    const sliced = node.slicing && node.slices.length > 0 && !node.name.endsWith('[x]') ? node : undefined;
    const assigned = sliced ? assignSlices(items, sliced, this) : [];
    if (sliced) checkSliceRules(items, assigned, sliced, elementPath, this.issues);
    items.forEach((item, i) => {
      const target = assigned[i] ?? node;
      const itemType = target === node ? type : target.types.length === 1 ? target.types[0] : type;
      if (item.value !== undefined && item.value !== null)
        this.walkValue(item.value, target, itemType, item.path);
      if (extras[i] !== undefined && extras[i] !== null)
        this.walkPrimitiveExtras(extras[i], itemType, `${path}._${key}`);
    });
  }

  /** One value of an element, of a known type. */
  private walkValue(value: unknown, node: ElementNode, type: TypeRef | undefined, path: string): void {
    const code =
      type?.code ?? (node.types.length === 0 && node.contentReference ? 'BackboneElement' : undefined);
    if (code && isPrimitiveType(code)) {
      const problem = checkPrimitive(code, value);
      if (problem) this.error(path, problem);
    } else if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.error(
        path,
        `must be a JSON object (${code ?? node.path}), found ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
      return;
    } else if (code && isResourceType(code)) {
      this.walkNestedResource(value as JsonObject, node, path);
      return;
    } else {
      this.walkComplex(value as JsonObject, node, type, path);
    }
    this.checkValueConstraints(value, node, code, path);
  }

  private walkComplex(value: JsonObject, node: ElementNode, type: TypeRef | undefined, path: string): void {
    let def: ElementNode | undefined;
    if (node.children.length > 0) def = node;
    else if (node.contentReference) def = this.contentReference(node);
    else if (type) def = this.typeDefinition(value, type, path, node.name === 'modifierExtension');
    if (!def) return;
    this.walkChildren(value, def, path);
    if (def !== node) this.checkInvariants(def, def.path, value, path);
    if (type?.code === 'Extension') this.checkExtensionShape(value, path);
    if (type?.code === 'Reference') this.checkReference(value, type, path);
  }

  /** The definition of a value's content: its type profile, an extension's own definition, or the base type. */
  private typeDefinition(
    value: JsonObject,
    type: TypeRef,
    path: string,
    modifier: boolean,
  ): ElementNode | undefined {
    const compiler = this.services.compiler;
    for (const url of type.profiles) {
      const profile = compiler.tryGet(url);
      if (profile) return profile.root;
    }
    if (type.code === 'Extension' && typeof value.url === 'string') {
      const definition = compiler.tryGet(value.url);
      if (definition?.type === 'Extension') return definition.root;
      // A modifier extension changes the meaning of what holds it: one we cannot understand is an error.
      this.issues.push({
        severity: modifier ? 'error' : 'warning',
        location: path,
        message: modifier
          ? `unknown modifier extension ${value.url}: the resource cannot be safely understood without its definition`
          : `unknown extension ${value.url}: no definition is loaded, so its content was only checked as a plain Extension`,
      });
    }
    const base = compiler.tryGet(type.code);
    if (!base) this.error(path, `unknown data type ${type.code}`);
    return base?.root;
  }

  private walkNestedResource(resource: JsonObject, node: ElementNode, path: string): void {
    const type = resource.resourceType;
    if (typeof type !== 'string') {
      this.error(path, 'a resource must have a resourceType');
      return;
    }
    const profile = this.services.compiler.tryGet(type);
    if (!profile || profile.kind !== 'resource') {
      this.error(path, `unknown resource type ${type}`);
      return;
    }
    const saved = this.frame;
    const contained = node.name === 'contained';
    this.frame = { container: resource, rootResource: contained ? saved.rootResource : resource };
    this.walkResource(resource, profile, path);
    this.frame = saved;
  }

  /** `_name` companions of primitives carry id and extensions only. */
  private walkPrimitiveExtras(extra: unknown, type: TypeRef | undefined, path: string): void {
    if (typeof extra !== 'object' || Array.isArray(extra)) {
      this.error(path, 'must be a JSON object with id and/or extension');
      return;
    }
    const base = type ? this.services.compiler.tryGet(type.code) : undefined;
    if (base) this.walkChildren(extra as JsonObject, base.root, path, false, 'value');
  }

  private contentReference(node: ElementNode): ElementNode | undefined {
    const id = node.contentReference!.slice(node.contentReference!.indexOf('#') + 1);
    return node.profile.byId.get(id);
  }

  // ---- value rules ---------------------------------------------------------------------------------

  private checkValueConstraints(
    value: unknown,
    node: ElementNode,
    code: string | undefined,
    path: string,
  ): void {
    if (node.fixed !== undefined && !equalsFixed(value, node.fixed))
      this.error(path, `must be exactly ${describeValue(node.fixed)}, found ${describeValue(value)}`);
    if (node.pattern !== undefined && !matchesPattern(value, node.pattern))
      this.error(
        path,
        `must match the pattern ${describeValue(node.pattern)}, found ${describeValue(value)}`,
      );
    if (code) {
      const finding = checkBinding(node, code, value, this.services.expander);
      if (finding) this.issues.push({ severity: finding.severity, location: path, message: finding.message });
    }
    if (node.constraints.length > 0 && typeof value === 'object')
      this.checkInvariants(node, node.name.endsWith('[x]') && code ? code : node.path, value, path);
  }

  private checkInvariants(node: ElementNode, base: string, value: unknown, path: string): void {
    const env = { resource: this.frame.container, rootResource: this.frame.rootResource };
    for (const c of failedInvariants(node.constraints, base, value, env)) {
      this.issues.push({ severity: c.severity, location: path, message: `${c.key}: ${c.human}` });
    }
  }

  /** ext-1: an extension has a value or nested extensions, not both. */
  private checkExtensionShape(extension: JsonObject, path: string): void {
    const hasValue = Object.keys(extension).some((k) => k.startsWith('value') && k.length > 5);
    const hasChildren = Array.isArray(extension.extension) && extension.extension.length > 0;
    if (hasValue === hasChildren)
      this.error(
        path,
        hasValue
          ? 'an extension must not have both a value and nested extensions (ext-1)'
          : 'an extension needs a value or nested extensions (ext-1)',
      );
  }

  /** The referenced resource type must be one the element allows; `#id` must point into contained. */
  private checkReference(reference: JsonObject, type: TypeRef, path: string): void {
    const ref = reference.reference;
    if (typeof ref !== 'string') return;
    const resolved = this.resolve(ref);
    if (ref.startsWith('#') && ref.length > 1 && !resolved) {
      this.error(path, `${ref} does not point to a contained resource (ref-1)`);
      return;
    }
    const actual = (resolved?.resourceType as string | undefined) ?? referencedType(ref);
    if (!actual || type.targetProfiles.length === 0) return;
    const allowed = type.targetProfiles.map((p) => this.services.compiler.tryGet(p)?.type);
    if (allowed.some((t) => t === undefined || t === 'Resource' || t === actual)) return;
    this.error(
      path,
      `a reference to ${actual} is not allowed here (allowed: ${[...new Set(allowed)].join(', ')})`,
    );
  }

  private error(location: string, message: string): void {
    this.issues.push({ severity: 'error', location, message });
  }
}

const companionKeys = new Map<string, string>();

/** `_name`, made once per name: looking a property up by a freshly built string costs more than the rest. */
function companionKey(name: string): string {
  let key = companionKeys.get(name);
  if (key === undefined) companionKeys.set(name, (key = `_${name}`));
  return key;
}

interface Children {
  readonly list: readonly ElementNode[];
  /** Index in `list` of the child a JSON property belongs to (`name`, or `_name` for a primitive's extras). */
  readonly byKey: ReadonlyMap<string, number>;
  /** Choice elements (`value[x]`): a property may belong to one when it starts with its prefix. */
  readonly choices: readonly { index: number; matches: (key: string) => boolean }[];
  /** Children with rules even when absent: a minimum, or slices. */
  readonly required: readonly number[];
}

const childrenByDefinition = new WeakMap<ElementNode, Children>();

/** A definition's children as the walker looks them up, worked out once per definition. */
function childrenOf(def: ElementNode): Children {
  let children = childrenByDefinition.get(def);
  if (children) return children;
  const list = def.children;
  const byKey = new Map<string, number>();
  const choices: Children['choices'][number][] = [];
  const required: number[] = [];
  list.forEach((child, index) => {
    if (child.name.endsWith('[x]')) {
      const prefix = child.name.slice(0, -3);
      const matches = (key: string) => {
        const name = key.startsWith('_') ? key.slice(1) : key;
        return name.length > prefix.length && name.startsWith(prefix);
      };
      choices.push({ index, matches });
      if (child.min > 0 || child.slices.some((slice) => slice.min > 0)) required.push(index);
    } else {
      byKey.set(child.name, index).set(companionKey(child.name), index);
      if (child.min > 0 || child.slicing) required.push(index);
    }
  });
  childrenByDefinition.set(def, (children = { list, byKey, choices, required }));
  return children;
}
