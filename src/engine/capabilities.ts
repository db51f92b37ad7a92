// What the server claims in its CapabilityStatement, and the capability gates of suites and operation steps.
import type { CapabilityRequirements } from '../model/suite.js';

export interface ServerCapabilities {
  readonly resources: ReadonlySet<string>;
  /** Search parameter names per resource type (plus `*` for ones declared for every type). */
  readonly searchParams: ReadonlyMap<string, ReadonlySet<string>>;
  /** Operation codes without `$`, from `operation.name` and the last segment of `operation.definition`. */
  readonly operations: ReadonlySet<string>;
}

interface RestComponent {
  resource?: { type?: unknown; searchParam?: { name?: unknown }[]; operation?: OperationComponent[] }[];
  searchParam?: { name?: unknown }[];
  operation?: OperationComponent[];
}
interface OperationComponent {
  name?: unknown;
  definition?: unknown;
}

/**
 * Reads the claims of a CapabilityStatement. Tolerant of missing parts (an empty claim set), but anything that
 * is not a CapabilityStatement is refused with a TypeError naming what it was.
 */
export function parseCapabilities(capabilityStatement: unknown): ServerCapabilities {
  const cs = capabilityStatement as { resourceType?: unknown; rest?: unknown } | null;
  if (cs === null || typeof cs !== 'object' || cs.resourceType !== 'CapabilityStatement') {
    const what =
      cs !== null && typeof cs === 'object' ? `resourceType ${String(cs.resourceType)}` : typeof cs;
    throw new TypeError(`the metadata response is not a CapabilityStatement (got ${what})`);
  }
  const resources = new Set<string>();
  const searchParams = new Map<string, Set<string>>();
  const operations = new Set<string>();
  const addOperations = (ops: OperationComponent[] | undefined): void => {
    for (const op of ops ?? []) {
      if (typeof op.name === 'string') operations.add(op.name.replace(/^\$/, ''));
      if (typeof op.definition === 'string') {
        const tail = op.definition.split('|')[0]!.split('/').pop();
        if (tail) operations.add(tail.replace(/^\$/, ''));
      }
    }
  };
  const addParams = (type: string, params: { name?: unknown }[] | undefined): void => {
    const set = searchParams.get(type) ?? new Set<string>();
    for (const p of params ?? []) if (typeof p.name === 'string') set.add(p.name);
    searchParams.set(type, set);
  };
  const rests = Array.isArray(cs.rest) ? (cs.rest as RestComponent[]) : [];
  for (const rest of rests) {
    addParams('*', rest.searchParam);
    addOperations(rest.operation);
    for (const resource of rest.resource ?? []) {
      if (typeof resource.type !== 'string') continue;
      resources.add(resource.type);
      addParams(resource.type, resource.searchParam);
      addOperations(resource.operation);
    }
  }
  return { resources, searchParams, operations };
}

/** What of `required` the server does not claim, e.g. `resource Observation`, `operation $match`. Empty = all claimed. */
export function unclaimed(caps: ServerCapabilities, required: CapabilityRequirements): string[] {
  const missing: string[] = [];
  for (const type of required.resources) if (!caps.resources.has(type)) missing.push(`resource ${type}`);
  for (const [type, names] of Object.entries(required.searchParams)) {
    for (const name of names) {
      if (!caps.searchParams.get(type)?.has(name) && !caps.searchParams.get('*')?.has(name)) {
        missing.push(`search parameter ${type}?${name}`);
      }
    }
  }
  for (const op of required.operations) {
    const code = op.replace(/^\$/, '');
    if (!caps.operations.has(code)) missing.push(`operation $${code}`);
  }
  return missing;
}

/** No CapabilityStatement: nothing is claimed. */
export const NO_CAPABILITIES: ServerCapabilities = {
  resources: new Set(),
  searchParams: new Map(),
  operations: new Set(),
};

/**
 * What a run counts as claimed: the server's CapabilityStatement (none when it has no usable one) plus every
 * operation the site's config declares in `operations:`. A site that configures an operation says it serves
 * it, so its scenarios run even when the CapabilityStatement forgets it (that omission is reported by the
 * capability-statement suite, OP-CAPABILITY-DECLARED).
 */
export function claimedByServerOrSite(
  server: ServerCapabilities | undefined,
  configuredOperations: Iterable<string>,
): ServerCapabilities {
  const base = server ?? NO_CAPABILITIES;
  const operations = new Set(base.operations);
  for (const op of configuredOperations) operations.add(op.replace(/^\$/, ''));
  return { ...base, operations };
}

/** Operations the config declares that the CapabilityStatement does not claim. */
export function unclaimedConfiguredOperations(
  server: ServerCapabilities,
  configuredOperations: Iterable<string>,
): string[] {
  return [...configuredOperations]
    .map((op) => op.replace(/^\$/, ''))
    .filter((op) => !server.operations.has(op));
}
