// Runs `fgc init` against a server into a temp project.
import type { AuthFlags } from '../../src/init/auth-options.js';
import { runInit, type InitResult } from '../../src/init/index.js';
import type { TempProject } from './temp-project.js';

export async function initInto(
  project: TempProject,
  target: string,
  options: {
    name?: string;
    budget?: number;
    replace?: boolean | string[];
    log?: string[];
    rateLimitPerSecond?: number;
    authFlags?: AuthFlags;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<InitResult> {
  return runInit({
    cwd: project.dir,
    target,
    ...(/^https?:/.test(target) ? { name: options.name ?? 'site' } : {}),
    authFlags: options.authFlags ?? { header: [] },
    budget: options.budget ?? 300,
    replace: options.replace ?? false,
    env: options.env ?? {},
    log: (line) => options.log?.push(line),
    ...(options.rateLimitPerSecond ? { rateLimitPerSecond: options.rateLimitPerSecond } : {}),
  });
}
