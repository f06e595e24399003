// Credentials and challenges: a scheme and comma-separated parameters.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { parseAuth } from '../../../../runtime/sip/headers/auth.js';

describe('Authorization and WWW-Authenticate', () => {
  it('read the scheme and the parameters, quoted values unquoted', () => {
    const auth = parseAuth(
      'Digest username="alice", realm="example.test", nonce="ab\\"c", uri="sip:bob@example.test", response="0123", algorithm=MD5, qop=auth, nc=00000001, cnonce="x"',
      'Authorization',
    );
    if (isSipError(auth)) throw new Error(auth.reason);
    expect(auth.scheme).toBe('Digest');
    expect(Object.fromEntries(auth.params)).toEqual({
      username: 'alice', realm: 'example.test', nonce: 'ab"c', uri: 'sip:bob@example.test', response: '0123', algorithm: 'MD5', qop: 'auth', nc: '00000001', cnonce: 'x',
    });
  });

  it('reject values that are not name=value lists', () => {
    expect(parseAuth('', 'Authorization')).toMatchObject({ reason: 'bad Authorization: scheme expected' });
    expect(isSipError(parseAuth('Digest realm', 'WWW-Authenticate'))).toBe(true);
    expect(isSipError(parseAuth('Digest realm="x', 'WWW-Authenticate'))).toBe(true);
  });
});
