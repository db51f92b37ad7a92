// `fgc init` options for authentication, turned into the `auth:` and `headers:` of the config it writes.
// They take the same forms as the config file: secrets only as `${env.NAME}`, never their value.
import { relative, resolve } from 'node:path';
import { ENV_REFERENCE } from '../config/env.js';
import { SECRET_HEADER } from '../config/index.js';
import { UsageError } from '../common/errors.js';

/** The auth options (all strings) and the repeatable --header. */
export interface AuthFlags extends Partial<Record<AuthOption, string>> {
  readonly header: readonly string[];
}

type AuthOption =
  | 'auth'
  | 'token'
  | 'username'
  | 'password'
  | 'tokenUrl'
  | 'clientId'
  | 'clientSecret'
  | 'clientAuth'
  | 'scope'
  | 'privateKey'
  | 'keyId'
  | 'alg';

/** Per auth type: the options it needs, then the ones it may take, as [flag, config key]. */
const TYPES: Readonly<Record<string, { needs: [string, AuthOption][]; may: [string, AuthOption][] }>> = {
  none: { needs: [], may: [] },
  bearer: { needs: [['--token', 'token']], may: [] },
  basic: {
    needs: [
      ['--username', 'username'],
      ['--password', 'password'],
    ],
    may: [],
  },
  'client-credentials': {
    needs: [
      ['--token-url', 'tokenUrl'],
      ['--client-id', 'clientId'],
      ['--client-secret', 'clientSecret'],
    ],
    may: [
      ['--scope', 'scope'],
      ['--client-auth', 'clientAuth'],
    ],
  },
  'smart-backend': {
    needs: [
      ['--client-id', 'clientId'],
      ['--private-key', 'privateKey'],
      ['--key-id', 'keyId'],
      ['--scope', 'scope'],
    ],
    may: [
      ['--alg', 'alg'],
      ['--token-url', 'tokenUrl'],
    ],
  },
};

const SECRETS: ReadonlySet<AuthOption> = new Set(['token', 'password', 'clientSecret']);

function envOnly(flag: string, value: string): void {
  if (ENV_REFERENCE.test(value)) return;
  const name = `SITE_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
  throw new UsageError(
    `${flag} is a secret and is never written into the config: give it as '\${env.${name}}' (in single quotes, so ` +
      `the shell leaves it alone) and set ${name} in the environment`,
  );
}

/**
 * The `auth` and `headers` config values the options ask for; undefined when no option was given (a config
 * that already exists keeps its own). `configDir`: where the config is written (key file paths are relative to it).
 */
export function authFromFlags(
  flags: AuthFlags,
  cwd: string,
  configDir: string,
): { auth?: Record<string, string>; headers?: Record<string, string> } {
  const given = Object.values(TYPES)
    .flatMap((t) => [...t.needs, ...t.may])
    .filter(([, key]) => flags[key] !== undefined);
  const type = flags.auth ?? (given.length ? undefined : 'none');
  if (type === undefined)
    throw new UsageError(
      `${given[0]![0]} needs --auth <type> (bearer, basic, client-credentials or smart-backend)`,
    );
  const spec = TYPES[type];
  if (!spec) throw new UsageError(`--auth must be one of ${Object.keys(TYPES).join(', ')}; got "${type}"`);
  const allowed = new Set([...spec.needs, ...spec.may].map(([, key]) => key));
  const stray = given.find(([, key]) => !allowed.has(key));
  if (stray) throw new UsageError(`${stray[0]} does not apply to --auth ${type}`);
  const missing = spec.needs.filter(([, key]) => flags[key] === undefined).map(([flag]) => flag);
  if (missing.length) throw new UsageError(`--auth ${type} needs ${missing.join(', ')}`);
  const auth: Record<string, string> = { type };
  for (const [flag, key] of [...spec.needs, ...spec.may]) {
    const value = flags[key];
    if (value === undefined) continue;
    if (SECRETS.has(key)) envOnly(flag, value);
    auth[key] = key === 'privateKey' && !ENV_REFERENCE.test(value) ? keyPath(value, cwd, configDir) : value;
  }
  const headers = headersFrom(flags.header);
  return {
    ...(flags.auth !== undefined || given.length ? { auth } : {}),
    ...(headers ? { headers } : {}),
  };
}

/** A key file given relative to the working folder, written relative to the config's folder. */
function keyPath(value: string, cwd: string, configDir: string): string {
  if (/-----BEGIN|^\s*\{/.test(value)) envOnly('--private-key', value);
  return relative(configDir, resolve(cwd, value));
}

function headersFrom(list: readonly string[]): Record<string, string> | undefined {
  if (list.length === 0) return undefined;
  const headers: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf(':');
    if (at <= 0) throw new UsageError(`--header must be "Name: value"; got "${item}"`);
    const name = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (SECRET_HEADER.test(name) && !value.includes('${env.'))
      throw new UsageError(
        `--header ${name} carries a credential: write its secret part as '\${env.NAME}' (e.g. 'Authorization: Bearer \${env.SITE_TOKEN}')`,
      );
    headers[name] = value;
  }
  return headers;
}
