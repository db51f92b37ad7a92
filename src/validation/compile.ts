// Turns a snapshot StructureDefinition into a tree of element nodes (children, slices, types, fixed and
// pattern values, bindings, invariants). Each profile is compiled once and cached by URL.
import type { ConformanceResource, DefinitionStore } from './structure-definitions.js';
import { canonicalUrl } from './structure-definitions.js';

export interface TypeRef {
  readonly code: string;
  readonly profiles: readonly string[];
  readonly targetProfiles: readonly string[];
}

export interface Constraint {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string;
}

export type DiscriminatorType = 'value' | 'pattern' | 'type' | 'profile' | 'exists';

export interface Slicing {
  readonly discriminators: readonly { readonly type: DiscriminatorType; readonly path: string }[];
  readonly rules: 'open' | 'closed' | 'openAtEnd';
  readonly ordered: boolean;
}

export interface ElementNode {
  readonly id: string;
  /** The element path without slice names, e.g. `Observation.component.value[x]`. */
  readonly path: string;
  /** The last path segment, e.g. `value[x]`. */
  readonly name: string;
  readonly sliceName?: string;
  readonly min: number;
  readonly max: number;
  /** True when the element repeats in the base resource, so JSON carries an array. */
  readonly isArray: boolean;
  readonly types: readonly TypeRef[];
  readonly fixed?: unknown;
  readonly pattern?: unknown;
  readonly binding?: { readonly strength: string; readonly valueSet?: string };
  readonly constraints: readonly Constraint[];
  readonly contentReference?: string;
  readonly children: ElementNode[];
  readonly slices: ElementNode[];
  slicing?: Slicing;
  readonly profile: CompiledProfile;
}

export interface CompiledProfile {
  readonly url: string;
  /** The resource or data type the profile constrains, e.g. `Observation`. */
  readonly type: string;
  readonly kind: string;
  readonly root: ElementNode;
  readonly byId: ReadonlyMap<string, ElementNode>;
}

export class UnknownProfileError extends Error {
  readonly code = 'UNKNOWN_PROFILE';
}

const FHIRPATH_SYSTEM_TYPES: Record<string, string> = {
  String: 'string',
  Boolean: 'boolean',
  Integer: 'integer',
  Decimal: 'decimal',
  Date: 'date',
  DateTime: 'dateTime',
  Time: 'time',
};

export class ProfileCompiler {
  private readonly cache = new Map<string, CompiledProfile>();
  /** By the name or reference as asked for (the walker asks for the same few thousands of times). */
  private readonly asked = new Map<string, CompiledProfile | UnknownProfileError>();

  constructor(private readonly store: DefinitionStore) {}

  has(url: string): boolean {
    return this.store.get('StructureDefinition', url) !== undefined;
  }

  /** The compiled profile for a canonical URL, or a base type/resource name such as `CodeableConcept`. */
  get(urlOrType: string): CompiledProfile {
    const found = this.lookUp(urlOrType);
    if (found instanceof UnknownProfileError) throw found;
    return found;
  }

  tryGet(urlOrType: string): CompiledProfile | undefined {
    const found = this.lookUp(urlOrType);
    return found instanceof UnknownProfileError ? undefined : found;
  }

  private lookUp(urlOrType: string): CompiledProfile | UnknownProfileError {
    let found = this.asked.get(urlOrType);
    if (!found) {
      try {
        found = this.compile(urlOrType);
      } catch (err) {
        if (!(err instanceof UnknownProfileError)) throw err;
        found = err;
      }
      this.asked.set(urlOrType, found);
    }
    return found;
  }

  private compile(urlOrType: string): CompiledProfile {
    const url = urlOrType.includes('/')
      ? canonicalUrl(urlOrType)
      : `http://hl7.org/fhir/StructureDefinition/${urlOrType}`;
    let compiled = this.cache.get(url);
    if (!compiled) {
      const sd = this.store.get('StructureDefinition', url);
      if (!sd) throw new UnknownProfileError(`No StructureDefinition is loaded for ${urlOrType}`);
      compiled = compileStructureDefinition(sd);
      this.cache.set(url, compiled);
    }
    return compiled;
  }
}

