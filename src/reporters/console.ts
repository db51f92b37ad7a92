// The console reporters `fgc run --reporter` offers (json is in json.ts). spec, list and dot are fgc's own
// status lines (they show the policy's statuses); quiet shows nothing live; tap is mocha's TAP reporter,
// whose ok / not ok / # SKIP are JUnit's mapping (a warning is `ok` unless --strict).
import Mocha from 'mocha';
import { StatusLineReporter, type StatusLineOptions } from './mocha/status-lines.js';
import type { ConsoleReporter } from './reporter.js';

function statusLines(name: NonNullable<StatusLineOptions['style']>, description: string): ConsoleReporter {
  return {
    kind: 'console',
    name,
    description,
    machine: false,
    brief: false,
    live: ({ results, verbose }) => [[StatusLineReporter, { results, style: name, verbose }]],
  };
}

export const specReporter = statusLines('spec', 'spec (by suite)');
export const listReporter = statusLines('list', 'list (one line each)');
export const dotReporter = statusLines('dot', 'dot');

export const quietReporter: ConsoleReporter = {
  kind: 'console',
  name: 'quiet',
  description: 'quiet (the verdict only)',
  machine: false,
  brief: true,
};

export const tapReporter: ConsoleReporter = {
  kind: 'console',
  name: 'tap',
  description: "tap (mocha's TAP)",
  machine: true,
  brief: false,
  live: () => [[Mocha.reporters.TAP, {}]],
};
