// Shared setup for engine tests: one loopback test server per file and a way to run one scenario end to end.
import { SuiteRun, type EngineContext, type AttemptPolicy } from '../../src/engine/index.js';
import type { ScenarioResult } from '../../src/results/model.js';
import type { Scenario, Suite } from '../../src/model/suite.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { context, suite } from './builders.js';

export function useTestServer(): { readonly server: TestServer } {
  const holder = {} as { server: TestServer };
  before(async () => {
    holder.server = await startTestServer();
  });
  after(async () => {
    await holder.server.close();
  });
  beforeEach(() => holder.server.reset());
  return holder;
}

export interface RunOne {
  suite?: Partial<Suite>;
  ctx?: Parameters<typeof context>[1];
  options?: Partial<AttemptPolicy>;
}

/** Runs a single scenario (setup included) and returns its first planned result. */
export async function runOne(
  server: TestServer,
  scenario: Scenario,
  how: RunOne = {},
): Promise<ScenarioResult> {
  const run = new SuiteRun(suite([scenario], how.suite), context(server.baseUrl, how.ctx));
  await run.setup();
  const [planned] = run.plan(scenario);
  return run.run(planned!, { retries: 0, ...how.options });
}

export function newRun(server: TestServer, scenarios: readonly Scenario[], how: RunOne = {}): SuiteRun {
  return new SuiteRun(suite(scenarios, how.suite), context(server.baseUrl, how.ctx) as EngineContext);
}
