// `npm run build` (also run by `npm install` and `npm start`): bundles the CLI into dist/cli/ with esbuild.
// One bundle starts about a third faster than thousands of separate modules (zod alone is 95 files), which
// every `fgc` command feels. Type checking is `npm run typecheck`'s job; esbuild only strips the types.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { buildSuiteModels } from './suite-models.mjs';

const root = new URL('..', import.meta.url).pathname;
const outdir = `${root}dist/`;
// dist/suite-models/ stays: its entries are keyed on the code and the suites, and unchanged ones are reused.
rmSync(`${outdir}cli`, { recursive: true, force: true });

/** What both outputs share: bundled for the oldest Node fgc supports. */
const forNode = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  logLevel: 'warning',
  absWorkingDir: root,
};

// One CommonJS file, so that bin/fgc.js can compile it from V8's code cache (src/cli/code-cache.ts): Node 20
// has no code cache for ES modules. Commands that need more (the server, the validator, the package
// installer) still load it only when they run: esbuild keeps each dynamically imported module in a function
// of its own that runs on first use.
const result = await build({
  entryPoints: [`${root}src/cli/entry.ts`],
  // dist/cli/ is two levels below the project root, like src/<part>/, so paths the code finds relative to
  // its own file (package.json, suites/, src/server/data/) stay right in the bundle.
  outfile: `${outdir}cli/entry.cjs`,
  ...forNode,
  format: 'cjs',
  sourcemap: true,
  metafile: true,
  external: [
    // Found by path at run time (its Java launcher), and large packages that only `fgc serve` / the
    // reference server load.
    'allure-commandline',
    '@medplum/*',
  ],
  // mocha's parallel mode finds its worker files by path; fgc does not use it.
  logOverride: { 'require-resolve-not-external': 'silent' },
  // The sources are ES modules that find files relative to their own URL; in CommonJS that is the file's.
  define: { 'import.meta.url': '__fgcModuleUrl' },
  banner: { js: "const __fgcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// What bin/fgc.js imports first: the Node settings and the code cache, then the bundle above.
await build({
  entryPoints: [`${root}src/cli/launch.ts`],
  outfile: `${outdir}cli/launch.js`,
  ...forNode,
  format: 'esm',
});

// Which code built a cached suite model (src/suite/loader-fingerprint.ts): every file that went into the bundle.
const fingerprint = createHash('sha256');
for (const input of Object.keys(result.metafile.inputs).sort())
  fingerprint.update(input).update(readFileSync(`${root}${input}`));
writeFileSync(`${outdir}cli/loader-fingerprint.txt`, `${fingerprint.digest('hex')}\n`);

await buildSuiteModels(outdir);
// Those `fgc list` runs also left the bundle's code cache in dist/ (their cache folder); users' runs keep
// theirs in fgc's own cache folder.
rmSync(`${outdir}code`, { recursive: true, force: true });
