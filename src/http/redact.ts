// Redaction: every secret value from the config, and every Authorization-like header, is replaced
// before an exchange is stored in results or written anywhere.
export const REDACTED = '***';

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
}

export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is replaced whole. Very short values are skipped:
  // replacing "a" everywhere would destroy the report and protect nothing.
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  const encoded = values.flatMap((v) => {
    const forms = [v, encodeURIComponent(v), Buffer.from(v).toString('base64')];
    return [...new Set(forms)];
  });
  const text = (value: string): string => {
    let out = value;
    for (const secret of encoded) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  return {
    text,
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
