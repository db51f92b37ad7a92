// The evidence bundle: every report of a run, the raw results, the exact suites and config (secrets
// removed) and a SHA-256 manifest, in one reports/evidence-<site>-<timestamp>.tar.gz. Also its verifier.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RunResult } from '../results/model.js';
import { compactTimestamp, slug } from './report-format.js';
import type { FileReporter } from './reporter.js';
import { runSecrets, secretScanner } from './secrets.js';

export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUMS_FILE = 'SHA256SUMS';
const MANIFEST_FORMAT = 'fgc-evidence/1';

/** The bundle could not be written or read. The message names the file and the problem. */
export class EvidenceError extends Error {
  readonly code = 'EVIDENCE';
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceError';
  }
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly site: string;
  readonly baseUrl: string;
  readonly harness: string;
  readonly runStartedAt: string;
  readonly runFinishedAt: string;
  readonly createdAt: string;
  readonly igPackages: RunResult['igPackages'];
  readonly files: readonly ManifestEntry[];
}

export interface EvidenceOptions {
  /** The files and folders of the reports folder to bundle, when present (the registry's list). */
  readonly reports: readonly string[];
  /** Every value the run redacted (TargetConfig.secrets). */
  readonly secrets?: readonly string[];
  /** Where relative paths in run.sources are resolved (default: the working directory). */
  readonly cwd?: string;
  /** Values of `${env.X}` references in the config are treated as secrets too (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The run's redactor (knows tokens learned at run time), applied to the copied sources. */
  readonly redact?: (text: string) => string;
  readonly now?: () => Date;
}

export function bundleName(run: RunResult): string {
  return `evidence-${slug(run.target.name)}-${compactTimestamp(run.finishedAt)}`;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, full)));
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
  }
  return out.sort();
}

/** Where a source file goes in the bundle: its path under the working directory, else under external/. */
function sourceTarget(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const inside = rel && !rel.startsWith('..') && !isAbsolute(rel);
  return `sources/${
    inside
      ? rel.split(sep).join('/')
      : `external/${file
          .replace(/^[/\\]+/, '')
          .split(sep)
          .join('/')}`
  }`;
}

async function copySources(
  run: RunResult,
  stage: string,
  options: EvidenceOptions,
): Promise<{ warnings: string[]; secrets: string[] }> {
  const cwd = options.cwd ?? process.cwd();
  const files = [...run.sources.suiteFiles, run.sources.requirementsFile, run.sources.configFile].filter(
    (f): f is string => typeof f === 'string',
  );
  const warnings: string[] = [];
  const secrets = await runSecrets(run.sources.configFile, options);
  const texts = new Map<string, string>();
  for (const file of new Set(files)) {
    const full = resolve(cwd, file);
    try {
      texts.set(full, await readFile(full, 'utf8'));
    } catch {
      warnings.push(`Evidence bundle: source file ${file} was not found, so it is not in the bundle.`);
    }
  }
  const scanner = secretScanner(secrets, options.redact);
  for (const [full, text] of texts) {
    const target = join(stage, sourceTarget(full, cwd));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, scanner.scrub(text));
  }
  return { warnings, secrets };
}

/** Each report the reports folder holds. */
async function copyReports(reportsDir: string, names: readonly string[], stage: string): Promise<void> {
  for (const name of names) {
    const from = join(reportsDir, name);
    if (!existsSync(from)) continue;
    if ((await stat(from)).isDirectory()) {
      for (const file of await listFiles(from)) {
        await mkdir(dirname(join(stage, name, file)), { recursive: true });
        await copyFile(join(from, file), join(stage, name, file));
      }
    } else {
      await copyFile(from, join(stage, name));
    }
  }
}

/** Refuses the bundle when any file still holds a secret value (the message never shows the value). */
async function refuseSecrets(
  stage: string,
  files: readonly string[],
  secrets: readonly string[],
): Promise<void> {
  const scanner = secretScanner(secrets);
  const leaks: string[] = [];
  for (const file of files) {
    if (scanner.find(await readFile(join(stage, file), 'utf8')).length) leaks.push(file);
  }
  if (leaks.length) {
    throw new EvidenceError(
      `Evidence bundle not written: a secret value from the config appears in ${leaks.join(', ')}. ` +
        'Find out how it got there (the run redacts secrets from every exchange) before sharing any report.',
    );
  }
}

