// The standard FHIR package cache (~/.fhir/packages/<id>#<version>/package), shared with the HL7
// tools. Packages are read from here; `installPackage` fills it.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PackageRef {
  readonly id: string;
  readonly version: string;
}

/** `hl7.fhir.uv.genomics-reporting#3.0.0` → { id, version }. Also accepts `id@version`. */
export function parsePackageRef(text: string): PackageRef {
  const match = /^([a-z0-9][a-z0-9._-]*)[#@]([0-9A-Za-z.+-]+)$/i.exec(text.trim());
  if (!match)
    throw new Error(
      `"${text}" is not a package reference; expected <id>#<version>, e.g. hl7.fhir.r4.core#4.0.1`,
    );
  return { id: match[1]!, version: match[2]! };
}

/** FHIR_PACKAGE_CACHE overrides the location (tests use a temporary folder). */
export function packageCacheDir(): string {
  return process.env.FHIR_PACKAGE_CACHE ?? join(homedir(), '.fhir', 'packages');
}

/** The `package/` folder of a cached package, or undefined when it is not cached. */
export function cachedPackageDir(ref: PackageRef): string | undefined {
  const dir = join(packageCacheDir(), `${ref.id}#${ref.version}`, 'package');
  return existsSync(join(dir, 'package.json')) ? dir : undefined;
}
