// Says so when a command uses the suites that ship with fgc because the working folder has none.
import { join } from 'node:path';

export function noteBundledSuites(cwd: string, suitesRoot: string): void {
  if (suitesRoot !== join(cwd, 'suites')) {
    console.error(`No suites/ folder in ${cwd}: using the suites that ship with fgc (${suitesRoot}).`);
  }
}
