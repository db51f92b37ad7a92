// The live console lines of `fgc run` (the spec, list and dot reporters): a mocha reporter (mocha drives the
// order and the events) that shows each scenario by the verdict policy's statuses, not mocha's pass/fail: a
// warned scenario gets ⚠ and the SHOULD it missed, never a green tick; a failed MAY check is shown as
// information. Every line carries the progress `[n/N]`. Skipped scenarios are grouped by cause in the final
// summary; `--verbose` lists each of them here too, and each request with its status, as Newman does.
import { STATUS_CODES } from 'node:http';
import Mocha from 'mocha';
import type { HttpExchange, ScenarioResult } from '../../results/model.js';
import { checkEffect } from '../../results/policy.js';
import { SCENARIO_DISPLAY, type Tone } from '../../results/display.js';
import { formatDuration } from '../report-format.js';
import type { ResultsByTest } from '../reporter.js';

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

/** Text in a tone's colour (only when mocha decided the terminal takes colours). */
export function paint(tone: Tone, text: string): string {
  return Base.color(TONE_COLOUR[tone], text);
}

export interface StatusLineOptions {
  readonly results?: ResultsByTest;
  readonly style?: 'spec' | 'list' | 'dot';
  readonly verbose?: boolean;
}

/** Dots wrap after this many scenarios, each line ending with the progress. */
const DOTS_PER_LINE = 60;

export class StatusLineReporter extends Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOptions?: StatusLineOptions }) {
    super(runner, options);
    const { results = new WeakMap(), style = 'spec', verbose = false } = options.reporterOptions ?? {};
    const write = (text: string) => process.stdout.write(text);
    const total = runner.total;
    let done = 0;
    let dots = 0;
    // A suite's heading waits for its first shown scenario, so a suite whose scenarios were all skipped
    // (an operation the server does not claim) takes no lines.
    let heading: string | undefined;
    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (style === 'spec' && suite.title) heading = suite.title;
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test: Mocha.Test) => {
      done++;
      const result = results.get(test);
      if (!result) return;
      const progress = `[${done}/${total}]`;
      if (style === 'dot') {
        write(dotOf(result));
        if (++dots === DOTS_PER_LINE || done === total) {
          write(` ${progress}\n`);
          dots = 0;
        }
        return;
      }
      if (result.status === 'skipped' && !verbose) return;
      if (heading) {
        write(`\n  ${heading}\n`);
        heading = undefined;
      }
      write(`${scenarioLine(result, { progress, ...(style === 'list' ? { suite: true } : {}) })}\n`);
      if (verbose) for (const line of exchangeLines(result)) write(`${line}\n`);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (style === 'dot' && dots > 0) write('\n');
    });
  }
}

/** One character per scenario for the dot reporter: `.` for a pass, the policy's symbol otherwise. */
function dotOf(result: ScenarioResult): string {
  const display = SCENARIO_DISPLAY[result.status];
  return paint(display.tone, result.status === 'passed' ? '.' : display.symbol);
}

/**
 * One line per scenario: symbol, progress, title (with the suite for `list`), and for anything but a pass,
 * why (coloured on a terminal).
 */
export function scenarioLine(
  result: ScenarioResult,
  options: { progress?: string; suite?: boolean } = {},
): string {
  const display = SCENARIO_DISPLAY[result.status];
  const why =
    result.status === 'passed'
      ? information(result)
      : result.reason
        ? ` (${display.word}: ${firstLine(result.reason)})`
        : ` (${display.word})`;
  const progress = options.progress ? `${paint('skip', options.progress)} ` : '';
  const title = options.suite ? `${result.suiteId} › ${result.title}` : result.title;
  const indent = options.suite ? '  ' : '    ';
  return `${indent}${paint(display.tone, display.symbol)} ${progress}${title}${paint(display.tone === 'pass' ? 'info' : display.tone, why)}`;
}

/** Newman-style lines for each request of a scenario: `GET <url> [200 OK, 1.2 kB, 22 ms]`. */
export function exchangeLines(result: ScenarioResult): string[] {
  return result.steps.flatMap((step) => step.exchanges.map((x) => `        ${exchangeLine(x)}`));
}

export function exchangeLine(x: HttpExchange): string {
  const retried = x.retries?.length
    ? `, after ${x.retries.length} retr${x.retries.length === 1 ? 'y' : 'ies'}`
    : '';
  if (x.error) return `${x.method} ${x.url} [${x.error.code}: ${x.error.message}${retried}]`;
  const status = x.status === undefined ? '?' : `${x.status} ${STATUS_CODES[x.status] ?? ''}`.trim();
  const size =
    x.responseBody === undefined ? '' : `, ${x.responseTruncated ? '≥' : ''}${byteSize(x.responseBody)}`;
  const redirects = x.redirects?.length ? `, after ${x.redirects.length} redirect(s)` : '';
  return `${x.method} ${x.url} [${status}${size}, ${formatDuration(x.durationMs)}${redirects}${retried}]`;
}

function byteSize(body: string): string {
  const bytes = Buffer.byteLength(body);
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function information(result: ScenarioResult): string {
  const info = result.steps.flatMap((s) => s.checks).filter((c) => checkEffect(c) === 'info');
  return info.length ? ` (ℹ ${info.length} informational finding(s))` : '';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
