// `fgc init`: from a server's URL (or an existing target) to a target config whose inputs are values the
// server really holds. Reads the CapabilityStatement, searches each profile's resources (GET only, within a
// request budget), chooses patients and values, confirms them with one call per operation, and writes
// config/targets/<name>.yaml, keeping what the site wrote by hand.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { loadTargetText, TARGETS_FOLDER } from '../config/index.js';
import { CONFIG_INPUTS } from '../config/config-inputs.js';
import { UsageError } from '../errors.js';
import { createHttpClient } from '../http/factory.js';
import { createRedactor } from '../http/redact.js';
import { displayPath, loadSuites } from '../suite/index.js';
import { suitesFolder } from '../suite/discover.js';
import { inputGaps } from '../suite/input-gaps.js';
import { type AuthFlags, authFromFlags } from './auth-options.js';
import {
  collect,
  collectProcedures,
  hasGenomicResults,
  PROFILE_SEARCHES,
  type CollectOptions,
} from './collect.js';
import {
  type InputEntry,
  type OperationEntry,
  newConfig,
  parseConfig,
  readInputs,
  render,
  fingerprint,
} from './config-file.js';
import { confirmOperations, type OperationCheck } from './confirm.js';
import { ROLES, deriveInputs } from './derive/index.js';
import { type Derivation, type InputValue, isDerived, notDerived } from './derive/types.js';
import { SiteReader } from './reader.js';

export interface InitOptions {
  readonly cwd: string;
  /** A base URL, or the name or file of an existing target config. */
  readonly target: string;
  /** The config's name (and file name) for a URL; default: from the host. */
  readonly name?: string;
  readonly authFlags: AuthFlags;
  /** Requests init may send at most. */
  readonly budget: number;
  readonly rateLimitPerSecond?: number;
  readonly timeoutMs?: number;
  /** Re-derive values written by hand too: every one (true) or the named ones. */
  readonly replace: boolean | readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Progress lines (the console). */
  readonly log: (line: string) => void;
}

export interface InitResult {
  readonly file: string;
  readonly derived: readonly string[];
  readonly keptByHand: readonly string[];
  readonly missing: readonly {
    readonly input: string;
    readonly reason: string;
    readonly scenarios: number;
    readonly requirements: number;
  }[];
  readonly operations: readonly OperationCheck[];
  readonly requests: number;
}

const COLLECT = { pageSize: 100, maxPages: 10 };

export async function runInit(options: InitOptions): Promise<InitResult> {
  const { file, doc, isNew } = openConfig(options);
  const shown = displayPath(options.cwd)(file);
  const target = loadTargetText(doc.toString(), file, { cwd: options.cwd, env: options.env });
  const baseUrl = target.baseUrl;
  if (!baseUrl)
    throw new UsageError(`${shown} has no baseUrl: fgc init reads a server, not the embedded one`);
  const { suites } = await loadSuites([], { suitesRoot: suitesFolder(options.cwd), cwd: options.cwd });
  const declared = [...new Set(suites.flatMap((s) => Object.keys(s.inputs)))].filter(
    (n) => !(n in CONFIG_INPUTS),
  );

  const redactor = createRedactor(target.secrets);
  const { client } = createHttpClient(
    { ...target, baseUrl },
    {
      redactor,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.rateLimitPerSecond ? { rateLimitPerSecond: options.rateLimitPerSecond } : {}),
      onWarning: options.log,
    },
  );
  try {
    const reader = new SiteReader(client, baseUrl, options.budget, (line) =>
      options.log(redactor.text(line)),
    );
    const collectOptions: CollectOptions = {
      ...COLLECT,
      configuredOperations: Object.keys(target.operations),
      log: options.log,
    };
    const collected = await collect(reader, baseUrl, collectOptions);
    for (const patient of studyCandidates(collected.data))
      await collectProcedures(reader, collected.data, patient, collectOptions);
    const ctx = {
      data: collected.data,
      claims: collected.preflight.capabilities,
      hasCapabilityStatement: collected.preflight.claimedOperations !== undefined,
      complete: collected.complete,
    };
    options.log('Choosing patients and values');
    const existing = readInputs(doc);
    const { byInput: firstPass } = deriveInputs(
      ctx,
      collected.preflight.capabilityStatement,
      declared,
      pinnedPatients(existing, options.replace),
    );
    const byInput = await confirmEmptyPatient(reader, firstPass, collected.complete);
    const plan = planInputs([...byInput.keys()], existing, byInput, options.replace);

    options.log('Confirming with one call per operation');
    const checks = await confirmOperations(
      reader,
      new Map(plan.entries.map((e) => [e.name, e.value as InputValue])),
      new Set(collected.preflight.claimedOperations ?? []),
      target.operations,
    );
    const refuted = new Set(checks.flatMap((c) => (collected.complete.has('Variants') ? [] : c.refuted)));
    const entries = plan.entries
      .filter((e) => !(refuted.has(e.name) && e.origin === 'derived'))
      .map((e) => withNotes(e, checks));
    const reasons = new Map([
      ...plan.reasons,
      ...[...refuted].map((n): [string, string] => [
        n,
        `the server's population operation counts patients with it (init read only a sample)`,
      ]),
    ]);
    const supplied = new Set([...entries.map((e) => e.name), ...Object.keys(CONFIG_INPUTS)]);
    const gaps = inputGaps(suites, supplied).filter((g) => declared.includes(g.input));
    const missing = gaps.map((g) => ({
      input: g.input,
      reason: reasons.get(g.input) ?? 'not derived',
      scenarios: g.scenarios.length,
      requirements: g.requirements.length,
    }));
    const text = render(doc, {
      inputs: entries,
      operations: isNew ? operationEntries(checks) : [],
      gaps: gapLines(missing, target.name),
    });
    loadTargetText(text, file, { cwd: options.cwd, env: options.env }); // what is written loads as written
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return {
      file: shown,
      derived: entries.filter((e) => e.origin === 'derived').map((e) => e.name),
      keptByHand: entries.filter((e) => e.origin === 'hand').map((e) => e.name),
      missing,
      operations: checks,
      requests: reader.requestsUsed,
    };
  } finally {
    client.close();
  }
}

