// How a file reporter writes a text file: into the reports folder, with the run's secrets scrubbed.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReportContext } from './reporter.js';

/** Writes `text`, scrubbed, to `<ctx.dir>/<path>` (making its folder) and returns the full path. */
export async function writeScrubbed(ctx: ReportContext, path: string, text: string): Promise<string> {
  const file = join(ctx.dir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, ctx.scrub(text));
  return file;
}
