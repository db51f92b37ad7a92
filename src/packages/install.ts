// Fetches a FHIR package into the cache. Source: the npm registry through the user's own npm
// configuration (`npm pack`), so no registry host is named here.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tar from 'tar';
import { cachedPackageDir, packageCacheDir, type PackageRef } from './cache.js';

const run = promisify(execFile);

export class PackageInstallError extends Error {
  readonly code = 'PACKAGE_INSTALL';
}

/** Returns the cached `package/` folder, fetching the package first when it is not cached. */
export async function ensurePackage(ref: PackageRef): Promise<string> {
  return cachedPackageDir(ref) ?? (await installFromNpm(ref));
}

export async function installFromNpm(ref: PackageRef): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'fgc-pkg-'));
  try {
    try {
      await run('npm', ['pack', `${ref.id}@${ref.version}`, '--silent', '--pack-destination', work], {
        timeout: 120_000,
      });
    } catch (err) {
      const detail =
        (err as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') ?? String(err);
      throw new PackageInstallError(
        `Could not fetch the FHIR package ${ref.id}#${ref.version} from the npm registry (${detail}). ` +
          `Check your network and npm configuration, or install it from a local file with ` +
          `\`fgc ig install <file.tgz>\`.`,
      );
    }
    const tgz = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new PackageInstallError(`npm pack produced no tarball for ${ref.id}#${ref.version}`);
    return await extractToCache(join(work, tgz), ref);
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
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  const dir = cachedPackageDir(ref);
  if (!dir)
    throw new PackageInstallError(`${tgzPath} is not a FHIR package (no package/package.json inside)`);
  return dir;
}
