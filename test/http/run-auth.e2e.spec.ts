// `fgc run` through the real CLI against an HTTPS server behind SMART Backend Services: the key and the CA
// come from files named in the target config, and neither the key nor any token reaches the results.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { runFgcProcess } from '../helpers/fgc-process.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { makeTestPki, type TestPki } from './certs.js';
import { startHttpsSmartServer, type TokenServer } from './token-server.js';

const SUITE = `suite: behind-auth
title: Reads behind SMART auth
scenarios:
  - id: read-patient
    title: Read a patient with an access token
    steps:
      - request: { path: Patient/p1 }
        expect:
          status: 200
          fhirpath:
            - { that: Patient.id, equals: p1 }
`;

describe('fgc run with SMART Backend Services over TLS (end to end)', function () {
  this.timeout(120_000);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let pki: TestPki;
  let server: TokenServer;
  let project: TempProject;

  before(async () => {
    pki = makeTestPki();
    server = await startHttpsSmartServer(rsa.publicKey, pki, 300);
    project = tempProject({
      'suites/requirements.yaml': 'requirements: []\n',
      'suites/behind-auth.yaml': SUITE,
      'config/targets/keys/harness.pem': keyPem,
      'config/targets/certs/ca.pem': pki.ca,
    });
  });
  after(async () => {
    await server.loopback.close();
    project.remove();
  });

  function writeTarget(tls: string): void {
    project.write(
      'config/targets/site.yaml',
      [
        'name: smart-site',
        `baseUrl: ${server.fhirBase}`,
        'auth: { type: smart-backend, clientId: harness, privateKey: keys/harness.pem, keyId: k1, alg: RS384, scope: system/Patient.read }',
        `tls: ${tls}`,
        '',
      ].join('\n'),
    );
  }

  function fgcRun() {
    rmSync(project.path('reports'), { recursive: true, force: true });
    return runFgcProcess(['run', '--target', 'site', '--no-report', '--reports', 'reports'], {
      cwd: project.dir,
      env: { HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '' },
    });
  }

  async function run() {
    const out = await fgcRun();
    const resultsText = readFileSync(project.path('reports/results.json'), 'utf8');
    return { out, resultsText, results: JSON.parse(resultsText) as { exitCode: number; warnings: string[] } };
  }

  it('obtains a token with the key file, trusts the CA file, and keeps secrets out of the results', async () => {
    writeTarget('{ ca: certs/ca.pem }');
    const { out, resultsText, results } = await run();
    expect(out.code, out.stderr + out.stdout).to.equal(0);
    expect(results.exitCode).to.equal(0);
    expect(server.tokenRequests.filter((r) => !r.error)).to.have.length.at.least(1);
    expect(resultsText).to.include('you sent ***');
    expect(resultsText).not.to.match(/tok-\d+-/);
    expect(resultsText).not.to.include(keyPem.split('\n')[1]!);
    expect(results.warnings.join('\n')).not.to.include('INSECURE');
  });

  it('runs with insecure TLS only when asked, warning on the console and in the results', async () => {
    writeTarget('{ insecure: true }');
    const { out, results } = await run();
    expect(out.code, out.stderr + out.stdout).to.equal(0);
    expect(out.stderr + out.stdout).to.include('WARNING: INSECURE TLS');
    expect(results.warnings.some((w) => w.startsWith('INSECURE TLS'))).to.equal(true);
  });

  it('stops at preflight (exit 3) with the token server error when the site does not know the key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    project.write(
      'config/targets/keys/harness.pem',
      other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    writeTarget('{ ca: certs/ca.pem }');
    try {
      const out = await fgcRun();
      expect(out.code, out.stderr + out.stdout).to.equal(3);
      expect(out.stderr + out.stdout).to.match(
        /No credentials for the preflight GET .*\/metadata, so it was not sent: token request to .*\/auth\/token failed: HTTP 401 invalid_client/,
      );
    } finally {
      project.write('config/targets/keys/harness.pem', keyPem);
    }
  });
});
