// summary.json: a run in brief, for programs (`--reporter json` prints it too): the verdict, coverage,
// totals, exit code and one line per scenario. Every count and word comes from the verdict policy.
import type { RunResult } from './model.js';
import { assess } from './coverage.js';
import { coverageLine, EXIT_CODE_MEANING } from './policy.js';

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
