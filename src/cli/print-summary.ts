// The end of `fgc run` on the console: totals, what did not pass and why, and where the reports are.
import type { RunResult } from '../model/results.js';
import { formatTotals } from '../runner/totals.js';

export function printRunSummary(run: RunResult, files: readonly string[]): void {
  const notPassed = run.suites.flatMap((s) => s.scenarios).filter((s) => s.status !== 'passed');
  if (notPassed.length > 0) {
    console.log('\nScenarios that did not pass:');
    for (const s of notPassed)
      console.log(`  ${s.status.padEnd(7)} ${s.fullId}${s.reason ? ` — ${firstLine(s.reason)}` : ''}`);
  }
  for (const warning of run.warnings) console.log(`\nWarning: ${warning}`);
  console.log(`\n${formatTotals(run.totals)}  (target ${run.target.name}, ${run.target.baseUrl})`);
  console.log('Reports:');
  for (const file of files) console.log(`  ${file}`);
  console.log(`Exit code ${run.exitCode}: ${run.exitCode === 0 ? 'no SHALL failures' : 'failures found'}`);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
