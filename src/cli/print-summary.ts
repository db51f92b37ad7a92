// The end of `fgc run` on the console: what did not pass and why (skips grouped by cause), one verdict
// with its coverage and the scenario counts of summary.json, and where the reports are. Counts and words
// come from the verdict policy.
import { dirname } from 'node:path';
import type { RunResult, ScenarioResult, SkipKind } from '../results/model.js';
import type { InputGap } from '../suite/input-gaps.js';
import { formatTotals } from '../results/totals.js';
import { paint } from '../reporters/mocha/status-lines.js';
import { assess } from '../results/coverage.js';
import { coverageLine, EXIT_CODE_MEANING, SKIP_LABEL } from '../results/policy.js';
import { SCENARIO_DISPLAY, VERDICT_DISPLAY } from '../results/display.js';

export interface SummaryOptions {
  /** Where the lines go: stdout, or stderr when stdout carries a machine format (json, tap). */
  readonly out?: (line: string) => void;
  /** `--reporter quiet`: only the verdict, the counts and the exit code. */
  readonly quiet?: boolean;
  /** The inputs the run lacked, with what each would unlock (src/suite/input-gaps.ts). */
  readonly inputGaps?: readonly InputGap[];
}

export function printRunSummary(
  run: RunResult,
  files: readonly string[],
  reportWarnings: readonly string[] = [],
  options: SummaryOptions = {},
): void {
  const print = options.out ?? ((line: string) => console.log(line));
  const scenarios = run.suites.flatMap((s) => s.scenarios);
  const judged = scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
  if (judged.length > 0 && !options.quiet) {
    print('\nScenarios that did not pass:');
    for (const s of judged) {
      const requirements = s.requirements.length ? ` [${s.requirements.join(', ')}]` : '';
      const d = SCENARIO_DISPLAY[s.status];
      print(
        `  ${paint(d.tone, `${d.symbol} ${d.word.padEnd(7)}`)} ${s.fullId}${requirements}${s.reason ? ` — ${firstLine(s.reason)}` : ''}`,
      );
    }
  }
  const skips = skipGroups(scenarios);
  if (skips.length > 0 && !options.quiet) {
    print('\nSkipped scenarios, by cause (--verbose lists each):');
    for (const line of skips) print(`  ${line}`);
    for (const line of gapLines(options.inputGaps ?? [], run.target.name)) print(line);
  }
  if (!options.quiet)
    for (const warning of [...run.warnings, ...reportWarnings]) print(`\nWarning: ${warning}`);
  const assessment = assess(run);
  const faults = run.target.faults?.length ? `; injected faults: ${run.target.faults.join(', ')}` : '';
  print(
    `\n${paint(VERDICT_DISPLAY[assessment.verdict].tone, `${VERDICT_DISPLAY[assessment.verdict].symbol} ${assessment.headline}`)}`,
  );
  print(
    `${coverageLine(assessment.coverage)}; scenarios: ${formatTotals(run.totals)}  (target ${run.target.name}, ${run.target.baseUrl}${faults})`,
  );
  if (!options.quiet) {
    print('Reports:');
    for (const line of groupByFolder(files)) print(`  ${line}`);
  }
  print(`Exit code ${run.exitCode}: ${EXIT_CODE_MEANING[run.exitCode] ?? ''}`);
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

const MAX_GAP_LINES = 12;

/** One line per missing input, most scenarios first: what supplying it would unlock. */
function gapLines(gaps: readonly InputGap[], target: string): string[] {
  if (gaps.length === 0) return [];
  const shown = gaps.slice(0, MAX_GAP_LINES).map((g) => {
    const alone = g.unlocksAlone < g.scenarios.length ? ` (${g.unlocksAlone} on its own)` : '';
    return `    ${g.input}: ${g.scenarios.length} scenario(s)${alone}, ${g.requirements.length} requirement(s) no other scenario tests`;
  });
  const more = gaps.length > MAX_GAP_LINES ? [`    … and ${gaps.length - MAX_GAP_LINES} more`] : [];
  return [
    `  Missing inputs, and what each would unlock (fgc list --target ${target} describes them):`,
    ...shown,
    ...more,
  ];
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
