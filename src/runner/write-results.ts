// Writes what every run leaves, whatever else is asked for: results.json (the full RunResult, input of every
// other report), summary.json (verdict, coverage, totals and one line per scenario) and junit.xml (for CI
// test tabs). All pass through the redactor last. `fgc report` and shard merges write them the same way.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../model/results.js';
import type { Redactor } from '../http/redact.js';
import { renderJunit } from '../reporters/junit.js';
import { assess } from '../results/coverage.js';
import { coverageLine, EXIT_CODE_MEANING } from '../results/policy.js';

export async function writeResults(
  run: RunResult,
  reportsDir: string,
  redactor: Redactor,
): Promise<string[]> {
  await mkdir(reportsDir, { recursive: true });
  const files: [string, string][] = [
    ['results.json', JSON.stringify(run, null, 2)],
    ['summary.json', JSON.stringify(summarize(run), null, 2)],
    ['junit.xml', renderJunit(run)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = join(reportsDir, name);
    await writeFile(file, redactor.text(text));
    written.push(file);
  }
  return written;
}

export function summarize(run: RunResult) {
  const assessment = assess(run);
  return {
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    harness: run.harness,
    verdict: assessment.verdict,
    headline: assessment.headline,
    coverage: {
      text: coverageLine(assessment.coverage),
      exercised: assessment.coverage.exercised,
      inScope: assessment.coverage.inScope,
      requirements: assessment.coverage.byStatus,
    },
    totals: run.totals,
    exitCode: run.exitCode,
    exitCodeMeaning: EXIT_CODE_MEANING[run.exitCode],
    warnings: run.warnings,
    scenarios: run.suites.flatMap((suite) =>
      suite.scenarios.map((s) => ({
        id: s.fullId,
        title: s.title,
        status: s.status,
        ...(s.skip ? { skip: s.skip.kind } : {}),
        severity: s.severity,
        requirements: s.requirements,
        ...(s.reason ? { reason: s.reason } : {}),
        ...(s.flaky ? { flaky: true, attempts: s.attempts } : {}),
        durationMs: Math.round(s.durationMs),
      })),
    ),
  };
}