/**
 * A patient with nothing in what the searches read may still have genomic results when they read only a
 * sample: one search for that patient's genomic Observations settles it.
 */
async function confirmEmptyPatient(
  reader: SiteReader,
  byInput: ReadonlyMap<string, Derivation>,
  complete: ReadonlySet<string>,
): Promise<ReadonlyMap<string, Derivation>> {
  const empty = byInput.get('emptyPatientId');
  const sampled = PROFILE_SEARCHES.some((s) => s.type === 'Observation' && !complete.has(s.label));
  if (!empty || !isDerived(empty) || !sampled) return byInput;
  const has = await hasGenomicResults(reader, String(empty.value));
  if (has === false) return byInput;
  const reason = has
    ? `Patient/${String(empty.value)} has genomic Observations the searches did not read`
    : `could not confirm that Patient/${String(empty.value)} has no genomic Observations`;
  return new Map([...byInput, ['emptyPatientId', notDerived(reason)]]);
}

/** The config file to write, its current content (or a new one), and whether it is new. */
function openConfig(options: InitOptions): { file: string; doc: Document; isNew: boolean } {
  const isUrl = /^https?:\/\//i.test(options.target);
  if (!isUrl && options.name !== undefined)
    throw new UsageError(
      '--name names the config written for a URL; to refresh a config, give its name or file alone',
    );
  const name = options.name ?? (isUrl ? nameFromUrl(options.target) : undefined);
  const file = name
    ? resolve(options.cwd, TARGETS_FOLDER, `${name}.yaml`)
    : existingFile(options.target, options.cwd);
  const auth = authFromFlags(options.authFlags, options.cwd, dirname(file));
  if (existsSync(file)) {
    const doc = parseConfig(readFileSync(file, 'utf8'));
    if (isUrl) doc.set('baseUrl', options.target.replace(/\/+$/, ''));
    if (auth.auth) doc.set('auth', auth.auth);
    if (auth.headers) doc.set('headers', auth.headers);
    return { file, doc, isNew: false };
  }
  if (!isUrl) throw new UsageError(`no target config ${options.target}: give fgc init the server's base URL`);
  const header = [
    `yaml-language-server: $schema=../../schema/target.schema.json`,
    `Written by \`fgc init\` from ${options.target} on ${new Date().toISOString().slice(0, 10)}.`,
    'Each input marked "fgc init" was derived from data on the server; `fgc init <name>` derives them again.',
    'A value you write or change yourself is kept (`--replace` derives it again). Secrets stay in the environment.',
  ];
  const top = {
    name: name ?? basename(file, '.yaml'),
    baseUrl: options.target.replace(/\/+$/, ''),
    ...(auth.auth && auth.auth.type !== 'none' ? { auth: auth.auth } : {}),
    ...(auth.headers ? { headers: auth.headers } : {}),
  };
  return { file, doc: newConfig(header, top), isNew: true };
}

function existingFile(spec: string, cwd: string): string {
  const looksLikePath = /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
  const file = looksLikePath ? resolve(cwd, spec) : resolve(cwd, TARGETS_FOLDER, `${spec}.yaml`);
  if (!existsSync(file))
    throw new UsageError(
      `no target config ${displayPath(cwd)(file)}: give fgc init the server's base URL (and --name ${spec})`,
    );
  return file;
}

/** `https://fhir.example.org/r4` → `fhir-example-org`. */
export function nameFromUrl(url: string): string {
  return new URL(url).hostname.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'site';
}

