#!/usr/bin/env node
// Entry point for the `fgc` command. Runs the compiled CLI from dist/ (built by `npm run build`,
// which `npm install` runs through the `prepare` script).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps compiled modules on disk between runs (in the OS temp folder), which shortens start-up;
// older Node versions do not have it.
module.enableCompileCache?.();

// @medplum/core (the embedded reference server) needs a global WebSocket, which Node 20 only
// provides behind --experimental-websocket. Re-run ourselves once with the flag.
if (typeof WebSocket === 'undefined' && !process.execArgv.includes('--experimental-websocket')) {
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-websocket',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('fgc: the compiled CLI is missing (dist/cli/entry.js). Run `npm run build` first.');
  process.exit(2);
}
await import(entry.href);
