// Local ValueSet expansion from the loaded packages: enumerated concepts, whole CodeSystems, `is-a` /
// `descendent-of` / `=` filters on CodeSystems we have, and nested value sets. What cannot be expanded
// (LOINC, SNOMED CT, HGVS... with no CodeSystem in any package) is recorded so membership answers "unknown".
import type { ConformanceResource, DefinitionStore } from './structure-definitions.js';
import { canonicalUrl } from './structure-definitions.js';

/** The codes of one system in an expansion; `undefined` codes means the system is included but not enumerable. */
interface Expansion {
  readonly codes: Map<string, Set<string> | undefined>;
  /** Set when part of the value set could not be expanded (e.g. an unknown nested value set). */
  readonly incomplete: boolean;
  /** Set for the project's shipped LOINC answer lists that may not list every answer. */
  readonly partial: boolean;
}

export type Membership = 'member' | 'not-member' | 'unknown';

interface Concept {
  code: string;
  concept?: Concept[];
  property?: { code: string; valueCode?: string; valueString?: string; valueBoolean?: boolean }[];
}

interface Include {
  system?: string;
  concept?: { code: string }[];
  filter?: { property: string; op: string; value: string }[];
  valueSet?: string[];
}

export const PARTIAL_EXTENSION = 'http://fgc.example.org/fhir/StructureDefinition/valueset-partial';

export class ValueSetExpander {
  private readonly cache = new Map<string, Expansion | null>();

  constructor(private readonly store: DefinitionStore) {}

  /** Whether system|code is in the value set; 'unknown' when the value set cannot be expanded for it. */
  membership(valueSetRef: string, system: string | undefined, code: string): Membership {
    const exp = this.expand(canonicalUrl(valueSetRef));
    if (!exp) return 'unknown';
    if (system === undefined) {
      for (const codes of exp.codes.values())
        if (!codes || codes.has(code)) return codes ? 'member' : 'unknown';
      return exp.incomplete ? 'unknown' : 'not-member';
    }
    if (!exp.codes.has(system)) return exp.incomplete ? 'unknown' : 'not-member';
    const codes = exp.codes.get(system);
    if (!codes) return 'unknown';
    return codes.has(code) ? 'member' : 'not-member';
  }

  isPartial(valueSetRef: string): boolean {
    return this.expand(canonicalUrl(valueSetRef))?.partial ?? false;
  }

  private expand(url: string): Expansion | undefined {
    if (this.cache.has(url)) return this.cache.get(url) ?? undefined;
    this.cache.set(url, null); // guards against cycles between value sets
    const vs = this.store.get('ValueSet', url);
    const result = vs ? this.expandValueSet(vs) : undefined;
    this.cache.set(url, result ?? null);
    return result;
  }

  private expandValueSet(vs: ConformanceResource): Expansion | undefined {
    const partial = ((vs.extension as { url: string }[] | undefined) ?? []).some(
      (e) => e.url === PARTIAL_EXTENSION,
    );
    const compose = vs.compose as { include?: Include[]; exclude?: Include[] } | undefined;
    if (!compose?.include) return this.fromExpansion(vs, partial);
    const codes = new Map<string, Set<string> | undefined>();
    let incomplete = false;
    for (const include of compose.include) {
      const part = this.expandInclude(include);
      if (!part) {
        incomplete = true;
        continue;
      }
      incomplete ||= part.incomplete;
      for (const [system, set] of part.codes) merge(codes, system, set);
    }
    for (const exclude of compose.exclude ?? []) {
      const part = this.expandInclude(exclude);
      for (const [system, set] of part?.codes ?? []) {
        const target = codes.get(system);
        if (target && set) for (const c of set) target.delete(c);
      }
    }
    return { codes, incomplete, partial };
  }

