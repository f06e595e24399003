// corex's via_add_xavp_params and via_use_xavp_fields on the Via siprc adds,
// by forward() and by tm's t_relay. As recorded from Kamailio 5.6.3 (live in
// test/differential/xlog/97-via-xavp-params.cfg and 98-via-xavp-fields.cfg):
// the first item's fields, newest first, after rport and srvid, fixed when
// the message's first Via is written; xavp_via_fields only renames the XAVP
// xavp_via_params reads (cut to that name's length), and asking for its
// fields changes nothing.

import { runScript, sipMessage } from '../run-script.js';

const INVITE = sipMessage([
  'INVITE sip:bob@127.0.0.1:27399 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bK1;rport',
  'Max-Forwards: 70',
  'From: <sip:a@127.0.0.1>;tag=1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: v1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

const HEAD = 'listen=udp:127.0.0.1:27361\nloadmodule "pv.so"\nloadmodule "corex.so"\n';

/** The parameters after the branch of the top Via of each request sent (not tm's 100). */
function viaParams(script: string): string[] {
  const run = runScript(`${HEAD}${script}`, INVITE);
  expect(run.stderr).toBe('');
  return run.sent.filter((s) => s.text.startsWith('INVITE ')).map((s) => {
    const via = s.text.split('\r\n').find((l) => l.startsWith('Via: '))!;
    return via.replace(/^[^;]*;branch=[^;]*/, '');
  });
}

describe('via_add_xavp_params', () => {
  const FIELDS = '$xavp(xvia=>a) = "1"; $xavp(xvia[0]=>n) = 5; $xavp(xvia[0]=>e) = ""; $xavp(xvia[0]=>neg) = -3; ';

  it('adds the first item\'s fields, newest first, after rport and srvid', () => {
    expect(viaParams(`xavp_via_params="xvia"\nserver_id=7\nloadmodule "sl.so"\nrequest_route {\n${FIELDS}$xavp(xvia=>b) = "item 1"; $xavp(xvia[0]=>c) = "2";\nvia_add_xavp_params("1"); via_add_srvid("1"); add_local_rport(); forward(); drop;\n}\n`)).toEqual([
      ';rport;srvid=7;c=2;b=item 1',
    ]);
    expect(viaParams(`xavp_via_params="xvia"\nrequest_route {\n${FIELDS}via_add_xavp_params("1"); forward(); drop;\n}\n`)).toEqual([';neg=4294967293;e;n=5;a=1']);
  });

  it('adds nothing when not asked, when turned off again, or without xavp_via_params', () => {
    expect(viaParams(`xavp_via_params="xvia"\nrequest_route {\n${FIELDS}forward(); drop;\n}\n`)).toEqual(['']);
    expect(viaParams(`xavp_via_params="xvia"\nrequest_route {\n${FIELDS}via_add_xavp_params("1"); via_add_xavp_params("0"); forward(); drop;\n}\n`)).toEqual(['']);
    expect(viaParams(`request_route {\n${FIELDS}via_add_xavp_params("1"); forward(); drop;\n}\n`)).toEqual(['']);
  });

  it('keeps what the first Via of the message carried', () => {
    expect(viaParams(`xavp_via_params="xvia"\nrequest_route {\n$xavp(xvia=>a) = "1"; via_add_xavp_params("1"); forward(); $xavp(xvia[0]=>late) = "L"; forward(); drop;\n}\n`)).toEqual([';a=1', ';a=1']);
    // A first Via without them fixes none, even when asked for later.
    expect(viaParams(`xavp_via_params="xvia"\nrequest_route {\n$xavp(xvia=>a) = "1"; forward(); via_add_xavp_params("1"); forward(); drop;\n}\n`)).toEqual(['', '']);
  });

  it('reaches the Via of t_relay\'s branch', () => {
    expect(viaParams(`xavp_via_params="xvia"\nloadmodule "tm.so"\nrequest_route {\n$xavp(xvia=>a) = "1"; via_add_xavp_params("1"); t_relay(); exit;\n}\n`)).toEqual([';a=1']);
  });

  it('reads the XAVP xavp_via_fields renames, cut to the length xavp_via_params gave; none when that text is shorter', () => {
    const body = 'request_route {\n$xavp(xvia=>a) = "x"; $xavp(mvia=>b) = "m"; $xavp(mviaX=>c) = "mX"; via_add_xavp_params("1"); forward(); drop;\n}\n';
    expect(viaParams(`xavp_via_params="xvia"\nxavp_via_fields="mviaX"\n${body}`)).toEqual([';b=m']);
    expect(viaParams(`xavp_via_params="xvia"\nxavp_via_params="xviaYY"\nxavp_via_fields="mviaX"\n${body}`)).toEqual(['']);
    expect(viaParams(`xavp_via_fields="mvia"\n${body}`)).toEqual(['']);
  });
});

describe('via_use_xavp_fields', () => {
  it('leaves the Via\'s address and port as they are', () => {
    const run = runScript(
      `${HEAD}xavp_via_fields="mvia"\nrequest_route {\n$xavp(mvia=>address) = "10.10.10.10"; $xavp(mvia[0]=>port) = "5080"; via_use_xavp_fields("1"); forward(); drop;\n}\n`,
      INVITE,
    );
    expect(run.stderr).toBe('');
    expect(run.sent[0]!.text).toMatch(/^INVITE [^\r]*\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.1:27361;branch=[^;\r]*\r\n/);
  });
});
