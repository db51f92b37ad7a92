// Redaction of config secrets and of secrets learned during the run (access tokens).
import { expect } from 'chai';
import { createRedactor, REDACTED } from '../../src/http/redact.js';

describe('http/redact', () => {
  it('redacts config secrets in text, URL-encoded and base64 forms', () => {
    const r = createRedactor(['s3cret/value']);
    expect(r.text('a s3cret/value b')).to.equal(`a ${REDACTED} b`);
    expect(r.text(`q=${encodeURIComponent('s3cret/value')}`)).to.equal(`q=${REDACTED}`);
    expect(r.text(Buffer.from('s3cret/value').toString('base64'))).to.equal(REDACTED);
  });

  it('redacts a secret added at run time from everything written afterwards', () => {
    const r = createRedactor([]);
    expect(r.text('token tok-12345')).to.equal('token tok-12345');
    r.add('tok-12345');
    expect(r.text('token tok-12345')).to.equal(`token ${REDACTED}`);
    expect(r.headers({ 'x-echo': 'tok-12345' })).to.deep.equal({ 'x-echo': REDACTED });
  });

  it('replaces a longer secret whole even when a shorter one is inside it', () => {
    const r = createRedactor(['abcd']);
    r.add('abcdefgh');
    expect(r.text('xabcdefghx abcd')).to.equal(`x${REDACTED}x ${REDACTED}`);
  });

  it('ignores values too short to redact safely', () => {
    const r = createRedactor(['ab']);
    r.add('x');
    expect(r.text('ab x')).to.equal('ab x');
  });

  it('keeps the scheme of an Authorization header and hides the credential', () => {
    expect(createRedactor([]).headers({ Authorization: 'Bearer abc.def' })).to.deep.equal({
      Authorization: `Bearer ${REDACTED}`,
    });
  });
});
