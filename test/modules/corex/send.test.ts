// corex's send_udp, send_tcp, send_data and sendx run by `siprc exec`. What
// was sent where and the return codes were recorded from Kamailio 5.6.3
// (udp:127.0.0.1:27360 and :27361) running the same script, with a listener
// on 127.0.0.1:27398 for UDP and TCP.

import { runScript, sipMessage } from '../run-script.js';

const HEAD = `debug=2
listen=udp:127.0.0.1:27360
listen=udp:127.0.0.1:27361 name "second"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "corex.so"
`;

const REQUEST = sipMessage([
  'INVITE sip:x1@127.0.0.1:27398 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKx1;rport',
  'Max-Forwards: 70',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: x1@127.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

describe('corex sending', () => {
  it('sends the message as received, or data, where and over what Kamailio does', () => {
    const r = runScript(
      `${HEAD}request_route {
  rewriteuser("changed");
  send_udp(); xlog("L_ERR", "su0 rc=$rc\\n");
  send_udp("127.0.0.1:27398"); xlog("L_ERR", "su1 rc=$rc\\n");
  send_tcp("127.0.0.1:27398"); xlog("L_ERR", "st1 rc=$rc\\n");
  send_data("sip:127.0.0.1:27398", "DATA-UDP"); xlog("L_ERR", "sd1 rc=$rc\\n");
  send_data("sip:127.0.0.1:27398;transport=tcp", "DATA-TCP"); xlog("L_ERR", "sd2 rc=$rc\\n");
  send_data("garbage", "x"); xlog("L_ERR", "sd3 rc=$rc\\n");
  send_data("sip:127.0.0.1:27398;transport=ws", "x"); xlog("L_ERR", "sd4 rc=$rc\\n");
  sendx("sip:127.0.0.1:27398", "udp:127.0.0.1:27361", "SENDX"); xlog("L_ERR", "sx1 rc=$rc\\n");
  sendx("sip:127.0.0.1:27398", "udp:127.0.0.1:9999", "SENDX2"); xlog("L_ERR", "sx2 rc=$rc\\n");
  sendx("sip:127.0.0.1:27398", "bad spec::", "SENDX3"); xlog("L_ERR", "sx3 rc=$rc\\n");
}
`,
      REQUEST,
    );
    expect(r.stderr).toBe('');
    expect(r.logs).toEqual(['su0 rc=1', 'su1 rc=1', 'st1 rc=1', 'sd1 rc=1', 'sd2 rc=1', 'sd3 rc=-1', 'sd4 rc=-1', 'sx1 rc=1', 'sx2 rc=1', 'sx3 rc=-1']);
    // The message goes out untouched: the rewritten Request-URI only steers send_udp() to it.
    expect(r.sent).toEqual([
      { to: 'udp|127.0.0.1:27398', text: REQUEST },
      { to: 'udp|127.0.0.1:27398', text: REQUEST },
      { to: 'tcp|127.0.0.1:27398', text: REQUEST },
      { to: 'udp|127.0.0.1:27398', text: 'DATA-UDP' },
      { to: 'tcp|127.0.0.1:27398', text: 'DATA-TCP' },
      { to: 'udp|127.0.0.1:27398', text: 'SENDX' },
      { to: 'udp|127.0.0.1:27398', text: 'SENDX2' },
    ]);
  });

  it('send_udp() goes to $du before the Request-URI', () => {
    const r = runScript(`${HEAD}request_route {\n$du = "sip:127.0.0.5:5099"; send_udp();\n}\n`, REQUEST);
    expect(r.sent.map((s) => s.to)).toEqual(['udp|127.0.0.5:5099']);
  });
});
