// The live console output of `fgc run`: a mocha reporter (mocha drives the order and the events) that shows
// each scenario by the verdict policy's statuses, not mocha's pass/fail: a warned scenario gets ⚠ and the
// SHOULD it missed, never a green tick; a failed MAY check is shown as information.
import Mocha from 'mocha';
import type { ScenarioResult } from '../model/results.js';
import { checkEffect } from '../results/policy.js';
import { SCENARIO_DISPLAY, type Tone } from '../results/display.js';

/** Where the bridge leaves each test's finished result for the reporter. */
export type ResultsByTest = WeakMap<Mocha.Runnable, ScenarioResult>;

const { Base } = Mocha.reporters;

/** Mocha's colour names for the policy's tones. */
const TONE_COLOUR: Readonly<Record<Tone, string>> = {
  pass: 'checkmark',
  fail: 'fail',
  warn: 'medium',
  info: 'pending',
  skip: 'light',
  waived: 'pending',
  error: 'bright fail',
};

export class ConsoleReporter extends Base {
  constructor(
    runner: Mocha.Runner,
    options: Mocha.MochaOptions & { reporterOptions?: { results?: ResultsByTest } },
  ) {
    super(runner, options);
    const results = options.reporterOptions?.results ?? new WeakMap();
    const print = (line: string) => process.stdout.write(`${line}\n`);
    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) print(`\n  ${suite.title}`);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test: Mocha.Test) => {
      const result = results.get(test);
      if (result) print(scenarioLine(result));
    });
  }
}

/** One line per scenario: symbol, title, and for anything but a pass, why (coloured on a terminal). */
export function scenarioLine(result: ScenarioResult): string {
  const display = SCENARIO_DISPLAY[result.status];
  const colour = (text: string, tone: Tone) => Base.color(TONE_COLOUR[tone], text);
  const why =
    result.status === 'passed'
      ? information(result)
      : result.reason
        ? ` (${display.word}: ${firstLine(result.reason)})`
        : ` (${display.word})`;
  return `    ${colour(display.symbol, display.tone)} ${result.title}${colour(why, display.tone === 'pass' ? 'info' : display.tone)}`;
}

function information(result: ScenarioResult): string {
  const info = result.steps.flatMap((s) => s.checks).filter((c) => checkEffect(c) === 'info');
  return info.length ? ` (ℹ ${info.length} informational finding(s))` : '';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
