// Secret scrubbing and scanning in report text.
import { expect } from 'chai';
import { secretScanner, secretsFromConfigText } from '../../src/reporters/secrets.js';

describe('report secrets', () => {
  const secret = 'tok/en+value=1';
  const scanner = secretScanner([secret, 'ab']);

  it('replaces raw, URL-encoded and base64 forms', () => {
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString('base64')}`;
    expect(scanner.scrub(text)).to.equal('a *** b *** c ***');
    expect(scanner.find(text)).to.deep.equal([0]);
    expect(scanner.find('nothing here')).to.deep.equal([]);
  });

  it('ignores values too short to be secrets', () => {
    expect(scanner.scrub('ab cab')).to.equal('ab cab');
  });

  it('finds the values behind ${env.X} references, not the references', () => {
    const text = 'auth: { token: "${env.SITE_TOKEN}" }\npassword: ${env.SITE_PW}\nother: ${env.UNSET}';
    expect(
      secretsFromConfigText(text, { SITE_TOKEN: 't0ken-1', SITE_PW: 'pw-22', OTHER: 'x' }),
    ).to.deep.equal(['t0ken-1', 'pw-22']);
  });
});
