// Preflight: GET [base]/metadata before any suite runs. No usable answer means exit 3.
import type { HttpClient } from '../http/client.js';

export class TargetUnreachable extends Error {
  readonly code = 'TARGET_UNREACHABLE';
}

/** Returns the CapabilityStatement, or throws TargetUnreachable naming the request and the cause. */
export async function fetchCapabilityStatement(http: HttpClient, baseUrl: string): Promise<unknown> {
  const url = `${baseUrl.replace(/\/+$/, '')}/metadata`;
  const { response, fault } = await http.send({ method: 'GET', url });
  if (!response) {
    throw new TargetUnreachable(
      `The target did not answer the preflight GET ${url}: ${fault?.message ?? 'no response'}`,
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw new TargetUnreachable(
      `The preflight GET ${url} answered HTTP ${response.status}, not a CapabilityStatement`,
    );
  }
  try {
    const body = JSON.parse(response.bodyText) as { resourceType?: string };
    if (body.resourceType !== 'CapabilityStatement') {
      throw new Error(`resourceType is ${JSON.stringify(body.resourceType)}`);
    }
    return body;
  } catch (err) {
    throw new TargetUnreachable(
      `The preflight GET ${url} did not return a CapabilityStatement (${err instanceof Error ? err.message : err})`,
    );
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