interface RawElement {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { max?: string };
  type?: {
    code: string;
    profile?: string[];
    targetProfile?: string[];
    extension?: { url: string; valueUrl?: string }[];
  }[];
  slicing?: {
    discriminator?: { type: DiscriminatorType; path: string }[];
    rules?: Slicing['rules'];
    ordered?: boolean;
  };
  binding?: { strength: string; valueSet?: string };
  constraint?: { key: string; severity: 'error' | 'warning'; human: string; expression?: string }[];
  contentReference?: string;
  [key: string]: unknown;
}

export function compileStructureDefinition(sd: ConformanceResource): CompiledProfile {
  const snapshot = (sd.snapshot as { element?: RawElement[] } | undefined)?.element;
  if (!snapshot?.length)
    throw new UnknownProfileError(`${sd.url} has no snapshot; the validator needs snapshots`);
  const byId = new Map<string, ElementNode>();
  const profile = {
    url: sd.url as string,
    type: sd.type as string,
    kind: sd.kind as string,
    byId,
  } as { root?: ElementNode } & Omit<CompiledProfile, 'root'>;
  for (const raw of snapshot) {
    const id = raw.id ?? raw.path;
    const node = toNode(raw, id, profile as CompiledProfile);
    byId.set(id, node);
    const segments = id.split('.');
    if (segments.length === 1) {
      if (!profile.root) profile.root = node;
      continue;
    }
    const last = segments[segments.length - 1]!;
    const parentId = segments.slice(0, -1).join('.');
    const colon = last.indexOf(':');
    if (colon >= 0) {
      // A slice: attach to the sliced element (for `a:x/y` reslices, to slice `a:x`).
      const sliceName = last.slice(colon + 1);
      const slash = sliceName.lastIndexOf('/');
      const base = slash >= 0 ? `${last.slice(0, colon)}:${sliceName.slice(0, slash)}` : last.slice(0, colon);
      byId.get(`${parentId}.${base}`)?.slices.push(node);
    } else {
      byId.get(parentId)?.children.push(node);
    }
  }
  if (!profile.root) throw new UnknownProfileError(`${sd.url} has no root element`);
  return profile as CompiledProfile;
}

function toNode(raw: RawElement, id: string, profile: CompiledProfile): ElementNode {
  const pathSegments = raw.path.split('.');
  const fixedKey = Object.keys(raw).find((k) => k.startsWith('fixed'));
  const patternKey = Object.keys(raw).find((k) => k.startsWith('pattern'));
  const maxText = raw.max ?? '*';
  const baseMax = raw.base?.max ?? maxText;
  return {
    id,
    path: raw.path,
    name: pathSegments[pathSegments.length - 1]!,
    ...(raw.sliceName ? { sliceName: raw.sliceName } : {}),
    min: raw.min ?? 0,
    max: maxText === '*' ? Infinity : Number(maxText),
    isArray: baseMax === '*' || Number(baseMax) > 1,
    types: (raw.type ?? []).map((t) => ({
      // A resource's logical id is an `id` (R4), though some snapshots declare it as a plain string.
      code:
        profile.kind === 'resource' && pathSegments.length === 2 && raw.path.endsWith('.id')
          ? 'id'
          : typeCode(t),
      profiles: (t.profile ?? []).map(canonicalUrl),
      targetProfiles: (t.targetProfile ?? []).map(canonicalUrl),
    })),
    ...(fixedKey ? { fixed: raw[fixedKey] } : {}),
    ...(patternKey ? { pattern: raw[patternKey] } : {}),
    ...(raw.binding ? { binding: { strength: raw.binding.strength, valueSet: raw.binding.valueSet } } : {}),
    constraints: (raw.constraint ?? [])
      .filter((c) => typeof c.expression === 'string')
      .map((c) => ({ key: c.key, severity: c.severity, human: c.human, expression: c.expression! })),
    ...(raw.contentReference ? { contentReference: raw.contentReference } : {}),
    children: [],
    slices: [],
    ...(raw.slicing
      ? {
          slicing: {
            discriminators: raw.slicing.discriminator ?? [],
            rules: raw.slicing.rules ?? 'open',
            ordered: raw.slicing.ordered ?? false,
          },
        }
      : {}),
    profile,
  };
}

function typeCode(t: NonNullable<RawElement['type']>[number]): string {
  if (!t.code.startsWith('http://hl7.org/fhirpath/System.')) return t.code;
  const declared = t.extension?.find(
    (e) => e.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type',
  )?.valueUrl;
  return (
    declared ?? FHIRPATH_SYSTEM_TYPES[t.code.slice('http://hl7.org/fhirpath/System.'.length)] ?? 'string'
  );
}
