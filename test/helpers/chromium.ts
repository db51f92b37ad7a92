// Test helper: a fresh headless Chromium driven by playwright-core, for checking reports in a real browser.
// The browser is, in this order: $FGC_CHROMIUM, the system's /usr/bin/chromium (Debian's package), or the
// Chromium that the npm package @sparticuz/chromium ships (a devDependency), so `npm test` needs nothing
// beyond Node and npm. That build is made for Amazon Linux: it carries the NSS and expat libraries it
// links against, which a bare Linux may lack, and its own fonts, and both are pointed at here.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompress } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { extract } from 'tar';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumBinary {
  /** `system` (FGC_CHROMIUM or /usr/bin/chromium) or `npm` (@sparticuz/chromium). */
  readonly source: 'system' | 'npm';
  readonly executablePath: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The browser the tests use: FGC_CHROMIUM, else the system's, else the one from npm. */
export async function findChromium(
  options: { prefer?: 'system' | 'npm'; env?: NodeJS.ProcessEnv } = {},
): Promise<ChromiumBinary> {
  const env = options.env ?? process.env;
  const system = env.FGC_CHROMIUM || SYSTEM_CHROMIUM;
  if (options.prefer !== 'npm' && existsSync(system))
    return { source: 'system', executablePath: system, args: FLAGS, env: {} };
  return npmChromium();
}

async function npmChromium(): Promise<ChromiumBinary> {
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  Sparticuz.setGraphicsMode = false; // no WebGL needed; the software GL stack stays packed
  const executablePath = await Sparticuz.executablePath();
  const libs = await bundledLibraries();
  return {
    source: 'npm',
    executablePath,
    // Its own recommended flags (it is a headless shell that runs in one process), minus nothing of ours.
    args: [...new Set([...Sparticuz.args, ...FLAGS.filter((f) => f !== '--headless')])],
    env: {
      LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: join(tmpdir(), 'fonts'),
    },
  };
}

/** Unpacks the shared libraries @sparticuz/chromium ships for Amazon Linux (NSS, NSPR, expat), once. */
async function bundledLibraries(): Promise<string> {
  const dir = join(tmpdir(), 'fgc-chromium-libs');
  const lib = join(dir, 'lib');
  if (existsSync(join(lib, 'libnss3.so'))) return lib;
  // The package exports only its code (build/cjs/index.cjs); its bin/ folder is two levels up from there.
  const main = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const packed = await readFile(join(dirname(main), '..', '..', 'bin', 'al2023.tar.br'));
  const tarball = await promisify(brotliDecompress)(packed);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'al2023.tar');
  await writeFile(file, tarball);
  await extract({ file, cwd: dir });
  await rm(file);
  return lib;
}

export interface Browser {
  readonly context: BrowserContext;
  readonly binary: ChromiumBinary;
  close(): Promise<void>;
}

/** Starts Chromium with its own throw-away profile directory (playwright passes it as --user-data-dir). */
export async function launchChromium(options: { prefer?: 'system' | 'npm' } = {}): Promise<Browser> {
  const binary = await findChromium(options);
  const profile = await mkdtemp(join(tmpdir(), 'fgc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: binary.executablePath,
    headless: true,
    args: [...binary.args],
    env: { ...process.env, ...binary.env },
    offline: true,
  });
  return {
    context,
    binary,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
