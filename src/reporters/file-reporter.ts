// How a file reporter writes: text into the reports folder with the run's secrets scrubbed, and the common
// case of a reporter that writes one text file rendered from the run.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunResult } from '../results/model.js';
import type { FileReporter, ReportContext } from './reporter.js';

/** Writes `text`, scrubbed, to `<ctx.dir>/<path>` (making its folder) and returns the full path. */
export async function writeScrubbed(ctx: ReportContext, path: string, text: string): Promise<string> {
  const file = join(ctx.dir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, ctx.scrub(text));
  return file;
}

/**
 * A reporter of one text file, bundled as evidence. `stage` says when it is written: with the results at the
 * end of every run, or with the reports built from them afterwards (see FileReporter).
 */
export function textFileReporter(spec: {
  readonly name: string;
  readonly file: string;
  readonly stage: 'results' | 'report';
  readonly render: (run: RunResult) => string;
}): FileReporter {
  const write = async (run: RunResult, ctx: ReportContext) => ({
    written: [await writeScrubbed(ctx, spec.file, spec.render(run))],
  });
  return {
    kind: 'file',
    name: spec.name,
    files: [spec.file],
    bundled: [spec.file],
    ...(spec.stage === 'results' ? { writeResults: write } : { writeReport: write }),
  };
}
