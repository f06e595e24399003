// corex's is_faked_msg and forward_reply run by `siprc exec`. As recorded
// from Kamailio 5.6.3: a received message is not the faked one, and
// forward_reply() passes the reply on at once, the core passing it on again
// at the end unless the script drops it.

import { runScript, sipMessage } from '../run-script.js';

const HEAD = 'debug=2\nlisten=udp:127.0.0.1:27360\nloadmodule "pv.so"\nloadmodule "xlog.so"\nloadmodule "corex.so"\n';

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

const PASSED_ON = sipMessage([
  'SIP/2.0 404 Not Found',
  'Via: SIP/2.0/UDP 127.0.0.1:27398;branch=z9hG4bKsecond',
  'From: <sip:a@127.0.0.1>;tag=1',
  'To: <sip:b@127.0.0.1>;tag=2',
  'Call-ID: r1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

describe('corex message commands', () => {
  it('is_faked_msg is false for a received message', () => {
    const request = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bK1', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: f1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);
    const r = runScript(`${HEAD}request_route {\nif (is_faked_msg()) xlog("L_ERR", "faked\\n"); else xlog("L_ERR", "not faked\\n");\n}\n`, request);
    expect(r.logs).toEqual(['not faked']);
  });

  it('forward_reply passes the reply on now, and the core again unless dropped', () => {
    const again = runScript(`${HEAD}request_route { drop; }\nreply_route {\nforward_reply(); xlog("L_ERR", "fr rc=$rc\\n");\n}\n`, REPLY, { source: '127.0.0.1:27398' });
    expect(again.logs).toEqual(['fr rc=1']);
    expect(again.sent).toEqual([
      { to: 'udp|127.0.0.1:27398', text: PASSED_ON },
      { to: 'udp|127.0.0.1:27398', text: PASSED_ON },
    ]);
    const once = runScript(`${HEAD}request_route { drop; }\nreply_route {\nforward_reply(); drop;\n}\n`, REPLY, { source: '127.0.0.1:27398' });
    expect(once.sent).toEqual([{ to: 'udp|127.0.0.1:27398', text: PASSED_ON }]);
  });
});
