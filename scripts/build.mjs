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

const result = await build({
  entryPoints: [new URL('../src/cli/entry.ts', import.meta.url).pathname],
  // dist/cli/ is two levels below the project root, like src/<part>/, so paths the code finds relative to
  // its own file (package.json, suites/, src/server/data/) stay right in the bundle.
  outdir: `${outdir}cli`,
  bundle: true,
  // Commands load what only they need (server, validator, package installer) as separate chunks.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
  external: [
    // mocha loads reporters by name from node_modules, so mocha and its reporters stay outside.
    'mocha',
    'allure-mocha',
    // Found by path at run time (its Java launcher), and large packages that only `fgc serve` / the
    // reference server load.
    'allure-commandline',
    '@medplum/*',
  ],
  // Bundled CommonJS packages call require() for Node built-ins; an ES module has no require of its own.
  banner: {
    js: "import { createRequire as __fgcCreateRequire } from 'node:module'; const require = __fgcCreateRequire(import.meta.url);",
  },
});

// Which code built a cached suite model (src/suite/loader-fingerprint.ts): every file that went into the bundle.
const fingerprint = createHash('sha256');
for (const input of Object.keys(result.metafile.inputs).sort())
  fingerprint.update(input).update(readFileSync(`${root}${input}`));
writeFileSync(`${outdir}cli/loader-fingerprint.txt`, `${fingerprint.digest('hex')}\n`);

await buildSuiteModels(outdir);
