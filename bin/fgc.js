#!/usr/bin/env node
// Entry point for the `fgc` command. Runs the bundled CLI from dist/ (built by `npm run build`, which
// `npm install` runs through the `prepare` script); src/cli/launch.ts says how.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps the modules it compiles itself (mocha, Allure, the reference server's packages) on disk
// between runs, which shortens start-up; the bundle has its own code cache, on every Node version.
module.enableCompileCache?.();

const dist = new URL('../dist/cli/', import.meta.url);
const entry = fileURLToPath(new URL('entry.cjs', dist));
if (!existsSync(entry)) {
  console.error('fgc: the built CLI is missing (dist/cli/entry.cjs). Run `npm run build` first.');
  process.exit(2);
}
const { launch } = await import(new URL('launch.js', dist).href);
launch(entry);