/** Writes `<reportsDir>/evidence-<site>-<timestamp>.tar.gz` and returns its path. */
export async function writeEvidenceBundle(
  run: RunResult,
  reportsDir: string,
  options: EvidenceOptions,
): Promise<{ file: string; warnings: string[] }> {
  const name = bundleName(run);
  const scratch = await mkdtemp(join(tmpdir(), 'fgc-evidence-'));
  const stage = join(scratch, name);
  try {
    await mkdir(stage);
    await copyReports(reportsDir, options.reports, stage);
    const { warnings, secrets } = await copySources(run, stage, options);
    const files = await listFiles(stage);
    await refuseSecrets(stage, files, secrets);
    const entries: ManifestEntry[] = [];
    for (const path of files) {
      const data = await readFile(join(stage, path));
      entries.push({ path, sha256: sha256(data), bytes: data.length });
    }
    const sums = entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
    await writeFile(join(stage, CHECKSUMS_FILE), sums);
    entries.push({ path: CHECKSUMS_FILE, sha256: sha256(sums), bytes: Buffer.byteLength(sums) });
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      site: run.target.name,
      baseUrl: run.target.baseUrl,
      harness: `${run.harness.name} ${run.harness.version}`,
      runStartedAt: run.startedAt,
      runFinishedAt: run.finishedAt,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      igPackages: run.igPackages,
      files: entries,
    };
    await writeFile(join(stage, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const file = join(reportsDir, `${name}.tar.gz`);
    // tar is loaded only here and in readEntries: most commands never touch a bundle.
    const tar = await import('tar');
    await tar.c({ gzip: true, cwd: scratch, file, portable: true }, [name]);
    return { file, warnings };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface VerifyProblem {
  readonly path: string;
  readonly problem: 'changed' | 'missing' | 'not in manifest';
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly manifest: Manifest;
  /** SHA-256 of manifest.json: record it when the bundle is handed over to detect a rewritten manifest. */
  readonly manifestSha256: string;
  readonly problems: readonly VerifyProblem[];
}

async function readEntries(bundle: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const tar = await import('tar');
  try {
    await tar.t({
      file: bundle,
      strict: true,
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => {
          if (entry.type === 'File') files.set(entry.path, Buffer.concat(chunks));
        });
      },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new EvidenceError(`${bundle} not found`);
    throw new EvidenceError(`${bundle} is not a readable .tar.gz evidence bundle: ${e.message}`);
  }
  return files;
}

/** Checks every file of a bundle against its manifest. Throws EvidenceError when it is not a bundle at all. */
export async function verifyEvidenceBundle(bundle: string): Promise<VerifyResult> {
  const files = await readEntries(bundle);
  const manifestPath = [...files.keys()].find(
    (p) => p.split('/').length === 2 && p.endsWith(`/${MANIFEST_FILE}`),
  );
  if (!manifestPath) throw new EvidenceError(`${bundle} has no ${MANIFEST_FILE}: not an fgc evidence bundle`);
  const prefix = manifestPath.slice(0, -MANIFEST_FILE.length);
  const manifestData = files.get(manifestPath)!;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestData.toString('utf8')) as Manifest;
  } catch {
    throw new EvidenceError(`${bundle}: ${MANIFEST_FILE} is not valid JSON`);
  }
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files)) {
    throw new EvidenceError(`${bundle}: ${MANIFEST_FILE} is not an ${MANIFEST_FORMAT} manifest`);
  }
  const problems: VerifyProblem[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const data = files.get(prefix + entry.path);
    if (!data) problems.push({ path: entry.path, problem: 'missing' });
    else if (sha256(data) !== entry.sha256) problems.push({ path: entry.path, problem: 'changed' });
  }
  for (const path of files.keys()) {
    const rel = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (path !== manifestPath && !listed.has(rel)) problems.push({ path: rel, problem: 'not in manifest' });
  }
  return { ok: problems.length === 0, manifest, manifestSha256: sha256(manifestData), problems };
}

/** The bundle of every report the registry marks as bundled; a secret found in one refuses the bundle (a warning). */
export const evidenceReporter: FileReporter = {
  kind: 'file',
  name: 'evidence',
  // Each bundle is named by site and time and stands on its own: a new run keeps the earlier ones.
  files: [],
  bundled: [],
  async writeReport(run, ctx) {
    try {
      const bundle = await writeEvidenceBundle(run, ctx.dir, {
        reports: ctx.bundled,
        secrets: ctx.secrets,
        env: ctx.env,
        ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}),
        ...(ctx.redact ? { redact: ctx.redact } : {}),
      });
      return { written: [bundle.file], warnings: bundle.warnings };
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err;
      return { written: [], warnings: [err.message] };
    }
  },
};
