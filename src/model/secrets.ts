// The forms a secret may be written in, and replacing them: shared by the run's redactor (src/http) and the
// reports' second line of defence (src/reporters), so both hide exactly the same text.
export const REDACTED = '***';

/** Very short values are never secrets: replacing "a" everywhere would destroy the report and protect nothing. */
export const MIN_SECRET_LENGTH = 4;

/** The secret as is, URL-encoded and base64-encoded (once each); none for a value too short to be a secret. */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])];
}

/** Replaces every form with `***`. Give the forms longest first, so a secret that contains another is replaced whole. */
export function replaceForms(text: string, forms: Iterable<string>): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}
