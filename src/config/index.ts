// Public entry of the config loader: a target spec (URL, name or file) -> validated TargetConfig.
// Secrets come only from ${env.NAME} or key files, and every such value is listed for redaction.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Node } from 'yaml';
import { SuiteError, SuiteErrors } from '../common/errors.js';
import { formatLoc } from '../common/source-loc.js';
import type { SourceLoc } from '../common/source-loc.js';
import type { AuthConfig, OperationEndpoint, TargetConfig, TlsConfig, Waiver } from '../model/target.js';
import { displayPath } from '../common/display-path.js';
import { sortErrors } from '../common/errors.js';
import { didYouMean } from '../common/suggest.js';
import { YamlSource } from '../common/yaml-source.js';
import type { DataPath } from '../common/yaml-source.js';
import { validate } from '../common/zod-issues.js';
import { CONFIG_INPUTS, configInputs } from './config-inputs.js';
import { ENV_REFERENCE, substituteEnv } from './env.js';
import { CREDENTIALS_IN_URL, hasCredentials, targetSchema } from './schema.js';
import { withoutPlaceholders } from './placeholders.js';
import type { TargetData } from './schema.js';

export const DEFAULT_TIMEOUT_MS = 30000;
/** Where named targets live, relative to the working directory. */
export const TARGETS_FOLDER = join('config', 'targets');

export interface LoadTargetOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** `spec` is an http(s) URL, a target name (config/targets/<name>.yaml) or a config file path. */
export async function loadTarget(spec: string, options: LoadTargetOptions): Promise<TargetConfig> {
  if (/^https?:\/\//i.test(spec)) return adHocTarget(spec);
  const file = resolveTargetFile(spec, options.cwd);
  if (file === 'builtin-reference') return builtinReference();
  return loadTargetFile(file, options);
}

/** The config files under config/targets/ (absolute paths, sorted). */
export function listTargetFiles(cwd: string): string[] {
  const folder = resolve(cwd, TARGETS_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(folder, f));
}

function adHocTarget(spec: string): TargetConfig {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new SuiteErrors([
      new SuiteError('CONFIG', `"${spec}" is not a valid URL`, { file: spec, line: 1, col: 1 }),
    ]);
  }
  if (hasCredentials(spec)) {
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    throw new SuiteErrors([
      new SuiteError('CONFIG', `the target URL ${CREDENTIALS_IN_URL}`, { file: shown, line: 1, col: 1 }),
    ]);
  }
  return { ...targetDefaults(url.host), baseUrl: spec.replace(/\/+$/, '') };
}

/** Without a config file, `reference` still means the bundled reference server. */
function builtinReference(): TargetConfig {
  return { ...targetDefaults('reference'), embedded: 'reference' };
}

/** A target with every setting at its default (no auth, no writes, the default timeout). */
export function targetDefaults(name: string): TargetConfig {
  return {
    name,
    auth: { type: 'none' },
    headers: {},
    timeoutMs: DEFAULT_TIMEOUT_MS,
    allowWrites: false,
    lenientContentType: false,
    operations: {},
    // A target without a config declares no operation: the scenarios about configured ones do not apply.
    inputs: configInputs({}),
    placeholders: [],
    waivers: [],
    secrets: [],
  };
}

function resolveTargetFile(spec: string, cwd: string): string {
  const display = displayPath(cwd);
  const looksLikePath = /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
  if (looksLikePath) {
    const path = resolve(cwd, spec);
    if (!existsSync(path)) throw missing(display(path), `target config file not found: ${display(path)}`);
    return path;
  }
  for (const ext of ['.yaml', '.yml']) {
    const path = resolve(cwd, TARGETS_FOLDER, `${spec}${ext}`);
    if (existsSync(path)) return path;
  }
  if (spec === 'reference') return 'builtin-reference';
  const names = listTargetFiles(cwd).map((f) => basename(f).replace(/\.ya?ml$/i, ''));
  const available = names.length
    ? `available targets: ${names.join(', ')}`
    : `there are no configs in ${TARGETS_FOLDER}`;
  const expected = join(TARGETS_FOLDER, `${spec}.yaml`);
  throw missing(
    expected,
    `no target named "${spec}": ${expected} does not exist${didYouMean(spec, names)}; ${available}. --target also takes a config file path or a URL`,
  );
}

function missing(file: string, message: string): SuiteErrors {
  return new SuiteErrors([new SuiteError('CONFIG_MISSING', message, { file, line: 1, col: 1 })]);
}

