// The identity classes ($ai, $pu $pU $pd $pn, $re, $rt, $di $dip $dir $dic)
// and the accounting user ($Au $AU), read from a request's headers. Values
// as Kamailio 5.6.3 gives them (test/differential/xlog/84 and 85 compare).

import { runScript, sipMessage } from '../../run-script.js';

const HEAD = 'debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\n';

function read(format: string, headers: readonly string[]): string {
  const message = sipMessage([
    'INVITE sip:bob@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
    'From: <sip:alice@example.com>;tag=1',
    'To: <sip:bob@example.org>',
    'Call-ID: c',
    'CSeq: 1 INVITE',
    ...headers,
    'Content-Length: 0',
  ]);
  const r = runScript(`${HEAD}request_route {\nxlog("L_ERR", "${format}\\n");\n}\n`, message);
  expect(r.stderr).toBe('');
  return r.logs[0]!;
}

describe('identity pseudo-variables', () => {
  it('read the URI of the first P-Asserted-Identity, Remote-Party-ID and Refer-To', () => {
    const headers = ['P-Asserted-Identity: <sip:first@a.example>, <tel:+1555>', 'Remote-Party-ID: "R" <sip:r@b.example>;party=calling', 'Refer-To: sip:c@c.example'];
    expect(read('$ai|$re|$rt', headers)).toBe('sip:first@a.example|sip:r@b.example|sip:c@c.example');
  });

  it('split P-Preferred-Identity into URI, user, host and display name as written', () => {
    expect(read('$pu|$pU|$pd|$pn', ['P-Preferred-Identity: "Al \\"P\\"" <sip:al@ppi.example:5062>'])).toBe('sip:al@ppi.example:5062|al|ppi.example|"Al \\"P\\""');
  });

  it('read the Diversion URI and its privacy, reason and counter parameters', () => {
    expect(read('$di|$dip|$dir|$dic', ['Diversion: <sip:d@div.example>;counter=3;reason=user-busy'])).toBe('sip:d@div.example|<null>|user-busy|3');
  });

  it('are null without their header', () => {
    expect(read('$ai|$pu|$pn|$re|$rt|$di|$dic', [])).toBe('<null>|<null>|<null>|<null>|<null>|<null>|<null>');
  });

  it('$Au and $AU are the From URI\'s user@host and user, credentials or not', () => {
    expect(read('$Au|$AU', ['Authorization: Digest username="bob", realm="r.example", nonce="n", uri="sip:x", response="0"'])).toBe('alice@example.com|alice');
  });
});
