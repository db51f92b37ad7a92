// The fgc side of Figure 3: `fgc run` (the compiled CLI, as users run it) over the equivalent suite.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fgcNodeFlags, projectRoot, timedRun, writeFgcWorkload, type Timed } from './newman-run.js';

/** Undefined while the runner (`fgc run`) is not available on this branch. */
export async function runFgc(
  baseUrl: string,
  requests: number,
  concurrency: number,
  workDir: string,
): Promise<Timed | undefined> {
  if (!existsSync(path.join(projectRoot, 'src', 'cli', 'commands', 'run.ts'))) return undefined;
  const { suite, target } = writeFgcWorkload(baseUrl, requests, workDir);
  const reports = path.join(workDir, 'fgc-reports');
  const result = await timedRun(process.execPath, [
    ...fgcNodeFlags(),
    path.join(projectRoot, 'bin', 'fgc.js'),
    'run',
    suite,
    '--target',
    target,
    '--concurrency',
    String(concurrency),
    '--reports',
    reports,
  ]);
  if (result.exitCode !== 0) {
    throw new Error(`fgc run did not pass (exit ${result.exitCode}):\n${result.output.slice(-3000)}`);
  }
  return result;
}
