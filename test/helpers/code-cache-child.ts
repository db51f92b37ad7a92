// Runs one file through the code cache in a process of its own, as bin/fgc.js does, and prints what came
// of it as JSON. (Within one process V8 reuses what it compiled before, whatever the cache holds.)
// Usage: node --import tsx code-cache-child.ts <file> <cache folder>
import { runWithCodeCache } from '../../src/cli/code-cache.js';

const [file, cacheDir] = process.argv.slice(2);
const run = runWithCodeCache(file!, cacheDir!);
run.save();
console.log(JSON.stringify({ exports: run.exports, cacheUsed: run.cacheUsed }));
