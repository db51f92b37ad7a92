// Writes the run's machine-readable results: results.json (the full RunResult, input of every other
// report) and summary.json (totals and one line per scenario). Both pass through the redactor last.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../model/results.js';
import type { Redactor } from '../http/redact.js';

export async function writeResults(
  run: RunResult,
  reportsDir: string,
  redactor: Redactor,
): Promise<string[]> {
  await mkdir(reportsDir, { recursive: true });
  const resultsFile = join(reportsDir, 'results.json');
  const summaryFile = join(reportsDir, 'summary.json');
  await writeFile(resultsFile, redactor.text(JSON.stringify(run, null, 2)));
  await writeFile(summaryFile, redactor.text(JSON.stringify(summarize(run), null, 2)));
  return [resultsFile, summaryFile];
}

export function summarize(run: RunResult) {
  return {
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    harness: run.harness,
    totals: run.totals,
    exitCode: run.exitCode,
    warnings: run.warnings,
    scenarios: run.suites.flatMap((suite) =>
      suite.scenarios.map((s) => ({
        id: s.fullId,
        title: s.title,
        status: s.status,
        severity: s.severity,
        requirements: s.requirements,
        ...(s.reason ? { reason: s.reason } : {}),
        ...(s.flaky ? { flaky: true, attempts: s.attempts } : {}),
        durationMs: Math.round(s.durationMs),
      })),
    ),
  };
}
