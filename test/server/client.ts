// Test helpers: start the reference server on fixtures and call it (GET/POST, operations, searches).
import type {
  Observation,
  ObservationComponent,
  OperationOutcome,
  Parameters,
  ParametersParameter,
} from '@medplum/fhirtypes';
import {
  type ReferenceServer,
  type ReferenceServerOptions,
  startReferenceServer,
} from '../../src/server/index.js';

/** A response body read as JSON; specs narrow it with the helpers below. */
export interface FhirBody {
  resourceType?: string;
  [key: string]: unknown;
}

export interface Answer<T = FhirBody> {
  status: number;
  contentType: string;
  body: T;
}

export async function startFixtureServer(
  resources: object[],
  options: ReferenceServerOptions = {},
): Promise<ReferenceServer> {
  return startReferenceServer({ includeExamples: false, includeCohort: false, resources, ...options });
}

export async function get<T = FhirBody>(server: ReferenceServer, path: string): Promise<Answer<T>> {
  const url = path.startsWith('http') ? path : `${server.baseUrl}/${path}`;
  return answer(await fetch(url));
}

export async function send<T = FhirBody>(
  server: ReferenceServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const res = await fetch(`${server.baseUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer(res);
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
  };
}

/** GET [base]/$name?query (values may be lists: repeated parameters). */
export function op(
  server: ReferenceServer,
  name: string,
  query: Record<string, string | string[]>,
): Promise<Answer<Parameters>> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  return get(server, `$${name}?${params.toString()}`);
}

/** POST [base]/$name with a Parameters body built from the same query. */
export function postOp(
  server: ReferenceServer,
  name: string,
  query: Record<string, string | string[] | boolean>,
) {
  const parameter = Object.entries(query).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).map((item) =>
      typeof item === 'boolean' ? { name, valueBoolean: item } : { name, valueString: item },
    ),
  );
  return send<Parameters>(server, 'POST', `$${name}`, { resourceType: 'Parameters', parameter });
}

/** The blocks named `name` at the top level. */
export function blocks(params: Parameters, name = 'variants'): ParametersParameter[] {
  return (params.parameter ?? []).filter((p) => p.name === name);
}

export function partValue(block: ParametersParameter, name: string): unknown {
  const p = block.part?.find((x) => x.name === name);
  return p?.valueBoolean ?? p?.valueString ?? p?.valueQuantity?.value ?? p?.valueDateTime;
}

export function partResources(block: ParametersParameter | Parameters, name: string): Observation[] {
  const list = 'resourceType' in block ? block.parameter : block.part;
  return (list ?? []).filter((x) => x.name === name).map((x) => x.resource as Observation);
}

/** The component of an Observation with this LOINC (or other) code. */
export function componentOf(obs: Observation, code: string): ObservationComponent {
  const found = obs.component?.find((c) => c.code.coding?.some((x) => x.code === code));
  if (!found) throw new Error(`Observation/${obs.id} has no component ${code}`);
  return found;
}

/** The first issue's diagnostics of an OperationOutcome answer. */
export function diagnostics(answer: Answer<unknown>): string {
  return (answer.body as OperationOutcome).issue?.[0]?.diagnostics ?? '';
}

export const ids = (resources: readonly { id?: string }[]): string[] => resources.map((r) => r.id!).sort();
