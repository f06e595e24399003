// corex's socket commands run by `siprc exec`. Return codes and the
// addresses read back ($si $sp $Ri $Rp $pr) were recorded from Kamailio 5.6.3
// listening on udp:127.0.0.1:27360 and udp:127.0.0.1:27361 (named "second"),
// the request coming from 127.0.0.1:27370. A socket that is not found
// changes nothing but still returns 1.

import { runScript, sipMessage } from '../run-script.js';

const SCRIPT = `debug=2
listen=udp:127.0.0.1:27360
listen=udp:127.0.0.1:27361 name "second"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "corex.so"
request_route {
  is_socket_name("second"); xlog("L_ERR", "sn1 rc=$rc\\n");
  is_socket_name("third"); xlog("L_ERR", "sn2 rc=$rc\\n");
  xlog("L_ERR", "before si=$si sp=$sp Ri=$Ri Rp=$Rp pr=$pr\\n");
  set_source_address("udp:127.0.0.7:5555"); xlog("L_ERR", "ssa rc=$rc si=$si sp=$sp\\n");
  set_source_address("127.0.0.8:5556"); xlog("L_ERR", "ssa2 rc=$rc si=$si sp=$sp\\n");
  set_source_address("127.0.0.9"); xlog("L_ERR", "ssa3 rc=$rc si=$si sp=$sp\\n");
  set_source_address("tcp:[::1]:7"); xlog("L_ERR", "ssa4 rc=$rc si=$si sp=$sp\\n");
  set_recv_socket("udp:127.0.0.1:27361"); xlog("L_ERR", "srs rc=$rc Ri=$Ri Rp=$Rp pr=$pr\\n");
  set_recv_socket("udp:127.0.0.1:9999"); xlog("L_ERR", "srs2 rc=$rc Ri=$Ri Rp=$Rp\\n");
  set_recv_socket("127.0.0.1"); xlog("L_ERR", "srs3 rc=$rc Ri=$Ri Rp=$Rp\\n");
  set_recv_socket_name("second"); xlog("L_ERR", "srsn rc=$rc Ri=$Ri Rp=$Rp\\n");
  set_send_socket("udp:127.0.0.1:9999"); xlog("L_ERR", "sss rc=$rc\\n");
  set_send_socket("udp:127.0.0.1:27361"); xlog("L_ERR", "sss2 rc=$rc\\n");
  set_send_socket("bad::spec::"); xlog("L_ERR", "sss3 rc=$rc\\n");
  set_send_socket_name("nothere"); xlog("L_ERR", "sss4 rc=$rc\\n");
  forward("127.0.0.1", 27398);
}
`;

const REQUEST = sipMessage([
  'OPTIONS sip:x4@127.0.0.1:27360 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKx4',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: x4@127.0.0.1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
]);

describe('corex sockets', () => {
  it('find sockets by address or name, and change where the message counts as from and to', () => {
    const r = runScript(SCRIPT, REQUEST, { source: '127.0.0.1:27370' });
    expect(r.stderr).toBe('');
    expect(r.logs).toEqual([
      'sn1 rc=1',
      'sn2 rc=-1',
      'before si=127.0.0.1 sp=27370 Ri=127.0.0.1 Rp=27360 pr=udp',
      'ssa rc=1 si=127.0.0.7 sp=5555',
      'ssa2 rc=1 si=127.0.0.8 sp=5556',
      'ssa3 rc=1 si=127.0.0.9 sp=0',
      'ssa4 rc=-1 si=127.0.0.9 sp=0',
      'srs rc=1 Ri=127.0.0.1 Rp=27361 pr=udp',
      'srs2 rc=1 Ri=127.0.0.1 Rp=27361',
      'srs3 rc=1 Ri=127.0.0.1 Rp=27360',
      'srsn rc=1 Ri=127.0.0.1 Rp=27361',
      'sss rc=1',
      'sss2 rc=1',
      'sss3 rc=-1',
      'sss4 rc=1',
    ]);
    // The request goes out from the socket set_send_socket chose, its Via naming it.
    expect(r.sent[0]!.text).toMatch(/^OPTIONS sip:x4@127\.0\.0\.1:27360 SIP\/2\.0\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.1:27361;branch=/);
  });
});
