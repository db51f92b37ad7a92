// The preflight GET metadata: no answer or refused credentials stop the run (exit 3); anything else lets it go
// on, with the CapabilityStatement's claims (if any) plus the operations the config declares.
import { expect } from 'chai';
import type { HttpResult } from '../../src/http/client.js';
import { ServerFault } from '../../src/common/errors.js';
import { preflight, TargetUnreachable } from '../../src/runner/preflight.js';

const BASE = 'http://fhir.example.org/r4';

function answering(status: number, body: unknown): { send: () => Promise<HttpResult> } {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    send: async () => ({
      exchange: {} as HttpResult['exchange'],
      response: { status, headers: {}, bodyText, durationMs: 1 },
    }),
  };
}

const cs = (operations: string[]) => ({
  resourceType: 'CapabilityStatement',
  fhirVersion: '4.0.1',
  rest: [
    { mode: 'server', resource: [{ type: 'Observation' }], operation: operations.map((name) => ({ name })) },
  ],
});

describe('runner/preflight', () => {
  it('stops the run when nothing answers, no token can be had, or the credentials are refused', async () => {
    const silent = {
      send: async (): Promise<HttpResult> => ({
        exchange: {} as HttpResult['exchange'],
        fault: new ServerFault('CONNECTION_REFUSED', 'connection refused'),
      }),
    };
    await preflight(silent, BASE, []).then(
      () => expect.fail('should stop'),
      (err: unknown) =>
        expect((err as Error).message).to.equal(
          `The target did not answer the preflight GET ${BASE}/metadata: connection refused`,
        ),
    );
    const noToken = {
      send: async (): Promise<HttpResult> => ({
        exchange: {} as HttpResult['exchange'],
        fault: new ServerFault(
          'AUTH',
          'token request to https://auth.example.org/token failed: HTTP 400 invalid_client',
        ),
      }),
    };
    const tokenErr = await preflight(noToken, BASE, []).catch((e: unknown) => e);
    expect(tokenErr).to.be.instanceOf(TargetUnreachable);
    expect((tokenErr as Error).message).to.equal(
      `No credentials for the preflight GET ${BASE}/metadata, so it was not sent: ` +
        'token request to https://auth.example.org/token failed: HTTP 400 invalid_client',
    );
    for (const status of [401, 403]) {
      const err = await preflight(answering(status, {}), BASE, []).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TargetUnreachable);
      expect((err as Error).message).to.include(
        `answered HTTP ${status}: the server refused the credentials`,
      );
    }
  });

  it('goes on without a CapabilityStatement, claiming only the operations the config declares', async () => {
    for (const [status, body, problem] of [
      [404, { resourceType: 'OperationOutcome' }, 'answered HTTP 404, not a CapabilityStatement'],
      [200, { resourceType: 'Patient' }, 'returned a Patient, not a CapabilityStatement'],
      [200, '<html>login</html>', 'did not return JSON, so no CapabilityStatement'],
    ] as const) {
      const result = await preflight(answering(status, body), BASE, ['find-subject-variants']);
      expect([...result.capabilities.operations]).to.deep.equal(['find-subject-variants']);
      expect([...result.capabilities.resources]).to.deep.equal([]);
      expect(result.claimedOperations).to.equal(undefined);
      expect(result.warnings).to.have.length(1);
      expect(result.warnings[0]).to.include(`GET ${BASE}/metadata ${problem}`);
      expect(result.warnings[0]).to.include(
        'The run goes on with what the config declares: the operations of its operations: map ($find-subject-variants)',
      );
    }
  });

  it("adds the config's operations to what the CapabilityStatement claims, and warns about the ones it forgets", async () => {
    const result = await preflight(answering(200, cs(['find-subject-variants'])), BASE, [
      'find-subject-variants',
      'find-subject-haplotypes',
    ]);
    expect([...result.capabilities.operations].sort()).to.deep.equal([
      'find-subject-haplotypes',
      'find-subject-variants',
    ]);
    expect(result.claimedOperations).to.deep.equal(['find-subject-variants']);
    expect(result.capabilityStatement).to.deep.equal(cs(['find-subject-variants']));
    expect(result.warnings).to.deep.equal([
      'The CapabilityStatement does not claim $find-subject-haplotypes, which the config declares in operations:. They are tested as the site declares them; the capability-statement suite reports the missing declaration (OP-CAPABILITY-DECLARED).',
    ]);
  });
});
