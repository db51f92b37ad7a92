// Finds suite files: every *.yaml / *.yml under the given files or folders (default: the suites folder),
// except the requirements catalog and anything inside a `fixtures` folder.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../common/errors.js';

export interface SuiteFile {
  /** Absolute path. */
  readonly path: string;
  /** The folder the suite id is relative to and fixtures must stay inside. */
  readonly root: string;
}

const SKIPPED_FOLDERS = new Set(['fixtures', 'node_modules']);

/** The suites that ship with fgc (for `npx fgc` run from a folder that has none of its own). */
export const BUNDLED_SUITES = fileURLToPath(new URL('../../suites', import.meta.url));

/** `<cwd>/suites` when it exists, else the bundled suites. */
export function suitesFolder(cwd: string): string {
  const own = join(cwd, 'suites');
  return existsSync(own) || !existsSync(BUNDLED_SUITES) ? own : BUNDLED_SUITES;
}

export function isSuiteFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/^requirements\.ya?ml$/i.test(name);
}

export function findSuiteFiles(paths: readonly string[], suitesRoot: string, cwd: string): SuiteFile[] {
  const found = new Map<string, SuiteFile>();
  const targets = paths.length === 0 ? [suitesRoot] : paths.map((p) => locate(p, suitesRoot, cwd));
  for (const target of targets) {
    if (!existsSync(target)) throw new UsageError(`suites folder not found: ${target}`);
    const isFolder = statSync(target).isDirectory();
    const root = within(suitesRoot, target) ? suitesRoot : isFolder ? target : dirname(target);
    const files = isFolder ? walk(target) : [target];
    for (const path of files) if (!found.has(path)) found.set(path, { path, root });
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A path as typed: relative to the working directory, else to the suites folder. */
function locate(path: string, suitesRoot: string, cwd: string): string {
  const fromCwd = resolve(cwd, path);
  if (existsSync(fromCwd) || isAbsolute(path)) {
    if (!existsSync(fromCwd)) throw new UsageError(`no such suite file or folder: ${path}`);
    return fromCwd;
  }
  for (const candidate of [
    join(suitesRoot, path),
    `${join(suitesRoot, path)}.yaml`,
    `${join(suitesRoot, path)}.yml`,
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError(`no such suite file or folder: ${path} (looked in ${cwd} and ${suitesRoot})`);
}

function walk(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) out.push(...walk(path));
    } else if (isSuiteFileName(entry.name)) out.push(path);
  }
  return out;
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** The default suite id: the path under its root, without the extension, with `/` separators. */
export function defaultSuiteId(file: SuiteFile): string {
  const rel = relative(file.root, file.path) || basename(file.path);
  return rel
    .replace(/\.ya?ml$/i, '')
    .split(/[\\/]/)
    .join('/');
}
