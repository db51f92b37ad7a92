// Turns a non-passing ScenarioResult into the message mocha, JUnit and the console show.
import { AssertionError } from 'chai';
import type { CheckResult, ScenarioResult } from '../../results/model.js';

const MAX_LINES = 12;

export function failureMessage(result: ScenarioResult, includeShould: boolean): string {
  if (result.status === 'error')
    return `${result.error?.code ?? 'ERROR'}: ${result.error?.message ?? result.reason}`;
  const lines: string[] = [];
  for (const step of result.steps) {
    for (const check of step.checks) {
      if (!isCounted(check, includeShould)) continue;
      lines.push(`${step.name}: ${describeFailure(check)}`);
    }
  }
  if (lines.length === 0) return result.reason ?? `scenario ${result.status}`;
  const extra = lines.length > MAX_LINES ? [`… and ${lines.length - MAX_LINES} more`] : [];
  return [...lines.slice(0, MAX_LINES), ...extra].join('\n');
}

function isCounted(check: CheckResult, includeShould: boolean): boolean {
  if (check.outcome === 'pass' || check.waived) return false;
  return (
    check.severity === 'SHALL' || check.outcome === 'error' || (includeShould && check.severity === 'SHOULD')
  );
}

function describeFailure(check: CheckResult): string {
  const reqs = check.requirements.length ? ` [${check.requirements.join(', ')}]` : '';
  return `${check.severity} ${check.message ?? check.description}${reqs}`;
}

/**
 * The server broke a requirement. A chai AssertionError, so Allure shows it as `failed` (not `broken`)
 * and JUnit counts a failure; no JavaScript stack: the message is the whole story.
 */
export class ScenarioFailure extends AssertionError<undefined> {
  constructor(message: string) {
    super(message);
    (this as Error).stack = `AssertionError: ${message}`;
  }
}

/** The suite or the harness is at fault (status `error`): Allure shows it as `broken`. */
export class ScenarioError extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'ScenarioError';
    this.stack = stack ?? `${this.name}: ${message}`;
  }
}