function loadTargetFile(path: string, options: LoadTargetOptions): TargetConfig {
  const shown = displayPath(options.cwd)(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw missing(shown, `cannot read target config ${shown}: ${(err as Error).message}`);
  }
  return loadTargetText(text, path, options);
}

/** A config given as text, as if read from `path` (relative paths inside it are relative to its folder). */
export function loadTargetText(text: string, path: string, options: LoadTargetOptions): TargetConfig {
  const shown = displayPath(options.cwd)(path);
  const source = new YamlSource(shown, text);
  const syntax = source.syntaxErrors();
  if (syntax.length > 0) throw new SuiteErrors(syntax);
  if (source.doc.contents === null)
    throw new SuiteErrors([new SuiteError('CONFIG', 'the target config is empty', source.locAt([]))]);
  const env = substituteEnv(source, options.env);
  const { value, errors } = validate(targetSchema, source, source.data(), 'CONFIG');
  const builder = new TargetBuilder(source, env.written, dirname(path), env.values);
  builder.checkSecrets(source.data());
  // A value left unset is reported once, as ENV_MISSING, not again as a wrong value.
  const unset = new Set(env.unset.map((node) => formatLoc(source.locOf(node))));
  const all = [...env.errors, ...errors.filter((e) => !unset.has(formatLoc(e.loc)))];
  const target = value && builder.build(value, basename(path).replace(/\.ya?ml$/i, ''));
  all.push(...builder.errors);
  if (target && all.length === 0) return { ...target, file: shown };
  throw new SuiteErrors(sortErrors(all));
}

