// Writes Allure result files plainly. allure-js's own FileSystemWriter makes every file through a temporary
// file, an fsync and a rename, and re-creates the folder before each write: for thousands of steps that
// costs more than the run itself. A run's results folder is only read after the run ends, so plain writes
// into a folder made once are enough. It also sets each result's status from the verdict policy (mocha
// only knows pass, fail and pending), and adds the scenario's steps, which the replay holds here.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';
import type { ScenarioStatus, StepResult } from '../../results/model.js';
import {
  allureStatus,
  REASON_LABEL,
  START_LABEL,
  STATUS_LABEL,
  STEPS_LABEL,
  STOP_LABEL,
  type StepsHolder,
} from './allure-replay.js';
import { allureSteps } from './allure-steps.js';

/** Labels that only carry facts from the replay to this writer; they are not written. */
const INTERNAL_LABELS: ReadonlySet<string> = new Set([REASON_LABEL, START_LABEL, STOP_LABEL, STEPS_LABEL]);

/** Statuses whose message is fgc's reason rather than what mocha said. */
const OWN_REASON: ReadonlySet<ScenarioStatus> = new Set(['skipped', 'waived']);

export class PlainAllureWriter implements Writer, StepsHolder {
  private readonly heldSteps = new Map<string, readonly StepResult[]>();
  private nextKey = 0;

  constructor(
    private readonly resultsDir: string,
    private readonly strict: boolean,
  ) {
    mkdirSync(resultsDir, { recursive: true });
  }

  hold(steps: readonly StepResult[]): string {
    const key = String(this.nextKey++);
    this.heldSteps.set(key, steps);
    return key;
  }

  writeResult(result: TestResult): void {
    const label = (name: string) => result.labels.find((l) => l.name === name)?.value;
    const stepsKey = label(STEPS_LABEL);
    const steps = stepsKey === undefined ? undefined : this.heldSteps.get(stepsKey);
    if (stepsKey !== undefined) this.heldSteps.delete(stepsKey);
    const fgcStatus = label(STATUS_LABEL) as ScenarioStatus | undefined;
    const reason = label(REASON_LABEL);
    const start = Number(label(START_LABEL));
    const stop = Number(label(STOP_LABEL));
    const written = fgcStatus
      ? {
          ...result,
          status: allureStatus(fgcStatus, this.strict) as TestResult['status'],
          labels: result.labels.filter((l) => !INTERNAL_LABELS.has(l.name)),
          statusDetails: {
            ...result.statusDetails,
            // mocha only says "Test skipped": a skip or a waiver carries its own reason.
            ...(reason && (!result.statusDetails?.message || OWN_REASON.has(fgcStatus))
              ? { message: reason }
              : {}),
          },
          ...(Number.isFinite(start) && Number.isFinite(stop) ? { start, stop } : {}),
          ...(steps
            ? { steps: [...allureSteps(steps, (text) => this.attachText(text)), ...result.steps] }
            : {}),
        }
      : result;
    this.writeJson(`${result.uuid}-result.json`, written);
  }

  writeGroup(result: TestResultContainer): void {
    this.writeJson(`${result.uuid}-container.json`, result);
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    writeFileSync(join(this.resultsDir, distFileName), content);
  }

  /** Writes a text attachment under a fresh name, as allure-js names its own. */
  private attachText(text: string): string {
    const name = `${randomUUID()}-attachment.txt`;
    writeFileSync(join(this.resultsDir, name), text);
    return name;
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, join(this.resultsDir, distFileName));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    writeFileSync(join(this.resultsDir, 'environment.properties'), stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.writeJson('categories.json', categories);
  }

  writeGlobals(distFileName: string, info: Globals): void {
    this.writeJson(distFileName, info);
  }

  private writeJson(name: string, data: unknown): void {
    writeFileSync(join(this.resultsDir, name), JSON.stringify(data));
  }
}
