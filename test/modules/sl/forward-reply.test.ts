// sl_forward_reply and send_reply on a received reply, run by `siprc exec`.
// The expected messages and return codes were recorded from Kamailio 5.6.3
// (listening on 127.0.0.1:27360) passing on the same reply: the copy
// sl_forward_reply sends now, then the core's own copy unless the script
// drops the reply.

import { runScript, sipMessage } from '../run-script.js';

const HEAD = 'debug=2\nlisten=udp:127.0.0.1:27360\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "sl.so"\nrequest_route { drop; }\n';

const REPLY = sipMessage([
  'SIP/2.0 404 Not Found',
  'Via: SIP/2.0/UDP 127.0.0.1:27360;branch=z9hG4bKtop',
  'Via: SIP/2.0/UDP 127.0.0.1:27398;branch=z9hG4bKsecond',
  'From: <sip:a@127.0.0.1>;tag=1',
  'To: <sip:b@127.0.0.1>;tag=2',
  'Call-ID: r1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

/** The reply as passed on (top Via removed), with the status line given. */
const passedOn = (status: string): string =>
  sipMessage([status, 'Via: SIP/2.0/UDP 127.0.0.1:27398;branch=z9hG4bKsecond', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>;tag=2', 'Call-ID: r1', 'CSeq: 1 INVITE', 'Content-Length: 0']);

const run = (body: string) => runScript(`${HEAD}reply_route {\n${body}\n}\n`, REPLY, { source: '127.0.0.1:27398' });

describe('sl_forward_reply', () => {
  it('passes the reply on now with the new code and reason; the core passes it on again', () => {
    const r = run('sl_forward_reply("401", "Changed"); xlog("L_ERR", "sfr rc=$rc\\n");');
    expect(r.logs).toEqual(['sfr rc=1']);
    expect(r.sent).toEqual([
      { to: 'udp|127.0.0.1:27398', text: passedOn('SIP/2.0 401 Changed') },
      { to: 'udp|127.0.0.1:27398', text: passedOn('SIP/2.0 404 Not Found') },
    ]);
  });

  it('refuses a code of another class or not of three digits (-1), and can change the reason alone', () => {
    const r = run('sl_forward_reply("501"); xlog("L_ERR", "a rc=$rc\\n"); sl_forward_reply("40x"); xlog("L_ERR", "b rc=$rc\\n"); sl_forward_reply("", "Only Reason"); xlog("L_ERR", "c rc=$rc\\n"); drop;');
    expect(r.logs).toEqual(['a rc=-1', 'b rc=-1', 'c rc=1']);
    expect(r.sent).toEqual([{ to: 'udp|127.0.0.1:27398', text: passedOn('SIP/2.0 404 Only Reason') }]);
  });

  it('sl_forward_reply() passes the reply on unchanged', () => {
    expect(run('sl_forward_reply(); drop;').sent).toEqual([{ to: 'udp|127.0.0.1:27398', text: passedOn('SIP/2.0 404 Not Found') }]);
  });
});

describe('send_reply on a reply', () => {
  it('fails (-1): there is no request to answer', () => {
    const r = run('send_reply("200", "x"); xlog("L_ERR", "sr rc=$rc\\n"); drop;');
    expect(r.logs).toEqual(['sr rc=-1']);
    expect(r.sent).toEqual([]);
  });
});
