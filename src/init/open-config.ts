// Which config `fgc init` writes and what it starts from: the existing file (a refresh) or a new one, with
// the auth and headers the options give.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { TARGETS_FOLDER } from '../config/index.js';
import { UsageError } from '../common/errors.js';
import { displayPath } from '../common/display-path.js';
import { type AuthFlags, authFromFlags } from './auth-options.js';
import { newConfig, parseConfig } from './config-file.js';

export interface ConfigTarget {
  readonly cwd: string;
  /** A base URL, or the name or file of an existing target config. */
  readonly target: string;
  readonly name?: string;
  readonly authFlags: AuthFlags;
}

/** The config file to write, its current content (or a new one), and whether it is new. */
export function openConfig(options: ConfigTarget): { file: string; doc: Document; isNew: boolean } {
  const isUrl = /^https?:\/\//i.test(options.target);
  if (!isUrl && options.name !== undefined)
    throw new UsageError(
      '--name names the config written for a URL; to refresh a config, give its name or file alone',
    );
  const name = options.name ?? (isUrl ? nameFromUrl(options.target) : undefined);
  const file = name
    ? resolve(options.cwd, TARGETS_FOLDER, `${name}.yaml`)
    : existingFile(options.target, options.cwd);
  const auth = authFromFlags(options.authFlags, options.cwd, dirname(file));
  if (existsSync(file)) {
    const doc = parseConfig(readFileSync(file, 'utf8'));
    if (isUrl) doc.set('baseUrl', options.target.replace(/\/+$/, ''));
    if (auth.auth) doc.set('auth', auth.auth);
    if (auth.headers) doc.set('headers', auth.headers);
    return { file, doc, isNew: false };
  }
  if (!isUrl) throw new UsageError(`no target config ${options.target}: give fgc init the server's base URL`);
  const header = [
    `yaml-language-server: $schema=../../schema/target.schema.json`,
    `Written by \`fgc init\` from ${options.target} on ${new Date().toISOString().slice(0, 10)}.`,
    'Each input marked "fgc init" was derived from data on the server; `fgc init <name>` derives them again.',
    'A value you write or change yourself is kept (`--replace` derives it again). Secrets stay in the environment.',
  ];
  const top = {
    name: name ?? basename(file, '.yaml'),
    baseUrl: options.target.replace(/\/+$/, ''),
    ...(auth.auth && auth.auth.type !== 'none' ? { auth: auth.auth } : {}),
    ...(auth.headers ? { headers: auth.headers } : {}),
  };
  return { file, doc: newConfig(header, top), isNew: true };
}

function existingFile(spec: string, cwd: string): string {
  const looksLikePath = /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
  const file = looksLikePath ? resolve(cwd, spec) : resolve(cwd, TARGETS_FOLDER, `${spec}.yaml`);
  if (!existsSync(file))
    throw new UsageError(
      `no target config ${displayPath(cwd)(file)}: give fgc init the server's base URL (and --name ${spec})`,
    );
  return file;
}

/** `https://fhir.example.org/r4` → `fhir-example-org`. */
export function nameFromUrl(url: string): string {
  return new URL(url).hostname.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'site';
}
