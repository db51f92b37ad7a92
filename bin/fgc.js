#!/usr/bin/env node
// Entry point for the `fgc` command. Runs the bundled CLI from dist/ (built by `npm run build`,
// which `npm install` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';

// Node 22.1+ keeps compiled modules on disk between runs (in the OS temp folder), which shortens start-up;
// older Node versions do not have it.
module.enableCompileCache?.();

// V8 13 (Node 24) keeps growing its young generation while a large search is paged (about 180 MB held for
// about 60 MB in use); not growing it keeps a 20,000-resource page: all under 300 MB (npm run bench -- paging).
if (Number(process.versions.node.split('.')[0]) >= 24) v8.setFlagsFromString('--semi-space-growth-factor=1');

// With --debug, stack traces name the TypeScript sources (reading the source maps costs start-up time).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('fgc: the built CLI is missing (dist/cli/entry.js). Run `npm run build` first.');
  process.exit(2);
}
await import(entry.href);
