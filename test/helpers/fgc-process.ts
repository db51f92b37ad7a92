// Runs the real `fgc` CLI from source in a child process (black-box tests of whole runs).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
const tsxLoader = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

export interface FgcProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the CLI from source, as runFgcProcess does, and hands back the child itself. */
export function spawnFgc(args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, ['--import', tsxLoader, entry, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runFgcProcess(
  args: readonly string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    /** Receives the child process, e.g. to send it a signal mid-run. */
    onSpawn?: (child: ChildProcess) => void;
  },
): Promise<FgcProcessResult> {
  // Resolved here: the child runs in a temporary project folder that has no node_modules.
  const flags = ['--import', tsxLoader];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, entry, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
