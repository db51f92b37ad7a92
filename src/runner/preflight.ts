// Preflight: GET [base]/metadata before any suite runs. No answer at all, or a refusal of the credentials,
// means exit 3. A server whose metadata fails or is not a CapabilityStatement is still tested: the run goes on
// with what the config declares, and the capability-statement suite reports the failure.
import type { HttpClient } from '../http/client.js';
import {
  claimedByServerOrSite,
  parseCapabilities,
  unclaimedConfiguredOperations,
  type ServerCapabilities,
} from '../engine/capabilities.js';

export class TargetUnreachable extends Error {
  readonly code = 'TARGET_UNREACHABLE';
}

export interface Preflight {
  /** What the run counts as claimed: the CapabilityStatement's claims plus the config's operations. */
  readonly capabilities: ServerCapabilities;
  /** The operation codes the CapabilityStatement claims; absent when the server has none. */
  readonly claimedOperations?: string[];
  /** The CapabilityStatement as the server sent it; absent when it has none. */
  readonly capabilityStatement?: unknown;
  /** For the run's warnings: no CapabilityStatement, another FHIR version, operations it forgets. */
  readonly warnings: string[];
}

/** Reads the CapabilityStatement; throws TargetUnreachable when the server does not answer or refuses the credentials. */
export async function preflight(
  http: Pick<HttpClient, 'send'>,
  baseUrl: string,
  configuredOperations: readonly string[],
): Promise<Preflight> {
  const read = await readCapabilityStatement(http, baseUrl);
  if ('problem' in read) {
    const declared = configuredOperations.length
      ? `the operations of its operations: map (${configuredOperations.map((op) => `$${op}`).join(', ')})`
      : 'no operation (its operations: map is empty)';
    return {
      capabilities: claimedByServerOrSite(undefined, configuredOperations),
      warnings: [
        `${read.problem}. The run goes on with what the config declares: ${declared}; no resource type is ` +
          'claimed, so suites that need one are skipped. The capability-statement suite reports the failure.',
      ],
    };
  }
  const server = parseCapabilities(read.capabilityStatement);
  const unclaimed = unclaimedConfiguredOperations(server, configuredOperations);
  const warnings = [fhirVersionWarning(read.capabilityStatement)].filter((w): w is string => Boolean(w));
  if (unclaimed.length) {
    warnings.push(
      `The CapabilityStatement does not claim ${unclaimed.map((op) => `$${op}`).join(', ')}, which the config ` +
        'declares in operations:. They are tested as the site declares them; the capability-statement suite ' +
        'reports the missing declaration (OP-CAPABILITY-DECLARED).',
    );
  }
  return {
    capabilities: claimedByServerOrSite(server, configuredOperations),
    claimedOperations: [...server.operations].sort(),
    capabilityStatement: read.capabilityStatement,
    warnings,
  };
}

/** The CapabilityStatement, or why there is none. */
async function readCapabilityStatement(
  http: Pick<HttpClient, 'send'>,
  baseUrl: string,
): Promise<{ capabilityStatement: unknown } | { problem: string }> {
  const url = `${baseUrl.replace(/\/+$/, '')}/metadata`;
  const { response, fault } = await http.send({ method: 'GET', url });
  if (!response) {
    // No request was sent when the credentials could not be had: say so, not that the server was silent.
    throw new TargetUnreachable(
      fault?.code === 'AUTH'
        ? `No credentials for the preflight GET ${url}, so it was not sent: ${fault.message}`
        : `The target did not answer the preflight GET ${url}: ${fault?.message ?? 'no response'}`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new TargetUnreachable(
      `The preflight GET ${url} answered HTTP ${response.status}: the server refused the credentials (check auth in the target config)`,
    );
  }
  if (response.status < 200 || response.status >= 300)
    return { problem: `GET ${url} answered HTTP ${response.status}, not a CapabilityStatement` };
  try {
    const body = JSON.parse(response.bodyText) as { resourceType?: unknown };
    if (body?.resourceType === 'CapabilityStatement') return { capabilityStatement: body };
    return { problem: `GET ${url} returned a ${String(body?.resourceType)}, not a CapabilityStatement` };
  } catch {
    return { problem: `GET ${url} did not return JSON, so no CapabilityStatement` };
  }
}

/**
 * A warning when the server declares a FHIR version other than R4: the suites test R4 (4.0.x), so on another
 * version failures may come from the version difference rather than the server's genomics support.
 */
export function fhirVersionWarning(capabilityStatement: unknown): string | undefined {
  const version = (capabilityStatement as { fhirVersion?: unknown }).fhirVersion;
  if (typeof version !== 'string' || version.startsWith('4.0.')) return undefined;
  return (
    `The server's CapabilityStatement declares FHIR ${version}, but these suites test FHIR R4 (4.0.x): ` +
    'failures may come from the version difference.'
  );
}
