// Turns zod issues into SuiteErrors at the exact YAML node: unknown keys (with "did you mean"), missing
// keys, wrong types and FHIRPath syntax errors (at the column inside the expression).
import type { z } from 'zod';
import { SuiteError } from './errors.js';
import type { SuiteErrorCode } from './errors.js';
import { closest, didYouMean } from './suggest.js';
import { formatPath } from './yaml-source.js';
import type { DataPath, YamlSource } from './yaml-source.js';

/** Marks a zod issue as a FHIRPath problem, with the position inside the expression. */
export interface FhirpathIssueParams {
  readonly fhirpath: { readonly line: number; readonly column: number };
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Validates `data` (read from `source`) and returns every problem as a located SuiteError. */
export function validate<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  data: unknown,
  code: SuiteErrorCode,
): { value?: z.infer<S>; errors: SuiteError[] } {
  const result = schema.safeParse(data, { error: plainMessage });
  if (result.success) return { value: result.data, errors: [] };
  // An unknown key is often a misspelt one ("equal"); the follow-on "missing operator" issue is noise.
  const unknownAt = new Set(
    result.error.issues
      .filter((i) => i.code === 'unrecognized_keys')
      .map((i) => formatPath(i.path as DataPath)),
  );
  const issues = result.error.issues.filter(
    (i) =>
      !(
        i.code === 'custom' &&
        i.params?.quietWithUnknownKeys &&
        unknownAt.has(formatPath(i.path as DataPath))
      ),
  );
  return { errors: issues.flatMap((issue) => toErrors(issue, schema, source, code)) };
}

function toErrors(issue: Issue, schema: z.ZodType, source: YamlSource, code: SuiteErrorCode): SuiteError[] {
  const path = issue.path as DataPath;
  const branch = issue.code === 'invalid_union' ? matchingBranch(issue.errors) : undefined;
  if (branch) {
    // The value has the shape of one alternative (say, a map): report what is wrong inside it.
    return branch.flatMap((inner) =>
      toErrors({ ...inner, path: [...path, ...inner.path] } as Issue, schema, source, code),
    );
  }
  const where = formatPath(path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, path);
    return issue.keys.map((key) => {
      const hint = closest(key, allowed);
      const suffix =
        hint !== undefined
          ? ` (did you mean "${hint}"?)`
          : allowed.length
            ? `; allowed keys: ${allowed.join(', ')}`
            : '';
      const message = `unknown key "${key}"${where ? ` in ${where}` : ''}${suffix}`;
      return new SuiteError(code, message, source.locOf(source.keyNodeAt(path, key)));
    });
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1]);
    const inner = issue.issues[0]?.message ?? 'is not allowed';
    const parent = path.slice(0, -1);
    return [
      new SuiteError(
        code,
        `key "${key}" in ${formatPath(parent)} ${inner}`,
        source.locOf(source.keyNodeAt(parent, key)),
      ),
    ];
  }
  const fhirpath =
    issue.code === 'custom'
      ? (issue.params as Partial<FhirpathIssueParams> | undefined)?.fhirpath
      : undefined;
  if (fhirpath) {
    const loc = source.locInScalar(source.nodeAt(path), fhirpath.line, fhirpath.column);
    return [new SuiteError('FHIRPATH_SYNTAX', `${where}: ${issue.message}`, loc)];
  }
  const typeIssue = issue.code === 'invalid_type' || issue.code === 'invalid_union';
  if (typeIssue && path.length > 0 && !source.hasKey(path.slice(0, -1), String(path[path.length - 1]))) {
    return [new SuiteError(code, `${where} is required`, source.locAt(path.slice(0, -1)))];
  }
  const message = /^(must|is|needs) /.test(issue.message)
    ? `${where || 'the file'} ${issue.message}`
    : `${where || 'the file'}: ${issue.message}`;
  return [new SuiteError(code, message, source.locAt(path))];
}

/** The one union alternative the value's type matches, when there is exactly one. */
function matchingBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const matching = branches.filter((issues) => !issues.every(isTypeMismatch));
  return matching.length === 1 ? matching[0] : undefined;
}

function isTypeMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  if (issue.code === 'invalid_union') return issue.errors.every((branch) => branch.every(isTypeMismatch));
  return false;
}

/** Default wording for issues whose schema gives no message of its own. */
function plainMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return `is empty; it must be ${typeName(issue.expected)}`;
      return `must be ${typeName(issue.expected)}, not ${valueKind(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, values) : '';
      return `must be ${values.length === 1 ? '' : 'one of '}${values.join(', ')}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `may have at most ${String(issue.maximum)} item(s)`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : `has the wrong format (${issue.format})`;
    case 'invalid_union':
      return 'has the wrong form';
    default:
      return undefined;
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a map (key: value)',
    record: 'a map (key: value)',
    literal: 'a fixed value',
  };
  return names[expected] ?? expected;
}

function valueKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a map';
  if (typeof value === 'string')
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Object and union schemas reached by following `path` from `schema` (wrappers removed). */
function schemasAt(schema: z.ZodType, path: DataPath): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return schemasAt(def.innerType, path);
  if (def.type === 'pipe' && def.in) return schemasAt(def.in, path);
  if (def.type === 'lazy' && def.getter) return schemasAt(def.getter(), path);
  if (def.type === 'union' && def.options) return def.options.flatMap((o) => schemasAt(o, path));
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (def.type === 'object' && def.shape && typeof head === 'string' && def.shape[head]) {
    return schemasAt(def.shape[head], rest);
  }
  if (def.type === 'array' && def.element && typeof head === 'number') return schemasAt(def.element, rest);
  if (def.type === 'record' && def.valueType) return schemasAt(def.valueType, rest);
  return [];
}

/** The keys an object schema at `path` accepts, for "did you mean" hints. */
export function allowedKeys(schema: z.ZodType, path: DataPath): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}
