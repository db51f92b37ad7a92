// The end of `fgc run` on the console: totals, what did not pass and why, and where the reports are.
import { dirname } from 'node:path';
import type { RunResult } from '../model/results.js';
import { formatTotals } from '../runner/totals.js';

export function printRunSummary(
  run: RunResult,
  files: readonly string[],
  reportWarnings: readonly string[] = [],
): void {
  const notPassed = run.suites.flatMap((s) => s.scenarios).filter((s) => s.status !== 'passed');
  if (notPassed.length > 0) {
    console.log('\nScenarios that did not pass:');
    for (const s of notPassed) {
      const requirements =
        s.status === 'skipped' || !s.requirements.length ? '' : ` [${s.requirements.join(', ')}]`;
      console.log(
        `  ${s.status.padEnd(7)} ${s.fullId}${requirements}${s.reason ? ` — ${firstLine(s.reason)}` : ''}`,
      );
    }
  }
  for (const warning of [...run.warnings, ...reportWarnings]) console.log(`\nWarning: ${warning}`);
  console.log(`\n${formatTotals(run.totals)}  (target ${run.target.name}, ${run.target.baseUrl})`);
  console.log('Reports:');
  for (const line of groupByFolder(files)) console.log(`  ${line}`);
  console.log(`Exit code ${run.exitCode}: ${exitMeaning(run)}`);
}

function exitMeaning(run: RunResult): string {
  if (run.interrupted)
    return `interrupted (${run.interrupted}); the reports cover the scenarios that finished`;
  return run.exitCode === 0 ? 'no SHALL failures' : 'failures found';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** One line per report; a sub-folder with many files (one TestReport per suite) becomes one line. */
function groupByFolder(files: readonly string[]): string[] {
  const top = files.map(dirname).sort((a, b) => a.length - b.length)[0];
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder].flatMap(([folder, group]) =>
    folder !== top && group.length > 3 ? [`${folder}/ (${group.length} files)`] : group,
  );
}
