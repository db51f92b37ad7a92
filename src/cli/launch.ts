// What bin/fgc.js runs: Node settings that must come before the CLI loads, then the bundled CLI
// (dist/cli/entry.cjs, built by `npm run build`), compiled from V8's code cache when one fits.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { cacheFolder } from '../common/cache-files.js';
import { runWithCodeCache } from './code-cache.js';

// V8 13 (Node 24) keeps growing its young generation while a large search is paged (about 180 MB held for
// about 60 MB in use); not growing it keeps a 20,000-resource page: all under 300 MB (npm run bench -- paging).
if (Number(process.versions.node.split('.')[0]) >= 24) v8.setFlagsFromString('--semi-space-growth-factor=1');

/** Runs the CLI bundle at `entry`. */
export function launch(entry: string): void {
  if (process.argv.includes('--debug')) {
    // With --debug, stack traces name the TypeScript sources: Node reads the source maps of modules it
    // loads itself (reading them costs start-up time).
    process.setSourceMapsEnabled(true);
    createRequire(import.meta.url)(entry);
    return;
  }
  const run = runWithCodeCache(entry, join(cacheFolder(), 'code'));
  if (!run.cacheUsed) process.once('exit', () => run.save());
}
