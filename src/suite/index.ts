// Public entry of the suite loader: YAML suite files + requirements catalog -> validated suite model.
// Collects every problem in every file and throws them together as SuiteErrors. A file's model comes from the
// cache while nothing it is built from has changed (cached-load.ts).
import { join, resolve } from 'node:path';
import { displayPath } from '../common/display-path.js';
import { SuiteError, SuiteErrors, sortErrors } from '../common/errors.js';
import type { RequirementsCatalog, Suite } from '../model/suite.js';
import { buildSuite } from './build.js';
import type { BuildContext, RequirementRef } from './build.js';
import { defaultSuiteId, findSuiteFiles } from './discover.js';
import type { SuiteFile } from './discover.js';
import { loadCatalogCached, loadSuiteFileCached, type SuiteFileResult } from './cached-load.js';
import { checkRequirementRefs } from './requirements.js';
import { suiteSchema } from './schema.js';
import { validate } from '../common/zod-issues.js';
import { YamlSource } from '../common/yaml-source.js';
import { suiteWarnings } from './warnings.js';

export interface LoadOptions {
  /** Absolute path of the suites folder. */
  suitesRoot: string;
  /** Default: `<suitesRoot>/requirements.yaml` (a missing default catalog only matters when a suite names a requirement). */
  requirementsFile?: string;
  /** Paths in messages and `Suite.file` are relative to this folder (default: process.cwd()). */
  cwd?: string;
}

export interface LoadedSuites {
  suites: Suite[];
  catalog: RequirementsCatalog;
  /** Patterns that run but may mislead (see warnings.ts); `fgc lint` prints them. */
  warnings: SuiteError[];
}

/** Loads and validates suites. Throws SuiteErrors listing every problem found. */
export async function loadSuites(paths: readonly string[], options: LoadOptions): Promise<LoadedSuites> {
  const cwd = options.cwd ?? process.cwd();
  const display = displayPath(cwd);
  const suitesRoot = resolve(cwd, options.suitesRoot);
  const catalogPath = resolve(cwd, options.requirementsFile ?? join(suitesRoot, 'requirements.yaml'));
  const loaded = loadCatalogCached(catalogPath, display(catalogPath), options.requirementsFile !== undefined);
  const errors: SuiteError[] = [...loaded.errors];
  const suites: Suite[] = [];
  const requirementRefs: RequirementRef[] = [];

  const requirementLevel = (id: string) => loaded.catalog.requirements.get(id)?.level;
  for (const file of findSuiteFiles(paths, suitesRoot, cwd)) {
    const result = loadSuiteFileCached(file, display, loaded.contentHash, (text) =>
      loadSuiteFile(file, display, text, requirementLevel),
    );
    errors.push(...result.errors);
    if (result.suite) suites.push(result.suite);
    requirementRefs.push(...result.requirementRefs);
  }
  errors.push(...duplicateSuiteIds(suites));
  if (loaded.errors.length === 0) errors.push(...checkRequirementRefs(requirementRefs, loaded));
  if (errors.length > 0) throw new SuiteErrors(sortErrors(errors));
  return { suites, catalog: loaded.catalog, warnings: sortErrors(suites.flatMap(suiteWarnings)) };
}

function loadSuiteFile(
  file: SuiteFile,
  display: (path: string) => string,
  text: string,
  requirementLevel: BuildContext['requirementLevel'],
): SuiteFileResult {
  const shown = display(file.path);
  const source = new YamlSource(shown, text);
  const { errors: syntax, data } = source.read();
  if (syntax.length > 0) return { errors: syntax, requirementRefs: [] };
  if (data === null || data === undefined) {
    const message = 'the suite file is empty; a suite needs at least `scenarios:`';
    return {
      errors: [new SuiteError('SCHEMA', message, { file: shown, line: 1, col: 1 })],
      requirementRefs: [],
    };
  }
  const { value, errors } = validate(suiteSchema, source, data, 'SCHEMA');
  if (!value) return { errors, requirementRefs: [] };
  return buildSuite(value, {
    source,
    defaultId: defaultSuiteId(file),
    requirementLevel,
    suiteFile: file.path,
    root: file.root,
    display,
  });
}

function duplicateSuiteIds(suites: readonly Suite[]): SuiteError[] {
  const first = new Map<string, Suite>();
  const errors: SuiteError[] = [];
  for (const suite of suites) {
    const earlier = first.get(suite.id);
    if (earlier) {
      errors.push(
        new SuiteError('DUPLICATE_ID', `suite id "${suite.id}" is also used by ${earlier.file}`, suite.loc),
      );
    } else first.set(suite.id, suite);
  }
  return errors;
}

/** Relative to the working directory when the file is under it, else absolute. */
