// corex's internal and extended message flags run by `siprc exec`. The
// return codes were recorded from Kamailio 5.6.3 running the same script:
// msg_iflag_is_set answers -2 for a flag not set, names are matched in any
// case, and msg_iflag_set accepts an unknown name by setting every flag.

import { runScript, sipMessage } from '../run-script.js';

const SCRIPT = `debug=2
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "corex.so"
request_route {
  msg_iflag_is_set("UAC_AUTH"); xlog("L_ERR", "i1 rc=$rc\\n");
  msg_iflag_set("uac_auth"); xlog("L_ERR", "i2 rc=$rc\\n");
  msg_iflag_is_set("UAC_AUTH"); xlog("L_ERR", "i3 rc=$rc\\n");
  msg_iflag_is_set("USE_UAC_TO"); xlog("L_ERR", "i4 rc=$rc\\n");
  msg_iflag_set("FOO"); xlog("L_ERR", "i5 rc=$rc\\n");
  msg_iflag_is_set("USE_UAC_TO"); xlog("L_ERR", "i6 rc=$rc\\n");
  msg_iflag_reset("FOO"); xlog("L_ERR", "i7 rc=$rc\\n");
  msg_iflag_reset("USE_UAC_TO"); xlog("L_ERR", "i8 rc=$rc\\n");
  msg_iflag_is_set("USE_UAC_TO"); xlog("L_ERR", "i9 rc=$rc\\n");
  msg_iflag_is_set("BAR"); xlog("L_ERR", "i10 rc=$rc\\n");
  setxflag("63"); xlog("L_ERR", "x1 rc=$rc\\n");
  isxflagset("63"); xlog("L_ERR", "x2 rc=$rc\\n");
  setxflag("64"); xlog("L_ERR", "x3 rc=$rc\\n");
  isxflagset("62"); xlog("L_ERR", "x4 rc=$rc\\n");
  resetxflag("63"); xlog("L_ERR", "x5 rc=$rc\\n");
  isxflagset("63"); xlog("L_ERR", "x6 rc=$rc\\n");
  setxflag("-1"); xlog("L_ERR", "x7 rc=$rc\\n");
  setxflag("31"); isxflagset("31"); xlog("L_ERR", "x8 rc=$rc\\n");
  setxflag("32"); isxflagset("32"); xlog("L_ERR", "x9 rc=$rc\\n");
  isxflagset("0"); xlog("L_ERR", "x10 rc=$rc\\n");
}
`;

const REQUEST = sipMessage([
  'OPTIONS sip:x3@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKx3',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: x3@127.0.0.1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
]);

describe('corex flags', () => {
  it('set, reset and test internal and extended flags as Kamailio does', () => {
    const r = runScript(SCRIPT, REQUEST);
    expect(r.stderr).toBe('');
    expect(r.logs).toEqual([
      'i1 rc=-2',
      'i2 rc=1',
      'i3 rc=1',
      'i4 rc=-2',
      'i5 rc=1',
      'i6 rc=1',
      'i7 rc=-1',
      'i8 rc=1',
      'i9 rc=-2',
      'i10 rc=-1',
      'x1 rc=1',
      'x2 rc=1',
      'x3 rc=-1',
      'x4 rc=-1',
      'x5 rc=1',
      'x6 rc=-1',
      'x7 rc=-1',
      'x8 rc=1',
      'x9 rc=1',
      'x10 rc=-1',
    ]);
  });
});
