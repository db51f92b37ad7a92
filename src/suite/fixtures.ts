// Suite fixtures: files relative to the suite file, confined to the suites folder, parsed as JSON or YAML.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { SuiteError } from '../common/errors.js';
import type { Fixture } from '../model/suite.js';
import type { SourceLoc } from '../common/source-loc.js';
import { YamlSource } from '../common/yaml-source.js';

export interface FixtureContext {
  /** Absolute path of the suite file. */
  readonly suiteFile: string;
  /** Absolute path fixtures must stay inside (the suites folder). */
  readonly root: string;
  /** Turns an absolute path into the form shown in messages. */
  readonly display: (absolute: string) => string;
}

export function loadFixture(
  id: string,
  file: string,
  loc: SourceLoc,
  ctx: FixtureContext,
): { fixture?: Fixture; errors: SuiteError[] } {
  const fail = (code: 'FIXTURE_OUTSIDE_SUITES' | 'FIXTURE_MISSING' | 'YAML_SYNTAX', message: string) => ({
    errors: [new SuiteError(code, message, loc)],
  });
  if (isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) {
    return fail(
      'FIXTURE_OUTSIDE_SUITES',
      `fixture "${id}": "${file}" is an absolute path; give the path relative to the suite file, inside the suites folder`,
    );
  }
  const path = resolve(dirname(ctx.suiteFile), file);
  const outside = `fixture "${id}": "${file}" resolves outside the suites folder (${ctx.display(ctx.root)}); keep fixtures inside it`;
  if (!inside(ctx.root, path)) return fail('FIXTURE_OUTSIDE_SUITES', outside);
  if (!existsSync(path))
    return fail('FIXTURE_MISSING', `fixture "${id}": file not found: ${ctx.display(path)}`);
  // A symbolic link must not lead out of the suites folder either.
  if (!inside(realpathSync(ctx.root), realpathSync(path))) return fail('FIXTURE_OUTSIDE_SUITES', outside);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail(
      'FIXTURE_MISSING',
      `fixture "${id}": cannot read ${ctx.display(path)}: ${(err as Error).message}`,
    );
  }
  const source = new YamlSource(ctx.display(path), text);
  const { errors, data } = source.read();
  if (errors.length > 0) return { errors };
  return { fixture: { id, path, content: data, loc }, errors: [] };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
