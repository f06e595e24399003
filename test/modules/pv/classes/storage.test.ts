// pv's $cnt: how many values an AVP has, how many items an XAVP has, how many
// values a field has across its items. The values were recorded from
// Kamailio 5.6.3 running the same route on 127.0.0.1.

import { runScript, sipMessage } from '../../run-script.js';

const OPTIONS = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: x1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

describe('$cnt', () => {
  it('counts the values of an AVP and the items or field values of an XAVP', () => {
    const run = runScript(
      `debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\nrequest_route {
  $avp(x) = 1; $avp(x) = "b"; $avp(x) = 3;
  $xavp(r=>a) = 1; $xavp(r[0]=>a) = 2; $xavp(r[0]=>b) = 5; $xavp(r=>a) = 7;
  $var(n) = $cnt($avp(x));
  xlog("L_ALERT", "avp=$var(n) none=$cnt($avp(y)) xavp=$cnt($xavp(r)) a=$cnt($xavp(r=>a)) b=$cnt($xavp(r=>b)) nox=$cnt($xavp(q))\\n");
  drop;
}\n`,
      OPTIONS,
    );
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual(['avp=3 none=0 xavp=2 a=3 b=1 nox=0']);
  });
});
