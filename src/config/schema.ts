// The target config schema (docs/configuration.md), in zod; also the source of schema/target.schema.json.
import * as z from 'zod';

const httpUrl = (description: string) =>
  z
    .string()
    .regex(/^https?:\/\/\S+$/i, { error: 'must be an http(s) URL' })
    .refine((url) => !hasCredentials(url), { error: CREDENTIALS_IN_URL })
    .meta({ description });

export const CREDENTIALS_IN_URL =
  'must not hold a user name or password: they would be written into every report; ' +
  'use auth (type basic, with the password as ${env.NAME}) instead';

/** `https://user:password@host/...`: the userinfo part of a URL. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

const secret = (description: string) =>
  z
    .string()
    .min(1)
    .meta({ description: `${description} Must be written as "\${env.NAME}".` });

const authSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('none') }),
      z.strictObject({ type: z.literal('bearer'), token: secret('The bearer token.') }),
      z.strictObject({
        type: z.literal('basic'),
        username: z.string().min(1),
        password: secret('The password.'),
      }),
      z.strictObject({
        type: z.literal('client-credentials'),
        tokenUrl: httpUrl('The OAuth 2.0 token endpoint.'),
        clientId: z.string().min(1),
        clientSecret: secret('The client secret.'),
        scope: z.string().optional(),
        clientAuth: z
          .enum(['basic', 'form'])
          .optional()
          .meta({ description: 'How the client secret is sent: HTTP Basic (default) or form fields.' }),
      }),
      z.strictObject({
        type: z.literal('smart-backend'),
        clientId: z.string().min(1),
        privateKey: z.string().min(1).meta({
          description:
            'Path to a PEM or JWK file (relative to this config file), or "${env.NAME}" holding the key text or a path.',
        }),
        keyId: z.string().min(1).meta({ description: "The JWT 'kid'." }),
        alg: z.enum(['RS384', 'ES384']).optional().meta({ description: 'RS384 (default) or ES384.' }),
        scope: z.string().min(1),
        tokenUrl: httpUrl(
          'Token endpoint; default: read from <baseUrl>/.well-known/smart-configuration.',
        ).optional(),
      }),
    ],
    { error: 'must be one of none, bearer, basic, client-credentials, smart-backend' },
  )
  .meta({ description: 'How the harness authenticates. Secrets only through ${env.NAME} or key files.' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const targetSchema = z
  .strictObject({
    name: z.string().min(1).optional().meta({ description: 'Shown in reports (default: the file name).' }),
    baseUrl: httpUrl('The FHIR base URL, e.g. https://fhir.example.org/r4.').optional(),
    embedded: z
      .literal('reference', { error: 'must be "reference" (the bundled reference server)' })
      .optional()
      .meta({ description: 'reference: run against the bundled reference server instead of a baseUrl.' }),
    auth: authSchema.optional(),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Headers sent with every request.' }),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'Per-request timeout (default 30000).' }),
    allowWrites: z.boolean().optional().meta({
      description: 'Scenarios that create, update or delete are skipped unless true (default false).',
    }),
    lenientContentType: z.boolean().optional().meta({
      description: 'Accept application/json where application/fhir+json is expected (default false).',
    }),
    operations: z
      .record(
        z.string(),
        z.strictObject({
          path: z.string().min(1).optional().meta({ description: 'Relative to baseUrl (default $<name>).' }),
          method: z.enum(['GET', 'POST']).optional().meta({ description: 'GET (default) or POST.' }),
        }),
      )
      .optional()
      .meta({ description: 'Where the site serves each genomics operation.' }),
    inputs: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Values for the inputs that suites declare.' }),
    waivers: z
      .array(
        z.strictObject({
          scenario: z
            .string()
            .regex(/^[^/\s]+(\/[^/\s]+)+$/, {
              error: 'must be a full scenario id: suite/scenario (optionally #check)',
            })
            .meta({ description: 'Full scenario id suite/scenario, optionally #check-id.' }),
          reason: z.string().min(1),
          owner: z.string().min(1).meta({ description: 'Who answers for the waiver.' }),
          expires: z
            .string()
            .refine(
              (s) =>
                DATE.test(s) &&
                !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
                new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
              {
                error: 'must be a date written YYYY-MM-DD',
              },
            )
            .optional()
            .meta({ description: 'YYYY-MM-DD; the waiver stops applying after this day.' }),
        }),
      )
      .optional()
      .meta({ description: 'Known failures accepted for now.' }),
    tls: z
      .strictObject({
        ca: z.string().optional().meta({ description: 'PEM file of CA certificates to trust.' }),
        cert: z.string().optional().meta({ description: 'Client certificate PEM file (mutual TLS).' }),
        key: z.string().optional().meta({ description: 'Client key PEM file (mutual TLS).' }),
        insecure: z.boolean().optional().meta({ description: 'Skip certificate checks. Only on purpose.' }),
      })
      .optional()
      .meta({ description: 'TLS settings; paths are relative to this config file.' }),
  })
  .refine((target) => (target.baseUrl === undefined) !== (target.embedded === undefined), {
    // Checked even when other keys are wrong, so every problem shows at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    error: (issue) =>
      (issue.input as { baseUrl?: unknown }).baseUrl === undefined
        ? 'a target needs baseUrl (the FHIR server) or embedded: reference'
        : 'a target has either baseUrl or embedded, not both',
  })
  .meta({ title: 'fgc target config', description: 'Where and how fgc reaches a FHIR server.' });

export type TargetData = z.infer<typeof targetSchema>;
