// Loading a target config for a command that sends nothing (fgc list --target, fgc lint): an unset
// environment variable is the environment's business there, not a config mistake, so it is reported
// apart and the rest of the config is still read.
import { loadTarget } from '../config/index.js';
import { SuiteErrors, type SuiteError } from '../common/errors.js';
import type { TargetConfig } from '../model/target.js';
import { sortErrors } from '../common/errors.js';

export interface OfflineTarget {
  readonly target: TargetConfig;
  /** One ENV_MISSING error per place the config reads a variable that is not set. */
  readonly unsetEnv: readonly SuiteError[];
  /** The names of those variables. */
  readonly unsetNames: readonly string[];
}

/**
 * The config, with each unset variable read as a placeholder. Any other problem is thrown, without the unset
 * variables beside it: they are not mistakes in the config.
 */
export async function readTargetOffline(spec: string, cwd: string): Promise<OfflineTarget> {
  try {
    return { target: await loadTarget(spec, { cwd, env: process.env }), unsetEnv: [], unsetNames: [] };
  } catch (err) {
    if (!(err instanceof SuiteErrors)) throw err;
    const mistakes = err.errors.filter((e) => e.code !== 'ENV_MISSING');
    if (mistakes.length > 0) throw new SuiteErrors(mistakes);
    const unsetNames = new Set<string>();
    const env = new Proxy(process.env, {
      get: (vars, name) => {
        const value = vars[name as string];
        if (value === undefined) unsetNames.add(String(name));
        return value ?? `unset-${String(name)}`;
      },
    });
    const target = await loadTarget(spec, { cwd, env });
    return { target, unsetEnv: sortErrors(err.errors), unsetNames: [...unsetNames] };
  }
}

/** The config for showing it; unset variables are printed as warnings. */
export async function loadTargetOffline(spec: string, cwd: string): Promise<TargetConfig> {
  const { target, unsetEnv } = await readTargetOffline(spec, cwd);
  for (const problem of unsetEnv) console.error(`warning: ${problem.format()}`);
  return target;
}
