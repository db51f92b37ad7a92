// Allure HTML from allure-results with allure-commandline (Allure 2, needs Java): a multi-file report
// to serve over HTTP and a single-file copy that opens from file:// (for email).
import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GENERATE_TIMEOUT_MS = 180_000;

export interface AllureHtmlResult {
  /** The report directory and the single-file HTML, when built. */
  readonly written: string[];
  /** Why nothing (or not everything) was built; the caller prints it and carries on. */
  readonly warning?: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where java is, as the allure start script would find it (JAVA_HOME first, then PATH). */
export async function findJava(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.JAVA_HOME) {
    const java = join(env.JAVA_HOME, 'bin', 'java');
    return (await isExecutable(java)) ? java : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (await isExecutable(join(dir, 'java'))) return join(dir, 'java');
  }
  return undefined;
}

function allureScript(): string {
  const pkg = createRequire(import.meta.url).resolve('allure-commandline/package.json');
  return join(dirname(pkg), 'dist', 'bin', 'allure');
}

async function generate(
  resultsDir: string,
  outDir: string,
  extra: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  await run('sh', [allureScript(), 'generate', resultsDir, '-o', outDir, '--clean', ...extra], {
    env,
    timeout: GENERATE_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * Builds `outDir` (multi-file, serve over HTTP) and `<outDir>.html` (single file, opens from disk).
 * Never throws for a missing Java or empty results: it returns a warning so the other reports still get written.
 */
export async function buildAllureHtml(
  resultsDir: string,
  outDir: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<AllureHtmlResult> {
  const env = options.env ?? process.env;
  let entries: string[];
  try {
    entries = await readdir(resultsDir);
  } catch {
    return {
      written: [],
      warning: `Allure HTML not built: ${resultsDir} does not exist (the run wrote no Allure results).`,
    };
  }
  if (!entries.some((f) => f.endsWith('-result.json'))) {
    return { written: [], warning: `Allure HTML not built: ${resultsDir} holds no test results.` };
  }
  if (!(await findJava(env))) {
    return {
      written: [],
      warning:
        'Allure HTML not built: Java is not installed (allure-commandline needs Java 8 or later; ' +
        'on Debian/Ubuntu: apt-get install -y default-jre-headless, or set JAVA_HOME). ' +
        `Every other report was written; the raw Allure results are in ${resultsDir}.`,
    };
  }
  const singleFile = `${outDir}.html`;
  const scratch = await mkdtemp(join(dirname(outDir), '.allure-single-'));
  try {
    await generate(resultsDir, outDir, [], env);
    await generate(resultsDir, scratch, ['--single-file'], env);
    await rm(singleFile, { force: true });
    await rename(join(scratch, 'index.html'), singleFile);
    return { written: [outDir, singleFile] };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const detail = (e.stderr || e.message).trim().split('\n').slice(-3).join(' ');
    return { written: [], warning: `Allure HTML not built: allure generate failed: ${detail}` };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
