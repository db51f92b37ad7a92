// The embedded reference genomics FHIR server: public API. Loads the IG examples, the synthetic cohort
// and extra resources into an in-memory store and serves FHIR REST plus the 17 genomics operations
// on 127.0.0.1 under /fhir.
import './websocket-shim.js'; // before any @medplum import
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resource } from '@medplum/fhirtypes';
import { harnessVersion } from '../common/version.js';
import { flattenResources } from './bundles.js';
import { FaultSet } from './faults.js';
import { createHandler, type AppOptions } from './http.js';
import { loadCohort } from './load-cohort.js';
import { loadIgExamples } from './load-examples.js';
import { assignServerIds } from './server-ids.js';
import { ReferenceStore } from './store.js';

export { listFaults, UnknownFaultError, type FaultInfo } from './faults.js';
export { ExamplesUnavailableError, IG_PACKAGE } from './load-examples.js';

export interface ReferenceServer {
  /** `http://127.0.0.1:<port>/fhir` */
  baseUrl: string;
  close(): Promise<void>;
}

export interface ReferenceServerOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  faults?: readonly string[];
  allowWrites?: boolean;
  /** Extra resources (or Bundles), e.g. small fixtures for tests. */
  resources?: readonly object[];
  /** Load the IG examples (default true). */
  includeExamples?: boolean;
  /** Load src/server/data/cohort/*.json (default true). */
  includeCohort?: boolean;
  /** Another cohort folder (tests). */
  cohortDir?: string;
  /**
   * Serve every resource under a server-assigned UUID, with references rewritten, as real servers do
   * (default false: resources keep the ids they are written with).
   */
  serverIds?: boolean;
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const faults = new FaultSet(options.faults ?? []);
  const loaded: Resource[] = [
    ...(options.includeExamples === false ? [] : await loadIgExamples()),
    ...(options.includeCohort === false ? [] : await loadCohort(options.cohortDir)),
    ...flattenResources(structuredClone(options.resources ?? []), 'resources option'),
  ];
  const resources = options.serverIds ? assignServerIds(loaded) : loaded;
  const store = await ReferenceStore.create(resources.map((r) => faults.resource(r)));
  const app: AppOptions = {
    store,
    faults,
    allowWrites: options.allowWrites ?? false,
    version: harnessVersion(),
    baseUrl: '',
  };
  const server = createServer(createHandler(app));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  app.baseUrl = `http://127.0.0.1:${port}/fhir`;
  return {
    baseUrl: app.baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
