// `fgc validate` logic: reads resource files, picks the profile(s) for each resource (the --profile given,
// else meta.profile, else the base resource), validates Bundles entry by entry, and renders the outcome as
// text or an OperationOutcome.
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { closest } from '../common/suggest.js';
import type { ValidationIssue } from '../model/validation.js';
import type { GenomicsValidator } from './index.js';
import type { JsonObject } from './references.js';

/** A file that cannot be validated at all (missing, not JSON, not a resource, unknown --profile): exit 2. */
export class ValidationInputError extends Error {
  readonly code = 'VALIDATION_INPUT';
}

export interface FileOutcome {
  readonly file: string;
  readonly issues: ValidationIssue[];
  /** What was validated against what, e.g. `Observation/x → …/variant`. */
  readonly checked: string[];
  /** The profile of each of those checks. */
  readonly profiles: string[];
}

const BASE = 'http://hl7.org/fhir/StructureDefinition/';

export async function validateFile(
  validator: GenomicsValidator,
  file: string,
  profile?: string,
): Promise<FileOutcome> {
  const resource = await readResource(file);
  if (profile && !validator.hasProfile(profile))
    throw new ValidationInputError(
      `unknown profile ${profile}${profileHint(validator, profile)}: it is not in the loaded packages ` +
        `(${validator.sources.join(', ')})`,
    );
  const outcome: FileOutcome = { file, issues: [], checked: [], profiles: [] };
  const type = resource.resourceType as string;
  // A --profile for another type than Bundle applies to the Bundle's entries of that type.
  const forEntries =
    profile !== undefined && type === 'Bundle' && validator.profileType(profile) !== 'Bundle';
  const rootProfiles = forEntries
    ? [`${BASE}Bundle`]
    : profile
      ? [profile]
      : declaredProfiles(validator, resource, type, outcome);
  for (const url of rootProfiles) run(validator, outcome, resource, url, type, {});
  if (type === 'Bundle') {
    const entries = Array.isArray(resource.entry) ? (resource.entry as { resource?: JsonObject }[]) : [];
    entries.forEach((entry, i) => {
      const inner = entry?.resource;
      if (!inner || typeof inner.resourceType !== 'string') return;
      const where = `Bundle.entry[${i}].resource`;
      const innerType = inner.resourceType;
      const wanted =
        forEntries && validator.profileType(profile) === innerType
          ? [profile]
          : declaredProfiles(validator, inner, where, outcome);
      for (const url of wanted) run(validator, outcome, inner, url, where, { bundle: resource });
    });
  }
  return outcome;
}

/** ` (did you mean "<canonical URL>"?)` for a profile given by its id or a near-miss of its URL. */
function profileHint(validator: GenomicsValidator, given: string): string {
  const id = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const byId = validator.profiles.find((url) => id(url).toLowerCase() === given.toLowerCase());
  if (byId) return ` (did you mean "${byId}"?)`;
  const near = given.includes('/') ? closest(given, validator.profiles) : undefined;
  return near ? ` (did you mean "${near}"?)` : '';
}

function run(
  validator: GenomicsValidator,
  outcome: FileOutcome,
  resource: JsonObject,
  url: string,
  where: string,
  options: { bundle?: JsonObject },
): void {
  const type = resource.resourceType as string;
  outcome.checked.push(`${where}${resource.id ? ` (${type}/${String(resource.id)})` : ''} against ${url}`);
  outcome.profiles.push(url);
  for (const issue of validator.validate(resource, url, options)) {
    // Locations start with the resource type; inside a Bundle, show where the entry sits.
    const location = where === type ? issue.location : issue.location.replace(new RegExp(`^${type}`), where);
    // The Bundle's own check already walked its entries against their base types: report a finding once.
    if (outcome.issues.some((i) => i.location === location && i.message === issue.message)) continue;
    outcome.issues.push({ ...issue, location });
  }
}

/** The resource's meta.profile entries the validator knows; the base resource when there are none. */
function declaredProfiles(
  validator: GenomicsValidator,
  resource: JsonObject,
  where: string,
  outcome: FileOutcome,
): string[] {
  const declared = ((resource.meta as JsonObject | undefined)?.profile as unknown[] | undefined) ?? [];
  const known: string[] = [];
  for (const url of declared) {
    if (typeof url !== 'string') continue;
    if (validator.hasProfile(url)) known.push(url);
    else
      outcome.issues.push({
        severity: 'warning',
        location: where,
        message: `meta.profile ${url} is not in the loaded packages, so it was not checked`,
      });
  }
  return known.length > 0 ? known : [`${BASE}${String(resource.resourceType)}`];
}

async function readResource(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationInputError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(err)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ValidationInputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    typeof (parsed as JsonObject).resourceType !== 'string'
  )
    throw new ValidationInputError(
      `${file}: not a FHIR resource (a JSON object with a resourceType is expected)`,
    );
  return parsed as JsonObject;
}

export function countErrors(outcomes: readonly FileOutcome[]): number {
  return outcomes.reduce((n, o) => n + o.issues.filter((i) => i.severity === 'error').length, 0);
}

/** Readable text: one line per issue, then a summary line per file. */
export function formatText(outcomes: readonly FileOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    const errors = o.issues.filter((i) => i.severity === 'error').length;
    const warnings = o.issues.filter((i) => i.severity === 'warning').length;
    for (const i of o.issues) lines.push(`${o.file}: ${i.severity}: ${i.location}: ${i.message}`);
    // "valid" against the base resource alone is easily read as "valid genomics": say what was checked.
    const baseOnly = o.profiles.length > 0 && o.profiles.every((url) => url.startsWith(BASE));
    lines.push(
      `${o.file}: ${errors === 0 ? 'valid' : 'NOT valid'} (${errors} error(s), ${warnings} warning(s); ` +
        `${o.checked.length} resource/profile check(s))` +
        (baseOnly
          ? '; checked against base FHIR R4 only: name a profile with --profile or meta.profile'
          : ''),
    );
  }
  return lines.join('\n');
}

/** One OperationOutcome per file; several files are wrapped in a collection Bundle. */
export function toOperationOutcome(outcomes: readonly FileOutcome[]): JsonObject {
  const one = (o: FileOutcome): JsonObject => ({
    resourceType: 'OperationOutcome',
    issue:
      o.issues.length === 0
        ? [{ severity: 'information', code: 'informational', details: { text: 'No issues found' } }]
        : o.issues.map((i) => ({
            severity: i.severity,
            code: i.severity === 'error' ? 'invalid' : 'informational',
            details: { text: i.message },
            expression: [i.location],
          })),
  });
  if (outcomes.length === 1) return one(outcomes[0]!);
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: outcomes.map((o) => ({ fullUrl: `file://${resolvePath(o.file)}`, resource: one(o) })),
  };
}
