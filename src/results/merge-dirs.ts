// Merges the results folders of several shards into one: results.json and summary.json from the merged
// RunResult, the Allure results side by side, and one JUnit file holding every shard's test suites.
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
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
  const junit = await mergeJunit(runs.map((r) => join(r.dir, 'junit.xml')));
  if (junit) {
    const file = join(outDir, 'junit.xml');
    await writeFile(file, junit);
    written.push(file);
  }
  return { run, written };
}

/** Puts every shard's <testsuite> elements under one <testsuites>, with the counts added up. */
async function mergeJunit(files: readonly string[]): Promise<string | undefined> {
  const texts = await Promise.all(files.filter((f) => existsSync(f)).map((f) => readFile(f, 'utf8')));
  if (texts.length === 0) return undefined;
  const suites = texts.flatMap((t) => t.match(/<testsuite\b[\s\S]*?<\/testsuite>/g) ?? []);
  const sum = (attr: string) =>
    texts.reduce(
      (n, t) => n + Number(new RegExp(`<testsuites\\b[^>]*\\b${attr}="([\\d.]+)"`).exec(t)?.[1] ?? 0),
      0,
    );
  const head =
    `<testsuites name="fgc conformance" time="${sum('time').toFixed(3)}" tests="${sum('tests')}" ` +
    `failures="${sum('failures')}" skipped="${sum('skipped')}">`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    head,
    ...suites.map((s) => `  ${s}`),
    '</testsuites>',
    '',
  ].join('\n');
}
