// Loading a target config for a command that sends nothing (fgc list --target): an unset environment
// variable is the environment's business there, as in fgc lint, so it is shown as a warning, not a stop.
import { loadTarget } from '../config/index.js';
import { SuiteErrors } from '../common/errors.js';
import type { TargetConfig } from '../model/target.js';
import { sortErrors } from '../common/errors.js';

export async function loadTargetOffline(spec: string, cwd: string): Promise<TargetConfig> {
  try {
    return await loadTarget(spec, { cwd, env: process.env });
  } catch (err) {
    if (!(err instanceof SuiteErrors) || err.errors.some((e) => e.code !== 'ENV_MISSING')) throw err;
    for (const problem of sortErrors(err.errors)) console.error(`warning: ${problem.format()}`);
    // Each unset variable reads as a placeholder, so the rest of the config can be shown.
    const env = new Proxy(process.env, {
      get: (vars, name) => vars[name as string] ?? `unset-${String(name)}`,
    });
    return loadTarget(spec, { cwd, env });
  }
}
