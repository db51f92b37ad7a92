// The requirements catalog (suites/requirements.yaml; docs/suite-format.md, The requirements catalog) and the check that every
// requirement a suite names exists in it.
import { existsSync, readFileSync } from 'node:fs';
import { SuiteError } from '../common/errors.js';
import type { Requirement, RequirementsCatalog } from '../model/suite.js';
import type { RequirementRef } from './build.js';
import { requirementsSchema } from './schema.js';
import { didYouMean } from '../common/suggest.js';
import { validate } from '../common/zod-issues.js';
import { YamlSource } from '../common/yaml-source.js';

export interface LoadedCatalog {
  readonly catalog: RequirementsCatalog;
  /** False when there is no catalog file (then every requirement reference is unknown). */
  readonly found: boolean;
  readonly errors: SuiteError[];
}

/** Reads the catalog. A missing default catalog is not an error by itself; a missing explicit one is. */
export function loadCatalog(path: string, display: string, explicit: boolean): LoadedCatalog {
  const requirements = new Map<string, Requirement>();
  const catalog: RequirementsCatalog = { file: display, requirements };
  if (!existsSync(path)) {
    const errors = explicit
      ? [
          new SuiteError('CONFIG_MISSING', `requirements catalog not found: ${display}`, {
            file: display,
            line: 1,
            col: 1,
          }),
        ]
      : [];
    return { catalog, found: false, errors };
  }
  return parseCatalog(readFileSync(path, 'utf8'), display);
}

/** The catalog from its text (`display` is the file as shown in messages). */
export function parseCatalog(text: string, display: string): LoadedCatalog {
  const requirements = new Map<string, Requirement>();
  const catalog: RequirementsCatalog = { file: display, requirements };
  const source = new YamlSource(display, text);
  const { errors, data } = source.read();
  if (errors.length > 0) return { catalog, found: true, errors };
  const { value, errors: schemaErrors } = validate(requirementsSchema, source, data, 'SCHEMA');
  if (!value) return { catalog, found: true, errors: schemaErrors };
  const list = Array.isArray(value) ? value : value.requirements;
  const prefix = Array.isArray(value) ? [] : ['requirements'];
  list.forEach((entry, index) => {
    const loc = source.locAt([...prefix, index]);
    const first = requirements.get(entry.id);
    if (first) {
      errors.push(
        new SuiteError(
          'DUPLICATE_ID',
          `requirement id "${entry.id}" is listed twice (first at line ${first.loc.line})`,
          source.locAt([...prefix, index, 'id']),
        ),
      );
      return;
    }
    requirements.set(entry.id, { ...entry, loc });
  });
  return { catalog, found: true, errors };
}

export function checkRequirementRefs(refs: readonly RequirementRef[], loaded: LoadedCatalog): SuiteError[] {
  const known = [...loaded.catalog.requirements.keys()];
  return refs
    .filter((ref) => !loaded.catalog.requirements.has(ref.id))
    .map((ref) => {
      const why = loaded.found
        ? `it is not in ${loaded.catalog.file}${didYouMean(ref.id, known)}`
        : `there is no requirements catalog at ${loaded.catalog.file}`;
      return new SuiteError('UNKNOWN_REQUIREMENT', `unknown requirement "${ref.id}": ${why}`, ref.loc);
    });
}
