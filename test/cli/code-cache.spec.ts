// The bundle's code cache (src/cli/code-cache.ts): a later start compiles from it, and a cache that does not
// fit the file (edited, rebuilt, damaged) is never used for it.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const child = new URL('../helpers/code-cache-child.ts', import.meta.url).pathname;
const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

/** Runs `file` through the code cache in a new process, which then saves the cache. */
function runWithCodeCache(file: string, cache: string): { exports: unknown; cacheUsed: boolean } {
  const out = execFileSync(process.execPath, ['--import', tsx, child, file, cache], { encoding: 'utf8' });
  return JSON.parse(out) as { exports: unknown; cacheUsed: boolean };
}

describe('the code cache of the bundle', function () {
  this.timeout(30_000);
  let dir: string;
  let cache: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fgc-code-cache-'));
    cache = join(dir, 'cache');
    file = join(dir, 'bundle.cjs');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A CommonJS file whose exports name it, with a function that is only compiled when called. */
  function writeBundle(answer: string): void {
    writeFileSync(
      file,
      `const { basename } = require('node:path');\n` +
        `function later() { return ${JSON.stringify(answer)}; }\n` +
        `module.exports = { answer: later(), file: basename(__filename) };\n`,
    );
  }

  it('runs the file as a CommonJS module, then compiles it from the cache it saved', () => {
    writeBundle('first');
    const first = runWithCodeCache(file, cache);
    expect(first.exports).to.deep.equal({ answer: 'first', file: 'bundle.cjs' });
    expect(first.cacheUsed).to.equal(false);
    expect(readdirSync(cache)).to.have.length(1);
    const second = runWithCodeCache(file, cache);
    expect(second.exports).to.deep.equal({ answer: 'first', file: 'bundle.cjs' });
    expect(second.cacheUsed).to.equal(true);
  });

  it('uses the new content of a file edited to the same size and time, and keeps one cache per file', () => {
    writeBundle('first');
    runWithCodeCache(file, cache);
    const { atime, mtime } = statSync(file);
    writeBundle('other'); // the same length
    utimesSync(file, atime, mtime); // as a copy that keeps the time would
    const edited = runWithCodeCache(file, cache);
    expect(edited.exports).to.deep.include({ answer: 'other' });
    expect(edited.cacheUsed).to.equal(false);
    expect(readdirSync(cache)).to.have.length(1);
  });

  it('ignores a damaged cache and replaces it', () => {
    writeBundle('first');
    runWithCodeCache(file, cache);
    const [name] = readdirSync(cache);
    writeFileSync(join(cache, name!), 'not V8 code cache data');
    const damaged = runWithCodeCache(file, cache);
    expect(damaged.exports).to.deep.include({ answer: 'first' });
    expect(damaged.cacheUsed).to.equal(false);
    expect(runWithCodeCache(file, cache).cacheUsed).to.equal(true);
  });

  it("keeps another bundle's cache", () => {
    writeBundle('first');
    runWithCodeCache(file, cache);
    const other = join(dir, 'other.cjs');
    writeFileSync(other, 'module.exports = 1;\n');
    runWithCodeCache(other, cache);
    expect(readdirSync(cache)).to.have.length(2);
  });

  it('runs without a cache when the cache folder cannot be written', () => {
    writeBundle('first');
    writeFileSync(cache, 'a file where the folder would be');
    const run = runWithCodeCache(file, cache);
    expect(run.exports).to.deep.include({ answer: 'first' });
  });
});
