// What the engine needs from the outside world: the target, the HTTP client, redaction, the optional
// validator and the server's claimed capabilities.
import type { HttpClient } from '../http/client.js';
import type { Redactor } from '../http/redact.js';
import type { TargetConfig } from '../model/target.js';
import type { ProfileValidator } from '../model/validation.js';
import type { ServerCapabilities } from './capabilities.js';

export interface EngineContext {
  readonly target: TargetConfig & { readonly baseUrl: string };
  readonly http: HttpClient;
  readonly redactor: Redactor;
  /** Without one, `conformsTo` checks end as `error` ("profile validation is not available"). */
  readonly validator?: ProfileValidator;
  /** From the preflight `GET metadata`. Unknown capabilities never skip anything. */
  readonly capabilities?: ServerCapabilities;
  /** The CapabilityStatement itself, as `%capabilityStatement` in FHIRPath (e.g. in `when`). */
  readonly capabilityStatement?: unknown;
  /** Clock for waiver expiry (tests pass a fixed date). */
  readonly now?: () => Date;
  /**
   * Aborted (its reason is the signal's name) to cancel the requests in flight when a run is interrupted:
   * their scenarios end as skipped, and teardown steps that have not started do not run.
   */
  readonly cancel?: AbortSignal;
}
