// A validated target/site config (config/targets/*.yaml; docs/configuration.md explains each key).
import type { SourceLoc } from '../common/source-loc.js';

export type AuthConfig =
  | { readonly type: 'none' }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | {
      readonly type: 'client-credentials';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope?: string;
      /** How the secret is sent (RFC 6749 §2.3.1): HTTP Basic (the default) or client_id/client_secret form fields. */
      readonly clientAuth?: 'basic' | 'form';
    }
  | {
      readonly type: 'smart-backend';
      readonly clientId: string;
      /** PEM or JWK text (already read from a file when the config gave a path). */
      readonly privateKey: string;
      readonly keyId: string;
      readonly alg: 'RS384' | 'ES384';
      readonly scope: string;
      readonly tokenUrl?: string;
    };

export interface TlsConfig {
  /** PEM texts, already read from the files the config names. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly insecure?: boolean;
}

export interface OperationEndpoint {
  /** Path relative to the base URL, e.g. `$find-subject-variants`. */
  readonly path: string;
  readonly method: 'GET' | 'POST';
}

export interface Waiver {
  /** Full scenario id (`suite/scenario`), optionally with a check id: `suite/scenario#check`. */
  readonly scenario: string;
  readonly reason: string;
  readonly owner: string;
  /** ISO date (YYYY-MM-DD); the waiver stops applying after this day. */
  readonly expires?: string;
  readonly loc: SourceLoc;
}

export interface TargetConfig {
  readonly name: string;
  /** The config file, when the target came from one. */
  readonly file?: string;
  /** Absent for embedded targets until the server has started. */
  readonly baseUrl?: string;
  readonly embedded?: 'reference';
  readonly auth: AuthConfig;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly allowWrites: boolean;
  readonly lenientContentType: boolean;
  readonly operations: Readonly<Record<string, OperationEndpoint>>;
  /** Inputs the config supplies; template placeholders (REPLACE-ME) are left out, as not supplied. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Where the config still holds template placeholders. */
  readonly placeholders: readonly { readonly input: string; readonly loc: SourceLoc }[];
  readonly waivers: readonly Waiver[];
  readonly tls?: TlsConfig;
  /** Every secret value that came from `${env.X}` or a key file: redacted from every artefact. */
  readonly secrets: readonly string[];
}
