#!/usr/bin/env node
// Entry point for the `fgc` command. Runs the bundled CLI from dist/ (built by `npm run build`,
// which `npm install` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled modules on disk between runs (in the OS temp folder), which shortens start-up;
// older Node versions do not have it.
module.enableCompileCache?.();

// With --debug, stack traces name the TypeScript sources (reading the source maps costs start-up time).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('fgc: the built CLI is missing (dist/cli/entry.js). Run `npm run build` first.');
  process.exit(2);
}
await import(entry.href);
