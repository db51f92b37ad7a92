// fgc init's auth options take the config's forms: the type, its fields, and secrets only as ${env.NAME}.
import { join } from 'node:path';
import { expect } from 'chai';
import { authFromFlags, type AuthFlags } from '../../src/init/auth-options.js';

const flags = (f: Partial<AuthFlags>): AuthFlags => ({ header: [], ...f });
const build = (f: Partial<AuthFlags>) => authFromFlags(flags(f), '/work/site', '/work/site/config/targets');

describe('fgc init: auth options', () => {
  it('writes nothing without options, and each type with its fields', () => {
    expect(build({})).to.deep.equal({});
    expect(build({ auth: 'bearer', token: '${env.SITE_TOKEN}' })).to.deep.equal({
      auth: { type: 'bearer', token: '${env.SITE_TOKEN}' },
    });
    expect(
      build({
        auth: 'client-credentials',
        tokenUrl: 'https://a.org/token',
        clientId: 'fgc',
        clientSecret: '${env.S}',
        scope: 'system/*.read',
      }),
    ).to.deep.equal({
      auth: {
        type: 'client-credentials',
        tokenUrl: 'https://a.org/token',
        clientId: 'fgc',
        clientSecret: '${env.S}',
        scope: 'system/*.read',
      },
    });
  });

  it('writes a key file relative to the config folder', () => {
    const { auth } = build({
      auth: 'smart-backend',
      clientId: 'c',
      privateKey: 'keys/k.pem',
      keyId: 'k1',
      scope: 's',
    });
    expect(auth?.privateKey).to.equal(join('..', '..', 'keys', 'k.pem'));
  });

  it('refuses a secret given as its value, saying how to give it', () => {
    expect(() => build({ auth: 'bearer', token: 'abc123' })).to.throw(
      "--token is a secret and is never written into the config: give it as '${env.SITE_TOKEN}' (in single quotes, so the shell leaves it alone) and set SITE_TOKEN in the environment",
    );
    expect(() => build({ auth: 'basic', username: 'u', password: 'pw' })).to.throw(/--password is a secret/);
    expect(() => build({ header: ['Authorization: Bearer abc'] })).to.throw(
      /--header Authorization carries a credential/,
    );
    expect(build({ header: ['Authorization: Bearer ${env.T}', 'X-Site: pilot'] }).headers).to.deep.equal({
      Authorization: 'Bearer ${env.T}',
      'X-Site': 'pilot',
    });
  });

  it('names what is missing or does not fit the type', () => {
    expect(() => build({ token: '${env.T}' })).to.throw('--token needs --auth <type>');
    expect(() => build({ auth: 'bearer' })).to.throw('--auth bearer needs --token');
    expect(() => build({ auth: 'bearer', token: '${env.T}', username: 'u' })).to.throw(
      '--username does not apply to --auth bearer',
    );
    expect(() => build({ auth: 'oauth' })).to.throw(/--auth must be one of none, bearer/);
  });
});
