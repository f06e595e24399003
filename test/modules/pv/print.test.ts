// pv_xavp_print, pv_xavi_print and pv_xavu_print: siprc's own dump at L_INFO,
// one line per item (Kamailio's prints memory addresses; docs/dialect.md).

import { runScript, sipMessage } from '../run-script.js';

const OPTIONS = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: p1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

describe('the xavp print commands', () => {
  it('write each item of each root with its fields, newest first, at L_INFO', () => {
    const run = runScript(
      'debug=2\nloadmodule "pv.so"\nrequest_route {\n $xavp(r=>a) = 1; $xavp(r[0]=>b) = "x"; $xavp(r=>a) = 2;\n pv_xavp_print();\n $xavi(Ab=>C) = 3; pv_xavi_print();\n $xavu(u=>k) = "v"; $xavu(n) = 4; pv_xavu_print();\n drop;\n}\n',
      OPTIONS,
    );
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual(['XAVP r[0]: a=2 (int)', 'XAVP r[1]: b="x" (str), a=1 (int)', 'XAVI ab[0]: c=3 (int)', 'XAVU n: 4 (int)', 'XAVU u: k="v" (str)']);
  });

  it('write nothing when there is nothing, and are filtered by the debug level', () => {
    expect(runScript('debug=2\nloadmodule "pv.so"\nrequest_route {\n pv_xavp_print();\n drop;\n}\n', OPTIONS).logs).toEqual([]);
    expect(runScript('debug=1\nloadmodule "pv.so"\nrequest_route {\n $xavp(r=>a) = 1; pv_xavp_print();\n drop;\n}\n', OPTIONS).logs).toEqual([]);
  });
});
