// The words, symbols and colour classes every output uses for the policy's statuses (src/results/policy.ts).
// One table, so a warned scenario or a failed MAY check reads the same on the console, in JUnit, Allure,
// TestReports and the conformance reports.
import type { ScenarioStatus } from './model.js';
import type { CheckEffect, RequirementStatus, RunVerdictLevel } from './policy.js';

export interface Display {
  /** The word shown to people. */
  readonly word: string;
  /** One character for the console and Markdown. */
  readonly symbol: string;
  /** The colour class (CSS `s-<tone>`, console colour). */
  readonly tone: Tone;
}

export type Tone = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'waived' | 'error';

export const SCENARIO_DISPLAY: Readonly<Record<ScenarioStatus, Display>> = {
  passed: { word: 'passed', symbol: '✔', tone: 'pass' },
  failed: { word: 'failed', symbol: '✖', tone: 'fail' },
  warned: { word: 'warned', symbol: '⚠', tone: 'warn' },
  skipped: { word: 'skipped', symbol: '-', tone: 'skip' },
  waived: { word: 'waived', symbol: '≈', tone: 'waived' },
  error: { word: 'error', symbol: '!', tone: 'error' },
};

export const CHECK_DISPLAY: Readonly<Record<CheckEffect, Display>> = {
  pass: { word: 'passed', symbol: '✔', tone: 'pass' },
  fail: { word: 'failed', symbol: '✖', tone: 'fail' },
  warn: { word: 'warning', symbol: '⚠', tone: 'warn' },
  info: { word: 'information', symbol: 'ℹ', tone: 'info' },
  waived: { word: 'waived', symbol: '≈', tone: 'waived' },
  error: { word: 'error', symbol: '!', tone: 'error' },
  inconclusive: { word: 'inconclusive', symbol: '?', tone: 'skip' },
};

export const REQUIREMENT_DISPLAY: Readonly<Record<RequirementStatus | 'not-in-run', Display>> = {
  failed: { word: 'failed', symbol: '✖', tone: 'fail' },
  error: { word: 'error', symbol: '!', tone: 'error' },
  warned: { word: 'warned', symbol: '⚠', tone: 'warn' },
  waived: { word: 'waived', symbol: '≈', tone: 'waived' },
  passed: { word: 'passed', symbol: '✔', tone: 'pass' },
  'not-exercised': { word: 'not exercised', symbol: '○', tone: 'skip' },
  untested: { word: 'untested', symbol: '○', tone: 'skip' },
  'out-of-scope': { word: 'out of scope', symbol: '–', tone: 'skip' },
  'not-in-run': { word: 'not in this run', symbol: '·', tone: 'skip' },
};

export const VERDICT_DISPLAY: Readonly<Record<RunVerdictLevel, Display>> = {
  conformant: { word: 'Conformant', symbol: '✔', tone: 'pass' },
  incomplete: { word: 'Incomplete', symbol: '○', tone: 'skip' },
  'not-conformant': { word: 'Not conformant', symbol: '✖', tone: 'fail' },
};
