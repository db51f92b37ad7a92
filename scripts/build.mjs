// `npm run build` (also run by `npm install` and `npm start`): bundles the CLI into dist/cli/ with esbuild.
// One bundle starts about a third faster than thousands of separate modules (zod alone is 95 files), which
// every `fgc` command feels. Type checking is `npm run typecheck`'s job; esbuild only strips the types.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

await build({
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
