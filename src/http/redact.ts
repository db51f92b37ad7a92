// Redaction: every secret value from the config, every token obtained at run time, and every
// Authorization-like header is replaced before an exchange is stored in results or written anywhere.
import { REDACTED, replaceForms, secretForms } from '../model/secrets.js';

export { REDACTED };

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

export interface Redactor {
  text(value: string): string;
  headers(headers: Readonly<Record<string, string>>): Record<string, string>;
  /** Registers a secret learned at run time (an access token): redacted from everything written afterwards. */
  add(secret: string): void;
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const known = new Set<string>();
  // Every stored form of every secret, longest first, so a secret that contains another is replaced whole.
  let forms: string[] = [];
  const add = (secret: string): void => {
    const more = secretForms(secret);
    if (more.length === 0 || known.has(secret)) return;
    known.add(secret);
    forms = [...new Set([...forms, ...more])].sort((a, b) => b.length - a.length);
  };
  for (const secret of secrets) add(secret);

  const text = (value: string): string => replaceForms(value, forms);
  return {
    text,
    add,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? redactHeaderValue(value) : text(value);
      }
      return out;
    },
  };
}

/** Keeps the auth scheme (useful when debugging) and hides the credential. */
function redactHeaderValue(value: string): string {
  const scheme = /^(Bearer|Basic|Digest)\s/i.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}
