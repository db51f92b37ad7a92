// Writes a throwaway project (suites/, config/targets/, ...) to a temp folder for loader and CLI tests.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempProject {
  readonly dir: string;
  /** Absolute path of a file in the project. */
  path(relative: string): string;
  write(relative: string, text: string): string;
  remove(): void;
}

export function tempProject(files: Record<string, string> = {}): TempProject {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'fgc-test-')));
  const project: TempProject = {
    dir,
    path: (relative) => join(dir, relative),
    write(relative, text) {
      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [relative, text] of Object.entries(files)) project.write(relative, text);
  return project;
}

/** Runs `fn` with the working directory set to `dir`, restoring it afterwards. */
export async function inDirectory<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(previous);
  }
}

/** Runs `fgc <args>` with the working directory set to `dir`; returns exit code and output. */
export async function runCliIn(
  dir: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../src/cli/main.js');
  const { captureOutput } = await import('./capture-output.js');
  const out = await inDirectory(dir, () => captureOutput(() => runCli(['node', 'fgc', ...args])));
  return { code: out.result, stdout: out.stdout, stderr: out.stderr };
}
