// The credentials' username parts ($au $ad $aU) and realm ($ar): $ad is the
// domain part of the username, '' when it has none (not the realm), as
// Kamailio 5.6.3 gives it (test/differential/xlog/85 compares).

import { runScript, sipMessage } from '../../run-script.js';

function read(username: string): string {
  const message = sipMessage([
    'REGISTER sip:example.com SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
    'From: <sip:alice@example.com>;tag=1',
    'To: <sip:alice@example.com>',
    'Call-ID: c',
    'CSeq: 1 REGISTER',
    `Authorization: Digest username="${username}", realm="realm.example", nonce="n", uri="sip:example.com", response="0"`,
    'Content-Length: 0',
  ]);
  const r = runScript('debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\nrequest_route {\nxlog("L_ERR", "[$au] [$ad] [$aU] [$ar]\\n");\n}\n', message);
  expect(r.stderr).toBe('');
  return r.logs[0]!;
}

describe('credential pseudo-variables', () => {
  it('$ad is empty for a username without a domain', () => {
    expect(read('bob')).toBe('[bob] [] [bob] [realm.example]');
  });

  it('$au and $ad split a username with a domain', () => {
    expect(read('carol@dom.example')).toBe('[carol] [dom.example] [carol@dom.example] [realm.example]');
  });
});
