// Redaction: every secret value from the config, every token obtained at run time, and every
// Authorization-like header is replaced before an exchange is stored in results or written anywhere.
export const REDACTED = '***';

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

/** Very short values are never redacted: replacing "a" everywhere would destroy the report and protect nothing. */
const MIN_SECRET_LENGTH = 4;

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
    if (secret.length < MIN_SECRET_LENGTH || known.has(secret)) return;
    known.add(secret);
    const more = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
    forms = [...new Set([...forms, ...more])].sort((a, b) => b.length - a.length);
  };
  for (const secret of secrets) add(secret);

  const text = (value: string): string => {
    let out = value;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
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