/** Patients with two or more GenomicReports, most reports first: the study suites search their Procedures. */
function studyCandidates(data: Parameters<typeof deriveInputs>[0]['data']): string[] {
  return [...data.patients().values()]
    .filter((p) => p.reports.length >= 2)
    .sort((a, b) => b.reports.length - a.reports.length)
    .slice(0, 3)
    .map((p) => p.id);
}

/** Patient inputs written by hand (and not to be replaced): their roles keep those patients. */
function pinnedPatients(
  existing: ReturnType<typeof readInputs>,
  replace: boolean | readonly string[],
): Map<string, string> {
  const pinned = new Map<string, string>();
  for (const role of ROLES) {
    const before = existing.get(role.input);
    const replaced = replace === true || (Array.isArray(replace) && replace.includes(role.input));
    if (before && !before.byInit && !replaced && typeof before.value === 'string')
      pinned.set(role.input, before.value);
  }
  return pinned;
}

interface PlannedEntry extends InputEntry {
  readonly origin: 'derived' | 'hand' | 'earlier';
}

/** For each declared input: the derived value, the site's own value (kept), or an earlier init value (kept). */
function planInputs(
  declared: readonly string[],
  existing: ReturnType<typeof readInputs>,
  byInput: ReadonlyMap<string, Derivation>,
  replace: boolean | readonly string[],
): { entries: PlannedEntry[]; reasons: Map<string, string> } {
  const entries: PlannedEntry[] = [];
  const reasons = new Map<string, string>();
  const replaces = (name: string) => replace === true || (Array.isArray(replace) && replace.includes(name));
  for (const name of [...declared, ...[...existing.keys()].filter((n) => !declared.includes(n))]) {
    const now = byInput.get(name);
    const before = existing.get(name);
    const replacement = now && isDerived(now) ? now : undefined;
    if (before && !before.byInit && !(replaces(name) && replacement)) {
      // The site's own value stays; say what the data suggests, or why --replace found nothing to put instead.
      const note = replacement
        ? fingerprint(replacement.value) === fingerprint(before.value)
          ? []
          : [
              `fgc init: kept as written; the server's data suggests ${JSON.stringify(replacement.value)} (--replace ${name})`,
            ]
        : replaces(name) && now && !isDerived(now)
          ? [`fgc init: kept as written; nothing to replace it with: ${now.reason}`]
          : [];
      entries.push({ name, value: before.value, origin: 'hand', comment: [...before.ownComment, ...note] });
    } else if (now && isDerived(now)) {
      entries.push({
        name,
        value: now.value,
        origin: 'derived',
        comment: [...(before?.ownComment ?? []), `fgc init ${fingerprint(now.value)}: ${now.from}`],
      });
    } else if (before) {
      entries.push({
        name,
        value: before.value,
        origin: 'earlier',
        comment: [
          ...before.ownComment,
          `fgc init ${fingerprint(before.value)}: kept from an earlier run (not derived this time: ${now && !isDerived(now) ? now.reason : 'no rule'})`,
        ],
      });
    } else if (now && !isDerived(now)) reasons.set(name, now.reason);
  }
  return { entries, reasons };
}

/** The entry with what the operation calls that used it showed: one line of agreement, one per disagreement. */
function withNotes(entry: PlannedEntry, checks: readonly OperationCheck[]): PlannedEntry {
  const used = checks.filter((c) => c.inputs.includes(entry.name) && c.outcome !== 'not-called');
  const agreeing = used.filter((c) => c.outcome === 'agrees').map((c) => `$${c.operation}`);
  const notes = [
    ...(agreeing.length ? [`fgc init: confirmed by ${agreeing.join(', ')}`] : []),
    ...used
      .filter((c) => c.outcome !== 'agrees')
      .map((c) => `fgc init: $${c.operation} ${c.outcome}: ${c.detail}`),
  ];
  return notes.length ? { ...entry, comment: [...entry.comment, ...notes] } : entry;
}

const SOURCE_NOTE: Readonly<Record<OperationCheck['source'], string>> = {
  claimed: 'claimed by the CapabilityStatement',
  configured: 'declared by the config',
  probed: 'not claimed by the CapabilityStatement, but it answered at this path',
};

function operationEntries(checks: readonly OperationCheck[]): OperationEntry[] {
  return checks
    .filter((c) => c.source !== 'configured')
    .map((c) => ({
      code: c.operation,
      endpoint: c.endpoint,
      note: `${SOURCE_NOTE[c.source]}; ${c.outcome === 'not-called' ? `not called (${c.detail})` : c.detail}`,
    }));
}

function gapLines(missing: InitResult['missing'], name: string): string[] {
  if (missing.length === 0) return [];
  return [
    `Not derived by fgc init (${missing.length}): add them by hand to test more; \`fgc list --target ${name}\` shows them too.`,
    ...missing.map(
      (m) =>
        `  ${m.input}: ${m.reason}. Would unlock ${m.scenarios} scenario(s), ${m.requirements} requirement(s).`,
    ),
  ];
}
