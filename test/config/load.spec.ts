// Target configs (docs/configuration.md): the three spec forms, defaults, auth and TLS, env substitution,
// and located errors for missing configs, bad keys, unset variables and literal secrets.
import { expect } from 'chai';
import { loadTarget } from '../../src/config/index.js';
import { SuiteErrors } from '../../src/common/errors.js';
import { runCliIn, tempProject } from '../helpers/temp-project.js';
import type { TempProject } from '../helpers/temp-project.js';

const PEM =
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n';

const SECTION_7 = `name: example-site
baseUrl: https://fhir.example.org/r4/
auth: { type: bearer, token: "\${env.SITE_TOKEN}" }
headers: { X-Site: pilot }
timeoutMs: 30000
allowWrites: false
operations:
  find-subject-variants: { path: "$find-subject-variants", method: GET }
  $find-subject-specimens: {}
inputs:
  patientId: HG00403
waivers:
  - scenario: genomics-operations/find-subject-variants/unknown-subject-404
    reason: Returns 400 until release 2.3
    owner: site-team@example.org
    expires: 2027-03-01
`;

describe('target config loader', () => {
  let project: TempProject;
  beforeEach(() => (project = tempProject()));
  afterEach(() => project.remove());
  const load = (spec: string, env: NodeJS.ProcessEnv = {}) => loadTarget(spec, { cwd: project.dir, env });

  async function problems(spec: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
    const err = await load(spec, env).then(
      () => expect.fail('the config should not load'),
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(SuiteErrors);
    return (err as SuiteErrors).errors.map((e) => e.format());
  }

  /** The lint command reports the same problem and exits 2, without a stack trace. */
  async function lintFails(spec: string, expected: string): Promise<void> {
    const out = await runCliIn(project.dir, ['lint', '--target', spec]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.include(expected);
    expect(out.stderr).to.not.match(/\n\s+at /);
  }

  it('loads the section 7 example by name, with env substitution and defaults', async () => {
    project.write('config/targets/example-site.yaml', SECTION_7);
    const target = await load('example-site', { SITE_TOKEN: 'tok-secret-1' });
    expect(target).to.deep.include({
      name: 'example-site',
      file: 'config/targets/example-site.yaml',
      baseUrl: 'https://fhir.example.org/r4',
      auth: { type: 'bearer', token: 'tok-secret-1' },
      headers: { 'X-Site': 'pilot' },
      timeoutMs: 30000,
      allowWrites: false,
      lenientContentType: false,
      // configuredOperations is filled in from operations: (the capability-statement suite reads it)
      inputs: {
        patientId: 'HG00403',
        configuredOperations: ['find-subject-variants', 'find-subject-specimens'],
      },
      secrets: ['tok-secret-1'],
    });
    expect(target.operations).to.deep.equal({
      'find-subject-variants': { path: '$find-subject-variants', method: 'GET' },
      'find-subject-specimens': { path: '$find-subject-specimens', method: 'GET' },
    });
    expect(target.waivers).to.deep.equal([
      {
        scenario: 'genomics-operations/find-subject-variants/unknown-subject-404',
        reason: 'Returns 400 until release 2.3',
        owner: 'site-team@example.org',
        expires: '2027-03-01',
        loc: { file: 'config/targets/example-site.yaml', line: 13, col: 5 },
      },
    ]);
  });

  it('refuses configuredOperations in inputs: fgc fills it in from operations:', async () => {
    project.write(
      'config/targets/site.yaml',
      'baseUrl: http://x.org/fhir\ninputs:\n  patientId: p1\n  configuredOperations: [a]\n',
    );
    expect(await problems('site')).to.deep.equal([
      'config/targets/site.yaml:4:25: inputs.configuredOperations is filled in by fgc from the operation codes of the operations: map; remove it from inputs: [CONFIG]',
    ]);
  });

  it('takes a URL as an ad-hoc target without auth', async () => {
    expect(await load('http://127.0.0.1:8080/fhir/')).to.deep.include({
      name: '127.0.0.1:8080',
      baseUrl: 'http://127.0.0.1:8080/fhir',
      auth: { type: 'none' },
      timeoutMs: 30000,
      secrets: [],
    });
  });

  it('refuses a user name or password inside a URL, without repeating the password', async () => {
    project.write('config/targets/userinfo.yaml', 'baseUrl: https://lab:hunter2@x.org/fhir\n');
    const [problem] = await problems('userinfo');
    expect(problem).to.match(
      /^config\/targets\/userinfo\.yaml:1:10: baseUrl must not hold a user name or password/,
    );
    expect(problem).to.not.include('hunter2');
    project.write('config/targets/userinfo-env.yaml', 'baseUrl: "https://lab:${env.PW}@x.org/fhir"\n');
    expect((await problems('userinfo-env', { PW: 'hunter2' }))[0]).to.include(
      'must not hold a user name or password',
    );
    const [adHoc] = await problems('https://lab:hunter2@x.org/fhir');
    expect(adHoc).to.include('the target URL must not hold a user name or password');
    expect(adHoc).to.not.include('hunter2');
  });

  it('takes a config file path, and defaults the name to the file name', async () => {
    project.write('elsewhere/lab.yml', 'embedded: reference\nallowWrites: true\nlenientContentType: true\n');
    expect(await load('elsewhere/lab.yml')).to.deep.include({
      name: 'lab',
      embedded: 'reference',
      allowWrites: true,
      lenientContentType: true,
    });
  });

  it('knows the bundled reference target even without a config file', async () => {
    expect(await load('reference')).to.deep.include({ name: 'reference', embedded: 'reference' });
  });

  it('treats env values in credentials as secrets, and env values elsewhere (base URL, inputs) as plain values', async () => {
    project.write(
      'config/targets/mixed.yaml',
      'baseUrl: "${env.SITE_URL}"\nauth: { type: bearer, token: "${env.SITE_TOKEN}" }\nheaders: { X-Api-Key: "${env.API_KEY}", X-Site: "${env.SITE_NAME}" }\ninputs: { patientId: "${env.PATIENT}" }\n',
    );
    const target = await load('mixed', {
      SITE_URL: 'https://fhir.example.org/r4',
      SITE_TOKEN: 'tok-123456',
      API_KEY: 'key-987654',
      SITE_NAME: 'north-lab',
      PATIENT: 'HG00403',
    });
    expect(target.secrets).to.have.members(['tok-123456', 'key-987654']);
    expect(target.baseUrl).to.equal('https://fhir.example.org/r4');
  });

  it('reads basic, client-credentials and smart-backend secrets from the environment and key files', async () => {
    project.write(
      'config/targets/basic.yaml',
      'baseUrl: https://x.org\nauth: { type: basic, username: tester, password: "${env.PW}" }\n',
    );
    const basic = await load('basic', { PW: 'pa55word' });
    expect(basic.auth).to.deep.equal({ type: 'basic', username: 'tester', password: 'pa55word' });
    expect(basic.secrets).to.include.members(['pa55word', Buffer.from('tester:pa55word').toString('base64')]);

    project.write(
      'config/targets/cc.yaml',
      'baseUrl: https://x.org\nauth: { type: client-credentials, tokenUrl: "https://auth.x.org/token", clientId: h, clientSecret: "${env.CS}", scope: system/*.read, clientAuth: form }\n',
    );
    expect((await load('cc', { CS: 'client-secret-9' })).auth).to.deep.include({
      clientSecret: 'client-secret-9',
      scope: 'system/*.read',
      clientAuth: 'form',
    });

    project.write('config/targets/keys/harness.pem', PEM);
    project.write('config/targets/certs/ca.pem', 'CA PEM');
    project.write('config/targets/certs/client-key.pem', 'CLIENT KEY PEM');
    project.write(
      'config/targets/smart.yaml',
      'baseUrl: https://x.org\nauth: { type: smart-backend, clientId: h, privateKey: keys/harness.pem, keyId: k1, scope: system/Observation.read }\ntls: { ca: certs/ca.pem, key: certs/client-key.pem, insecure: false }\n',
    );
    const smart = await load('smart');
    expect(smart.auth).to.deep.include({ type: 'smart-backend', privateKey: PEM, alg: 'RS384', keyId: 'k1' });
    expect(smart.tls).to.deep.equal({ ca: 'CA PEM', key: 'CLIENT KEY PEM', insecure: false });
    expect(smart.secrets).to.include.members([PEM, 'CLIENT KEY PEM']);
    expect(smart.secrets).to.not.include('CA PEM');

    project.write(
      'config/targets/smart-env.yaml',
      'baseUrl: https://x.org\nauth: { type: smart-backend, clientId: h, privateKey: "${env.KEY}", keyId: k1, alg: ES384, scope: s }\n',
    );
    expect((await load('smart-env', { KEY: PEM })).auth).to.deep.include({ privateKey: PEM, alg: 'ES384' });
  });

  it('reports a missing config by name with the available names', async () => {
    project.write('config/targets/example-site.yaml', SECTION_7);
    const expected =
      'config/targets/exmple-site.yaml:1:1: no target named "exmple-site": config/targets/exmple-site.yaml does not exist (did you mean "example-site"?); available targets: example-site. --target also takes a config file path or a URL [CONFIG_MISSING]';
    expect(await problems('exmple-site')).to.deep.equal([expected]);
    await lintFails('exmple-site', expected);
  });

  it('reports a missing config file', async () => {
    const expected =
      'configs/none.yaml:1:1: target config file not found: configs/none.yaml [CONFIG_MISSING]';
    expect(await problems('configs/none.yaml')).to.deep.equal([expected]);
    await lintFails('configs/none.yaml', expected);
  });

  it('reports an invalid config: unknown keys, wrong types, baseUrl and embedded together', async () => {
    project.write(
      'config/targets/bad.yaml',
      'baseUrl: https://x.org\nembedded: reference\ntimeotMs: 5\nallowWrites: yes please\nauth: { type: oauth }\nwaivers:\n  - { scenario: a/b, reason: r, owner: o, expires: 2027-02-30 }\n',
    );
    const expected = [
      'config/targets/bad.yaml:1:1: the file: a target has either baseUrl or embedded, not both [CONFIG]',
      'config/targets/bad.yaml:3:1: unknown key "timeotMs" (did you mean "timeoutMs"?) [CONFIG]',
      'config/targets/bad.yaml:4:14: allowWrites must be true or false, not the string "yes please" [CONFIG]',
      'config/targets/bad.yaml:5:15: auth.type must be one of none, bearer, basic, client-credentials, smart-backend [CONFIG]',
      'config/targets/bad.yaml:7:52: waivers[0].expires must be a date written YYYY-MM-DD [CONFIG]',
    ];
    expect(await problems('bad')).to.deep.equal(expected);
    await lintFails('bad', expected[1]!);
  });

  it('reports an unset environment variable at its position', async () => {
    project.write(
      'config/targets/env.yaml',
      'baseUrl: https://x.org\nauth: { type: bearer, token: "${env.SITE_TOKEN}" }\n',
    );
    const expected =
      'config/targets/env.yaml:2:31: environment variable SITE_TOKEN is not set (this config reads it as ${env.SITE_TOKEN}) [ENV_MISSING]';
    expect(await problems('env')).to.deep.equal([expected]);
    delete process.env.SITE_TOKEN;
    // fgc lint sends nothing: it shows the unset variable as a warning and passes (fgc run refuses it).
    const out = await runCliIn(project.dir, ['lint', '--target', 'env']);
    expect(out.stderr).to.include(`warning: ${expected}`);
    expect(out.code).to.equal(0);
  });

  it('refuses a literal secret and says how to fix it', async () => {
    project.write(
      'config/targets/literal.yaml',
      'baseUrl: https://x.org\nauth: { type: bearer, token: abc123 }\n',
    );
    const expected =
      'config/targets/literal.yaml:2:30: auth.token is a secret and must not be written in the config file: write "${env.SITE_TOKEN}" and set SITE_TOKEN in the environment (or in your CI secret store) [CONFIG]';
    expect(await problems('literal')).to.deep.equal([expected]);
    await lintFails('literal', expected);
  });

  it('refuses literal passwords, client secrets, private keys and credential headers', async () => {
    project.write(
      'config/targets/pw.yaml',
      'baseUrl: https://x.org\nauth: { type: basic, username: u, password: hunter2 }\n',
    );
    expect((await problems('pw'))[0]).to.include('auth.password is a secret');
    project.write(
      'config/targets/cs.yaml',
      'baseUrl: https://x.org\nauth: { type: client-credentials, tokenUrl: "https://a.org/t", clientId: c, clientSecret: s3cret }\n',
    );
    expect((await problems('cs'))[0]).to.include('auth.clientSecret is a secret');
    project.write(
      'config/targets/key.yaml',
      `baseUrl: https://x.org\nauth:\n  type: smart-backend\n  clientId: c\n  keyId: k\n  scope: s\n  privateKey: |\n${PEM.replace(/^/gm, '    ')}`,
    );
    expect((await problems('key'))[0]).to.include('auth.privateKey is a secret');
    project.write(
      'config/targets/hdr.yaml',
      'baseUrl: https://x.org\nheaders: { Authorization: Bearer abc }\n',
    );
    expect((await problems('hdr'))[0]).to.include('header Authorization is a secret');
    project.write(
      'config/targets/hdr-ok.yaml',
      'baseUrl: https://x.org\nheaders: { Authorization: "Bearer ${env.T}" }\n',
    );
    expect((await load('hdr-ok', { T: 'abc' })).headers).to.deep.equal({ Authorization: 'Bearer abc' });
  });

  it('refuses a literal secret brought in by a YAML merge key or an alias', async () => {
    project.write(
      'config/targets/merged.yaml',
      'baseUrl: https://x.org\ninputs: &creds { token: abc123 }\nauth: { type: bearer, <<: *creds }\n',
    );
    expect((await problems('merged'))[0]).to.include('auth.token is a secret');
    project.write(
      'config/targets/aliased.yaml',
      'baseUrl: https://x.org\ninputs: { t: &tok abc123 }\nauth: { type: bearer, token: *tok }\n',
    );
    expect((await problems('aliased'))[0]).to.include('auth.token is a secret');
    project.write(
      'config/targets/merged-env.yaml',
      'baseUrl: https://x.org\ninputs: &creds { token: "${env.T}" }\nauth: { type: bearer, <<: *creds }\n',
    );
    expect((await load('merged-env', { T: 'abc' })).auth).to.deep.equal({ type: 'bearer', token: 'abc' });
  });

  it('allows only ${env.NAME} references in a config', async () => {
    project.write(
      'config/targets/ref.yaml',
      'baseUrl: https://x.org\ninputs: { patientId: "${inputs.patientId}" }\n',
    );
    expect(await problems('ref')).to.deep.equal([
      'config/targets/ref.yaml:2:23: "${inputs.patientId}" is not allowed: a config can only read environment variables, written ${env.NAME} [CONFIG]',
    ]);
  });

  it('reports a missing key or TLS file at its position', async () => {
    project.write(
      'config/targets/files.yaml',
      'baseUrl: https://x.org\nauth: { type: smart-backend, clientId: c, keyId: k, scope: s, privateKey: keys/none.pem }\ntls: { cert: certs/none.pem }\n',
    );
    expect(await problems('files')).to.deep.equal([
      'config/targets/files.yaml:2:75: private key file not found: keys/none.pem (paths are relative to the config file) [CONFIG]',
      'config/targets/files.yaml:3:14: tls.cert file not found: certs/none.pem (paths are relative to the config file) [CONFIG]',
    ]);
  });
});
