// Fetches FHIR packages into the standard package cache. Sources, in order: the FHIR package registry
// (packages.fhir.org unless configured otherwise; an unreachable registry fails fast and falls through),
// then the npm registry through the user's own npm configuration (`npm pack`, so no npm host is named here).
// Local .tgz files and package folders are accepted too.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import axios from 'axios';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import * as tar from 'tar';
import { cachedPackageDir, packageCacheDir, type PackageRef } from './cache.js';

const run = promisify(execFile);

export const DEFAULT_FHIR_REGISTRY = 'https://packages.fhir.org';

export class PackageInstallError extends Error {
  readonly code = 'PACKAGE_INSTALL';
  constructor(
    message: string,
    /** One line per source tried, when the package could be had from none. */
    readonly failures: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface FetchOptions {
  /** FHIR package registry base URL; `off` skips it. Default: env FHIR_PACKAGE_REGISTRY, else packages.fhir.org. */
  readonly registry?: string;
  /** Time allowed for the FHIR registry request (ms). */
  readonly registryTimeoutMs?: number;
  /** Writes the package tarball for `ref` into `destDir` (default: `npm pack`). Tests replace it. */
  readonly npmPack?: (ref: PackageRef, destDir: string) => Promise<void>;
}

export type PackageSourceName = 'cache' | 'fhir-registry' | 'npm' | 'file';

export interface FetchResult {
  readonly dir: string;
  readonly source: PackageSourceName;
}

/** Returns the cached `package/` folder, fetching the package first when it is not cached. */
export async function ensurePackage(ref: PackageRef, options: FetchOptions = {}): Promise<string> {
  return (await fetchPackage(ref, options)).dir;
}

export async function fetchPackage(ref: PackageRef, options: FetchOptions = {}): Promise<FetchResult> {
  const cached = cachedPackageDir(ref);
  if (cached) return { dir: cached, source: 'cache' };
  const failures: string[] = [];
  const registry = options.registry ?? process.env.FHIR_PACKAGE_REGISTRY ?? DEFAULT_FHIR_REGISTRY;
  if (registry !== 'off') {
    try {
      return {
        dir: await installFromFhirRegistry(ref, registry, options.registryTimeoutMs ?? 15_000),
        source: 'fhir-registry',
      };
    } catch (err) {
      failures.push(`FHIR package registry ${registry}: ${(err as Error).message}`);
    }
  }
  try {
    return { dir: await installFromNpm(ref, options.npmPack ?? npmPack), source: 'npm' };
  } catch (err) {
    failures.push(`npm registry (your npm configuration): ${(err as Error).message}`);
  }
  throw new PackageInstallError(
    `Could not fetch the FHIR package ${ref.id}#${ref.version}.\n  - ${failures.join('\n  - ')}\n` +
      `Check your network, proxy and npm settings, or install the package from a local file with ` +
      `\`fgc ig install <file.tgz | folder>\`.`,
    failures,
  );
}

async function installFromFhirRegistry(
  ref: PackageRef,
  registry: string,
  timeoutMs: number,
): Promise<string> {
  const url = `${registry.replace(/\/+$/, '')}/${encodeURIComponent(ref.id)}/${encodeURIComponent(ref.version)}`;
  const proxy = getProxyForUrl(url);
  let response;
  try {
    response = await axios.get<ArrayBuffer>(url, {
      responseType: 'arraybuffer',
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Accept: 'application/tar+gzip, application/gzip, application/octet-stream' },
      validateStatus: () => true,
      proxy: false,
      ...(proxy ? { httpsAgent: new HttpsProxyAgent(proxy), httpAgent: new HttpsProxyAgent(proxy) } : {}),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new Error(`not reachable (${code ?? (err as Error).message})`, { cause: err });
  }
  if (response.status !== 200) throw new Error(`answered HTTP ${response.status} for ${url}`);
  const work = await mkdtemp(join(tmpdir(), 'fgc-pkg-'));
  try {
    const file = join(work, 'package.tgz');
    await writeFile(file, Buffer.from(response.data));
    return await extractToCache(file, ref);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function npmPack(ref: PackageRef, destDir: string): Promise<void> {
  try {
    await run(
      'npm',
      ['pack', `${ref.id}@${ref.version}`, '--loglevel=error', '--pack-destination', destDir],
      {
        timeout: 120_000,
      },
    );
  } catch (err) {
    // npm's own words, e.g. "No matching version found for hl7.fhir.r4.core@4.0.1."
    const lines = ((err as { stderr?: string }).stderr ?? '')
      .split('\n')
      .map((l) => l.replace(/^npm error\s*/, '').trim());
    const useful = lines
      .map((l) => l.replace(/^notarget\s*/, ''))
      .filter((l) => l && !/^(code |A complete log|In most cases)/.test(l));
    throw new Error(
      useful.length > 0 ? useful.slice(0, 2).join(' ') : `npm pack failed (${(err as Error).message})`,
      { cause: err },
    );
  }
}

export async function installFromNpm(
  ref: PackageRef,
  pack: (ref: PackageRef, destDir: string) => Promise<void> = npmPack,
): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'fgc-pkg-'));
  try {
    await pack(ref, work);
    const tgz = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack produced no tarball for ${ref.id}@${ref.version}`);
    return await extractToCache(join(work, tgz), ref);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Installs a local package: a .tgz file, or a folder holding package/package.json (or package.json). */
export async function installFromPath(path: string): Promise<FetchResult & { ref: PackageRef }> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const dir = (await exists(join(path, 'package', 'package.json'))) ? join(path, 'package') : path;
    const ref = await readManifest(join(dir, 'package.json'), path);
    const target = join(packageCacheDir(), `${ref.id}#${ref.version}`);
    const staging = `${target}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(dir, join(staging, 'package'), { recursive: true });
    await replace(staging, target);
    return { ref, dir: join(target, 'package'), source: 'file' };
  }
  const work = await mkdtemp(join(tmpdir(), 'fgc-pkg-'));
  try {
    await tar.x({ file: path, cwd: work, filter: (p) => p === 'package/package.json' });
    const ref = await readManifest(join(work, 'package', 'package.json'), path);
    return { ref, dir: await extractToCache(path, ref), source: 'file' };
  } catch (err) {
    if (err instanceof PackageInstallError) throw err;
    throw new PackageInstallError(`${path} is not a FHIR package tarball (${(err as Error).message})`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Unpacks a package tarball into <cache>/<id>#<version>/package, atomically. */
export async function extractToCache(tgzPath: string, ref: PackageRef): Promise<string> {
  const target = join(packageCacheDir(), `${ref.id}#${ref.version}`);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await tar.x({ file: tgzPath, cwd: staging });
  if (!(await exists(join(staging, 'package', 'package.json')))) {
    await rm(staging, { recursive: true, force: true });
    throw new PackageInstallError(`${tgzPath} is not a FHIR package (no package/package.json inside)`);
  }
  await replace(staging, target);
  return join(target, 'package');
}

async function replace(staging: string, target: string): Promise<void> {
  await mkdir(packageCacheDir(), { recursive: true });
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
}

async function readManifest(file: string, source: string): Promise<PackageRef> {
  let manifest: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as typeof manifest;
  } catch {
    throw new PackageInstallError(`${source} is not a FHIR package (no readable package.json)`);
  }
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string')
    throw new PackageInstallError(`${source}: package.json has no name and version`);
  return { id: manifest.name, version: manifest.version };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
