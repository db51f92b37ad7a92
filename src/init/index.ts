// `fgc init`: from a server's URL (or an existing target) to a target config whose inputs are values the
// server really holds. Reads the CapabilityStatement, searches each profile's resources (GET only, within a
// request budget), chooses patients and values, confirms them with one call per operation, and writes
// config/targets/<name>.yaml, keeping what the site wrote by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadTargetText } from '../config/index.js';
import { CONFIG_INPUTS } from '../config/config-inputs.js';
import { UsageError } from '../common/errors.js';
import { createHttpClient } from '../http/factory.js';
import { createRedactor } from '../http/redact.js';
import { displayPath } from '../common/display-path.js';
import { loadSuites } from '../suite/index.js';
import { suitesFolder } from '../suite/discover.js';
import { inputGaps } from '../suite/input-gaps.js';
import type { AuthFlags } from './auth-options.js';
import {
  collect,
  collectProcedures,
  hasGenomicResults,
  PROFILE_SEARCHES,
  type CollectOptions,
} from './collect.js';
import { type OperationEntry, readInputs, render } from './config-file.js';
import { confirmOperations, type OperationCheck } from './confirm.js';
import { deriveInputs } from './derive/index.js';
import { type Derivation, type InputValue, isDerived, notDerived } from './derive/types.js';
import { openConfig } from './open-config.js';
import { pinnedPatients, planInputs, type Replace, withNotes } from './plan-inputs.js';
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
  readonly replace: Replace;
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
    const { byInput: firstPass } = deriveInputs(ctx, declared, pinnedPatients(existing, options.replace));
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

/** Patients with two or more GenomicReports, most reports first: the study suites search their Procedures. */
function studyCandidates(data: Parameters<typeof deriveInputs>[0]['data']): string[] {
  return [...data.patients().values()]
    .filter((p) => p.reports.length >= 2)
    .sort((a, b) => b.reports.length - a.reports.length)
    .slice(0, 3)
    .map((p) => p.id);
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
