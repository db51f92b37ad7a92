// Merges the results folders of several shards into one: results.json, summary.json and junit.xml from the
// merged RunResult, and the Allure results side by side.
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../model/results.js';
import { mergeRunResults } from './merge.js';

export interface MergedFolder {
  readonly run: RunResult;
  readonly written: string[];
}

export async function mergeResultFolders(
  runs: readonly { dir: string; run: RunResult }[],
  outDir: string,
  writeResults: (run: RunResult, dir: string) => Promise<string[]>,
): Promise<MergedFolder> {
  const run = mergeRunResults(runs.map((r) => r.run));
  await mkdir(outDir, { recursive: true });
  const written = await writeResults(run, outDir);
  const allureOut = join(outDir, 'allure-results');
  await mkdir(allureOut, { recursive: true });
  for (const { dir } of runs) {
    const from = join(dir, 'allure-results');
    if (!existsSync(from) || from === allureOut) continue;
    // Allure file names are UUIDs, so shards never collide.
    for (const file of await readdir(from)) await copyFile(join(from, file), join(allureOut, file));
  }
  written.push(allureOut);
  return { run, written };
}
