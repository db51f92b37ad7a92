// The suite loader's cache layer: a suite file or catalog whose text, path, catalog and loader code are
// unchanged gets its model from the cache instead of being parsed again (parsing YAML with positions is
// most of the time `fgc run`, `lint` and `list` spend before the first request). Only models built
// without a single problem are cached, so every error is still found, with its file:line:col, by the loader.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { SuiteError } from '../common/errors.js';
import type { SourceLoc } from '../common/source-loc.js';
import type { Requirement, Suite } from '../model/suite.js';
import type { RequirementRef } from './build.js';
import type { SuiteFile } from './discover.js';
import { loadFixture } from './fixtures.js';
import { decodeModel, encodeModel, NotCacheable } from './model-codec.js';
import { ModelCache, sha256, type CacheAddress } from './model-cache.js';
import { loadCatalog, parseCatalog, type LoadedCatalog } from './requirements.js';

export interface SuiteFileResult {
  readonly suite?: Suite;
  readonly errors: readonly SuiteError[];
  readonly requirementRefs: readonly RequirementRef[];
}

interface SuiteEntry {
  readonly suite: unknown;
  readonly requirementRefs: unknown;
  /** Hash of each fixture's content: fixtures are files of their own, checked again on every load. */
  readonly fixtures: Readonly<Record<string, string>>;
}

/** The catalog, and a hash of its text that suite models are keyed on (their defaults may come from it). */
export function loadCatalogCached(
  path: string,
  display: string,
  explicit: boolean,
  cache = new ModelCache(),
): LoadedCatalog & { readonly contentHash: string } {
  if (!existsSync(path)) return { ...loadCatalog(path, display, explicit), contentHash: 'none' };
  const text = readFileSync(path, 'utf8');
  const address: CacheAddress = { slot: ['catalog', path, display], key: ['catalog', path, display, text] };
  const contentHash = sha256(text);
  const hit = cache.get(address) as { requirements: unknown } | undefined;
  if (hit) {
    const list = decodeModel(hit.requirements) as Requirement[];
    const requirements = new Map(list.map((r) => [r.id, r]));
    return { catalog: { file: display, requirements }, found: true, errors: [], contentHash };
  }
  const loaded = parseCatalog(text, display);
  if (loaded.errors.length === 0)
    store(cache, address, () => ({
      requirements: encodeModel([...loaded.catalog.requirements.values()]),
    }));
  return { ...loaded, contentHash };
}

/** One suite file through the cache; `load` builds it from its text when the cache has no model. */
export function loadSuiteFileCached(
  file: SuiteFile,
  display: (path: string) => string,
  catalogHash: string,
  load: (text: string) => SuiteFileResult,
  cache = new ModelCache(),
): SuiteFileResult {
  const text = readFileSync(file.path, 'utf8');
  const shown = display(file.path);
  const address: CacheAddress = {
    slot: ['suite', file.path, shown],
    key: ['suite', file.path, file.root, shown, catalogHash, text],
  };
  const hit = cache.get(address) as SuiteEntry | undefined;
  if (hit && fixturesUnchanged(hit, file, display)) {
    return {
      suite: decodeModel(hit.suite) as Suite,
      requirementRefs: decodeModel(hit.requirementRefs) as RequirementRef[],
      errors: [],
    };
  }
  const result = load(text);
  const { suite } = result;
  if (suite && result.errors.length === 0)
    store(cache, address, () => ({
      suite: encodeModel(suite),
      requirementRefs: encodeModel(result.requirementRefs),
      fixtures: Object.fromEntries(Object.values(suite.fixtures).map((f) => [f.id, contentHash(f.content)])),
    }));
  return result;
}

/** Loads each fixture again, as the loader does (inside the suites folder, parsed), and compares its content. */
function fixturesUnchanged(entry: SuiteEntry, file: SuiteFile, display: (path: string) => string): boolean {
  const fixtures = (entry.suite as { fixtures: Record<string, { path: string; loc: SourceLoc }> }).fixtures;
  return Object.entries(entry.fixtures).every(([id, hash]) => {
    const { path, loc } = fixtures[id]!;
    const fresh = loadFixture(id, relative(dirname(file.path), path), loc, {
      suiteFile: file.path,
      root: file.root,
      display,
    });
    try {
      return fresh.errors.length === 0 && contentHash(fresh.fixture!.content) === hash;
    } catch (err) {
      if (err instanceof NotCacheable) return false;
      throw err;
    }
  });
}

function contentHash(content: unknown): string {
  return sha256(JSON.stringify(encodeModel(content)));
}

/** Stores what `entry` makes, unless the model holds something the cache cannot carry unchanged. */
function store(cache: ModelCache, address: CacheAddress, entry: () => unknown): void {
  try {
    cache.set(address, entry());
  } catch (err) {
    if (!(err instanceof NotCacheable)) throw err;
  }
}
