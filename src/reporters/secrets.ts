// Secret values in report text: removes them (a second line of defence after the run's own redaction)
// and finds any left in a file before it is bundled. A secret is also looked for URL- and base64-encoded.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { replaceForms, secretForms } from '../model/secrets.js';

export interface SecretScanner {
  /** Replaces every form of every secret with `***`. */
  scrub(text: string): string;
  /** Which secrets (by index in the list given) occur in the text. */
  find(text: string): number[];
}

/** `redact`: the run's own redactor, if any, applied after these secrets (it also knows tokens learned at run time). */
export function secretScanner(secrets: readonly string[], redact?: (text: string) => string): SecretScanner {
  const forms = secrets
    .flatMap((value, index) => secretForms(value).map((form) => ({ form, index })))
    .sort((a, b) => b.form.length - a.form.length);
  const longestFirst = forms.map(({ form }) => form);
  return {
    scrub(text) {
      const out = replaceForms(text, longestFirst);
      return redact ? redact(out) : out;
    },
    find(text) {
      return [...new Set(forms.filter(({ form }) => text.includes(form)).map(({ index }) => index))];
    },
  };
}

/**
 * Values of the environment variables a config file refers to as `${env.NAME}`: the run's secrets, found
 * again after the run (for `fgc report`, which has no loaded config). The references themselves are not secret.
 */
export function secretsFromConfigText(text: string, env: NodeJS.ProcessEnv): string[] {
  const names = new Set([...text.matchAll(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!));
  return [...names]
    .map((name) => env[name])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** The secrets given by the runner plus the values behind `${env.X}` references in the run's config file. */
export async function runSecrets(
  configFile: string | undefined,
  options: { secrets?: readonly string[]; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<string[]> {
  const secrets = [...(options.secrets ?? [])];
  if (configFile) {
    try {
      const text = await readFile(resolve(options.cwd ?? process.cwd(), configFile), 'utf8');
      secrets.push(...secretsFromConfigText(text, options.env ?? process.env));
    } catch {
      // A missing config file is reported where the sources are copied.
    }
  }
  return [...new Set(secrets)];
}
