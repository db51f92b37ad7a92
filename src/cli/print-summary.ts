// The end of `fgc run` on the console: what did not pass and why (skips grouped by cause), the verdict with
// its coverage, and where the reports are. Counts and words come from the verdict policy.
import { dirname } from 'node:path';
import type { RunResult, ScenarioResult, SkipKind } from '../model/results.js';
import { formatTotals } from '../runner/totals.js';
import { assess } from '../results/coverage.js';
import { coverageLine, EXIT_CODE_MEANING, SKIP_LABEL } from '../results/policy.js';
import { SCENARIO_DISPLAY } from '../results/display.js';

export function printRunSummary(
  run: RunResult,
  files: readonly string[],
  reportWarnings: readonly string[] = [],
): void {
  const scenarios = run.suites.flatMap((s) => s.scenarios);
  const judged = scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
  if (judged.length > 0) {
    console.log('\nScenarios that did not pass:');
    for (const s of judged) {
      const requirements = s.requirements.length ? ` [${s.requirements.join(', ')}]` : '';
      const d = SCENARIO_DISPLAY[s.status];
      console.log(
        `  ${d.symbol} ${d.word.padEnd(7)} ${s.fullId}${requirements}${s.reason ? ` — ${firstLine(s.reason)}` : ''}`,
      );
    }
  }
  const skips = skipGroups(scenarios);
  if (skips.length > 0) {
    console.log('\nSkipped scenarios, by cause:');
    for (const line of skips) console.log(`  ${line}`);
  }
  for (const warning of [...run.warnings, ...reportWarnings]) console.log(`\nWarning: ${warning}`);
  const assessment = assess(run);
  console.log(`\n${assessment.headline}`);
  console.log(
    `${coverageLine(assessment.coverage)}; scenarios: ${formatTotals(run.totals)}  (target ${run.target.name}, ${run.target.baseUrl})`,
  );
  console.log('Reports:');
  for (const line of groupByFolder(files)) console.log(`  ${line}`);
  console.log(`Exit code ${run.exitCode}: ${EXIT_CODE_MEANING[run.exitCode] ?? ''}`);
}

/** One line per skip cause, with how many scenarios and, for missing inputs, which inputs. */
function skipGroups(scenarios: readonly ScenarioResult[]): string[] {
  const byKind = new Map<SkipKind, ScenarioResult[]>();
  for (const s of scenarios) {
    if (s.status !== 'skipped' || !s.skip) continue;
    byKind.set(s.skip.kind, [...(byKind.get(s.skip.kind) ?? []), s]);
  }
  return [...byKind].map(([kind, group]) => {
    const details = new Map<string, number>();
    for (const s of group)
      for (const d of (s.skip?.detail ?? '').split(', ').filter(Boolean))
        details.set(d, (details.get(d) ?? 0) + 1);
    const shown =
      kind === 'input-missing' || kind === 'not-claimed'
        ? `: ${[...details]
            .sort((a, b) => b[1] - a[1])
            .map(([d, n]) => `${d} (${n})`)
            .join(', ')}`
        : '';
    return `${SKIP_LABEL[kind]}: ${group.length} scenario(s)${shown}`;
  });
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
