// The suites folder for a command: <cwd>/suites, or the suites that ship with fgc when the working
// folder has none, in which case the command says so.
import { join } from 'node:path';
import { suitesFolder } from '../suite/discover.js';

export function suitesFolderNoted(cwd: string): string {
  const folder = suitesFolder(cwd);
  if (folder !== join(cwd, 'suites')) {
    console.error(`No suites/ folder in ${cwd}: using the suites that ship with fgc (${folder}).`);
  }
  return folder;
}
