// The profile validator: `createValidator()` loads R4 core and the IG packages, and returns a
// `ProfileValidator` (the port in src/model/validation.ts) that validates against snapshot StructureDefinitions.
import { createHash } from 'node:crypto';
import type { ValidationIssue } from '../model/validation.js';
import { DEFAULT_PACKAGES, type ProfileValidator, type ValidateOptions } from '../model/validation.js';
import { cachedPackageDir, parsePackageRef } from '../packages/cache.js';
import { ensurePackage } from '../packages/install.js';
import { type CompiledProfile, ProfileCompiler, UnknownProfileError } from './compile.js';
import { ElementWalker } from './element-walker.js';
import type { JsonObject, ReferenceScope } from './references.js';
import { DefinitionStore, canonicalUrl } from './structure-definitions.js';
import { addShippedTerminology } from './terminology/index.js';
import { ValueSetExpander } from './valuesets.js';
import { equalsFixed, matchesPattern } from './patterns.js';

const CONTENT_CACHE_SIZE = 5000;

export { DEFAULT_PACKAGES };

export interface CreateValidatorOptions {
  /** IG packages as `id#version` (fetched into the package cache when missing). */
  readonly packages?: readonly string[];
  /** Package folders (holding package.json and the definitions) to load directly, e.g. `fgc validate --ig <folder>`. */
  readonly packageDirs?: readonly string[];
}

export interface GenomicsValidator extends ProfileValidator {
  /** Where the definitions came from, e.g. `hl7.fhir.uv.genomics-reporting#3.0.0`. */
  readonly sources: readonly string[];
  /** The profile URLs loaded from IG packages (not R4 core). */
  readonly profiles: readonly string[];
  /** The resource type a profile constrains (`Observation`), or undefined when it is not loaded. */
  profileType(profileUrl: string): string | undefined;
}

export async function createValidator(options: CreateValidatorOptions = {}): Promise<GenomicsValidator> {
  const store = new DefinitionStore();
  const igProfiles: string[] = [];
  const dirs: [string, string][] = [];
  for (const ref of options.packages ?? DEFAULT_PACKAGES)
    dirs.push([await ensurePackage(parsePackageRef(ref)), ref]);
  for (const dir of options.packageDirs ?? []) dirs.push([dir, dir]);
  for (const [dir, label] of dirs) store.addPackageDir(dir, label);
  // Only IG definitions are in the store at this point; R4 core follows.
  for (const sd of store.all('StructureDefinition')) igProfiles.push(sd.url as string);
  addShippedTerminology(store);
  const core = cachedPackageDir({ id: 'hl7.fhir.r4.core', version: '4.0.1' });
  if (core) store.addPackageDir(core, 'hl7.fhir.r4.core#4.0.1');
  else store.addMedplumR4();
  return new Validator(store, igProfiles);
}

class Validator implements GenomicsValidator {
  private readonly compiler: ProfileCompiler;
  private readonly expander: ValueSetExpander;
  /** Profile-discriminator results, per resource object and profile. */
  private readonly conformance = new WeakMap<object, Map<string, boolean>>();
  private readonly inProgress = new Set<string>();
  /** Profile-discriminator results by content hash, oldest dropped first. */
  private readonly byContent = new Map<string, boolean>();

  constructor(
    private readonly store: DefinitionStore,
    readonly profiles: readonly string[],
  ) {
    this.compiler = new ProfileCompiler(store);
    this.expander = new ValueSetExpander(store);
  }

  get sources(): readonly string[] {
    return this.store.sources;
  }

  profileType(profileUrl: string): string | undefined {
    return this.compiler.tryGet(profileUrl)?.type;
  }

  hasProfile(profileUrl: string): boolean {
    return this.compiler.has(profileUrl);
  }

  validate(resource: unknown, profileUrl: string, options: ValidateOptions = {}): ValidationIssue[] {
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource))
      return [
        { severity: 'error', location: '(root)', message: 'not a FHIR resource (expected a JSON object)' },
      ];
    const json = resource as JsonObject;
    const type = typeof json.resourceType === 'string' ? json.resourceType : '(root)';
    let profile;
    try {
      profile = this.compiler.get(profileUrl);
    } catch (err) {
      if (err instanceof UnknownProfileError)
        return [{ severity: 'error', location: type, message: err.message }];
      throw err;
    }
    const scope = this.scopeFor(json, options);
    const walker = new ElementWalker(this.services(), scope, json);
    walker.walkResource(json, profile, type);
    return walker.issues;
  }

  private scopeFor(resource: JsonObject, options: ValidateOptions): Omit<ReferenceScope, 'container'> {
    const bundle =
      (options.bundle as JsonObject | undefined) ??
      (resource.resourceType === 'Bundle' ? resource : undefined);
    return { ...(bundle ? { bundle } : {}), resources: options.resources ?? [] };
  }

  private services() {
    return {
      compiler: this.compiler,
      expander: this.expander,
      conforms: (resource: JsonObject, profileUrl: string, scope: Omit<ReferenceScope, 'container'>) =>
        this.conforms(resource, profileUrl, scope),
    };
  }

  /** Whether a referenced resource conforms (no errors); cycles count as conforming. */
  private conforms(
    resource: JsonObject,
    profileUrl: string,
    scope: Omit<ReferenceScope, 'container'>,
  ): boolean {
    const url = canonicalUrl(profileUrl);
    let results = this.conformance.get(resource);
    const cached = results?.get(url);
    if (cached !== undefined) return cached;
    const profile = this.compiler.tryGet(url);
    if (!profile) return false;
    if (profile.type !== resource.resourceType || quickReject(profile, resource)) return false;
    const key = `${String(resource.resourceType)}/${String(resource.id)}|${url}`;
    if (this.inProgress.has(key)) return true;
    // The same content arrives again in new objects (each server response is freshly parsed JSON).
    const contentKey = `${url}|${createHash('sha1').update(JSON.stringify(resource)).digest('base64')}`;
    let ok = this.byContent.get(contentKey);
    if (ok === undefined) {
      this.inProgress.add(key);
      try {
        const walker = new ElementWalker(this.services(), scope, resource);
        walker.walkResource(resource, profile, String(resource.resourceType));
        ok = !walker.issues.some((i) => i.severity === 'error');
      } finally {
        this.inProgress.delete(key);
      }
      if (this.byContent.size >= CONTENT_CACHE_SIZE)
        this.byContent.delete(this.byContent.keys().next().value!);
      this.byContent.set(contentKey, ok);
    }
    if (!results) this.conformance.set(resource, (results = new Map()));
    results.set(url, ok);
    return ok;
  }
}

/**
 * A cheap first look before a full validation: a top-level fixed or pattern value (such as the Observation
 * code that tells Variant from Haplotype) that does not match settles that the resource cannot conform.
 */
function quickReject(profile: CompiledProfile, resource: JsonObject): boolean {
  for (const child of profile.root.children) {
    if (child.fixed === undefined && child.pattern === undefined) continue;
    const value = resource[child.name];
    if (value === undefined) {
      if (child.min > 0) return true;
      continue;
    }
    if (child.fixed !== undefined && !equalsFixed(value, child.fixed)) return true;
    if (child.pattern !== undefined && !matchesPattern(value, child.pattern)) return true;
  }
  return false;
}