/** Header names whose values are credentials and so must come from the environment. */
export const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key)$|token|secret/i;
const KEY_TEXT = /-----BEGIN|^\s*\{/;

class TargetBuilder {
  readonly errors: SuiteError[] = [];
  private readonly secrets: string[] = [];

  constructor(
    private readonly source: YamlSource,
    private readonly written: Map<Node, string>,
    private readonly folder: string,
    private readonly envValues: readonly string[],
  ) {}

  /** Secrets written literally in the file. Runs on the raw data, so it reports even when other keys are wrong. */
  checkSecrets(data: unknown): void {
    const raw = (data ?? {}) as { auth?: { type?: unknown; privateKey?: unknown }; headers?: unknown };
    const secretKey: Record<string, string> = {
      bearer: 'token',
      basic: 'password',
      'client-credentials': 'clientSecret',
    };
    const key = typeof raw.auth?.type === 'string' ? secretKey[raw.auth.type] : undefined;
    if (key !== undefined && this.source.nodeAt(['auth', key])) this.requireEnv(['auth', key], `auth.${key}`);
    const privateKey = raw.auth?.type === 'smart-backend' ? raw.auth.privateKey : undefined;
    if (
      typeof privateKey === 'string' &&
      KEY_TEXT.test(privateKey) &&
      !this.fromEnv(['auth', 'privateKey'])
    ) {
      this.errors.push(this.literalSecret(['auth', 'privateKey'], 'auth.privateKey'));
    }
    if (raw.headers && typeof raw.headers === 'object') {
      for (const name of Object.keys(raw.headers)) {
        // "Bearer ${env.TOKEN}" is fine: only the variable part is secret.
        if (
          SECRET_HEADER.test(name) &&
          !this.written.get(this.source.nodeAt(['headers', name])!)?.includes('${env.')
        ) {
          this.errors.push(this.literalSecret(['headers', name], `header ${name}`));
        }
      }
    }
  }

  build(data: TargetData, defaultName: string): TargetConfig {
    const headers = data.headers ?? {};
    const tls = data.tls && this.tls(data.tls);
    const endpoints = operations(data.operations ?? {});
    for (const name of Object.keys(data.inputs ?? {})) {
      if (name in CONFIG_INPUTS)
        this.errors.push(
          new SuiteError(
            'CONFIG',
            `inputs.${name} is filled in by fgc from ${CONFIG_INPUTS[name]}; remove it from inputs:`,
            this.source.locAt(['inputs', name]),
          ),
        );
    }
    return {
      name: data.name ?? defaultName,
      ...(data.baseUrl !== undefined && { baseUrl: data.baseUrl.replace(/\/+$/, '') }),
      ...(data.embedded !== undefined && { embedded: data.embedded }),
      auth: this.auth(data.auth ?? { type: 'none' }),
      headers,
      timeoutMs: data.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      allowWrites: data.allowWrites ?? false,
      lenientContentType: data.lenientContentType ?? false,
      operations: endpoints,
      ...withoutPlaceholders({ ...data.inputs, ...configInputs(endpoints) }, (path) =>
        this.source.locAt(path),
      ),
      waivers: (data.waivers ?? []).map((w, index): Waiver => ({
        ...w,
        loc: this.source.locAt(['waivers', index]),
      })),
      ...(tls && { tls }),
      secrets: [...new Set([...this.secrets, ...this.secretEnvValues(data)])].filter((s) => s !== ''),
    };
  }

  /**
   * Values from `${env.X}` that ended up in a credential (auth secrets, credential headers). Other env
   * values, such as a base URL or an input kept in the environment, are not secrets: masking them would
   * only make the reports unreadable.
   */
  private secretEnvValues(data: TargetData): string[] {
    const auth = (data.auth ?? {}) as Record<string, unknown>;
    const credentials = [
      ...['token', 'password', 'clientSecret', 'privateKey'].map((k) => auth[k]),
      ...Object.entries(data.headers ?? {})
        .filter(([name]) => SECRET_HEADER.test(name))
        .map(([, value]) => value),
    ].filter((v): v is string => typeof v === 'string');
    return this.envValues.filter((value) => credentials.some((c) => c.includes(value)));
  }

  private auth(auth: NonNullable<TargetData['auth']>): AuthConfig {
    switch (auth.type) {
      case 'none':
      case 'bearer':
      case 'client-credentials':
        return auth;
      case 'basic':
        // The Authorization header carries user:password in base64; redact that form too.
        this.secrets.push(Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
        return auth;
      case 'smart-backend':
        return { ...auth, alg: auth.alg ?? 'RS384', privateKey: this.privateKey(auth.privateKey) };
    }
  }

  /** Key text from the environment, or a key file (a path written in the file or held by the variable). */
  private privateKey(value: string): string {
    if (KEY_TEXT.test(value)) return value; // from ${env.NAME}; written literally is reported by checkSecrets
    return this.readFile(value, ['auth', 'privateKey'], 'private key file', true) ?? value;
  }

  private tls(tls: NonNullable<TargetData['tls']>): TlsConfig {
    const read = (key: 'ca' | 'cert' | 'key') => {
      const file = tls[key];
      return file === undefined
        ? undefined
        : this.readFile(file, ['tls', key], `tls.${key} file`, key === 'key');
    };
    const ca = read('ca');
    const cert = read('cert');
    const key = read('key');
    return {
      ...(ca !== undefined && { ca }),
      ...(cert !== undefined && { cert }),
      ...(key !== undefined && { key }),
      ...(tls.insecure !== undefined && { insecure: tls.insecure }),
    };
  }

  private readFile(file: string, path: DataPath, what: string, secret: boolean): string | undefined {
    const absolute = resolve(this.folder, file);
    const loc = this.source.locAt(path);
    if (!existsSync(absolute)) {
      this.errors.push(
        new SuiteError('CONFIG', `${what} not found: ${file} (paths are relative to the config file)`, loc),
      );
      return undefined;
    }
    try {
      const text = readFileSync(absolute, 'utf8');
      if (secret) this.secrets.push(text, text.trim());
      return text;
    } catch (err) {
      this.errors.push(
        new SuiteError('CONFIG', `cannot read ${what} ${file}: ${(err as Error).message}`, loc),
      );
      return undefined;
    }
  }

  /** True when the value at `path` was written exactly as `${env.NAME}`. */
  private fromEnv(path: DataPath): boolean {
    const node = this.source.nodeAt(path);
    const written = node ? this.written.get(node) : undefined;
    return written !== undefined && ENV_REFERENCE.test(written.trim());
  }

  private requireEnv(path: DataPath, what: string): void {
    if (!this.fromEnv(path)) this.errors.push(this.literalSecret(path, what));
  }

  private literalSecret(path: DataPath, what: string): SuiteError {
    const variable = `SITE_${String(path[path.length - 1])
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase()}`;
    const loc: SourceLoc = this.source.locAt(path);
    return new SuiteError(
      'CONFIG',
      `${what} is a secret and must not be written in the config file: write "\${env.${variable}}" and set ${variable} in the environment (or in your CI secret store)`,
      loc,
    );
  }
}

function operations(data: NonNullable<TargetData['operations']>): Record<string, OperationEndpoint> {
  return Object.fromEntries(
    Object.entries(data).map(([name, op]) => {
      const code = name.replace(/^\$/, '');
      return [code, { path: op.path ?? `$${code}`, method: op.method ?? 'GET' }];
    }),
  );
}
