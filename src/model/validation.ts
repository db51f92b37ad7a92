// The profile-validation port. The validator (src/validation/) implements it; the engine's `conformsTo`
// check and `fgc validate` use it. Keeping the interface here lets the engine avoid importing the validator.

export interface ValidationIssue {
  readonly severity: 'error' | 'warning' | 'information';
  /** FHIRPath-like location, e.g. `Observation.component[2].value`. */
  readonly location: string;
  readonly message: string;
}

/** The IG packages validated against when nothing else is named. */
export const DEFAULT_PACKAGES = ['hl7.fhir.uv.genomics-reporting#3.0.0'] as const;

export interface ValidateOptions {
  /** The Bundle the resource came from, for resolving `urn:uuid:` and relative references. */
  readonly bundle?: unknown;
  /** Other resources that references may point to (e.g. resolved `derivedFrom` targets). */
  readonly resources?: readonly unknown[];
}

export interface ProfileValidator {
  /** Issues of every severity; an `error` means the resource does not conform. Never throws on bad content. */
  validate(resource: unknown, profileUrl: string, options?: ValidateOptions): ValidationIssue[];
  /** True when the profile is known to the validator (loaded from a package). */
  hasProfile(profileUrl: string): boolean;
}