  private expandInclude(include: Include): Expansion | undefined {
    const codes = new Map<string, Set<string> | undefined>();
    let incomplete = false;
    if (include.system) {
      merge(codes, include.system, this.systemCodes(include));
    }
    for (const ref of include.valueSet ?? []) {
      const nested = this.expand(canonicalUrl(ref));
      if (!nested) return undefined;
      incomplete ||= nested.incomplete;
      if (include.system) {
        // An intersection: keep only what both allow (enumerable parts only).
        const mine = codes.get(include.system);
        const theirs = nested.codes.get(include.system);
        if (mine && theirs) codes.set(include.system, new Set([...mine].filter((c) => theirs.has(c))));
      } else {
        for (const [system, set] of nested.codes) merge(codes, system, set);
      }
    }
    return { codes, incomplete, partial: false };
  }

  /** The codes an include selects from its system, or undefined when they cannot be enumerated. */
  private systemCodes(include: Include): Set<string> | undefined {
    if (include.concept?.length && !include.filter?.length)
      return new Set(include.concept.map((c) => c.code));
    const cs = this.store.get('CodeSystem', include.system!);
    const content = cs?.content as string | undefined;
    if (!cs || (content !== undefined && content !== 'complete')) return undefined;
    const roots = (cs.concept as Concept[] | undefined) ?? [];
    let selected: Concept[] = flatten(roots);
    for (const filter of include.filter ?? []) {
      const next = applyFilter(roots, selected, filter);
      if (!next) return undefined;
      selected = next;
    }
    const set = new Set(selected.map((c) => c.code));
    if (include.concept?.length) return new Set(include.concept.map((c) => c.code).filter((c) => set.has(c)));
    return set;
  }

  private fromExpansion(vs: ConformanceResource, partial: boolean): Expansion | undefined {
    const contains = (vs.expansion as { contains?: { system?: string; code?: string }[] } | undefined)
      ?.contains;
    if (!contains) return undefined;
    const codes = new Map<string, Set<string> | undefined>();
    for (const c of contains) if (c.system && c.code) merge(codes, c.system, new Set([c.code]));
    return { codes, incomplete: false, partial };
  }
}

function merge(
  map: Map<string, Set<string> | undefined>,
  system: string,
  set: Set<string> | undefined,
): void {
  if (map.has(system) && map.get(system) === undefined) return;
  if (!set) {
    map.set(system, undefined);
    return;
  }
  const existing = map.get(system);
  if (existing) for (const c of set) existing.add(c);
  else map.set(system, new Set(set));
}

function flatten(concepts: readonly Concept[]): Concept[] {
  return concepts.flatMap((c) => [c, ...flatten(c.concept ?? [])]);
}

function findConcept(concepts: readonly Concept[], code: string): Concept | undefined {
  for (const c of concepts) {
    if (c.code === code) return c;
    const inner = findConcept(c.concept ?? [], code);
    if (inner) return inner;
  }
  return undefined;
}

function applyFilter(
  roots: readonly Concept[],
  selected: Concept[],
  filter: { property: string; op: string; value: string },
): Concept[] | undefined {
  if (filter.property === 'concept' && (filter.op === 'is-a' || filter.op === 'descendent-of')) {
    const top = findConcept(roots, filter.value);
    if (!top) return [];
    const below = new Set(flatten(top.concept ?? []).map((c) => c.code));
    if (filter.op === 'is-a') below.add(top.code);
    return selected.filter((c) => below.has(c.code));
  }
  if (filter.property === 'concept' && filter.op === 'is-not-a') {
    const top = findConcept(roots, filter.value);
    const excluded = new Set(top ? [top, ...flatten(top.concept ?? [])].map((c) => c.code) : []);
    return selected.filter((c) => !excluded.has(c.code));
  }
  if (filter.op === '=') {
    return selected.filter((c) =>
      (c.property ?? []).some(
        (p) =>
          p.code === filter.property &&
          String(p.valueCode ?? p.valueString ?? p.valueBoolean) === filter.value,
      ),
    );
  }
  return undefined;
}
