// setavpflag, resetavpflag and isavpflagset run by `siprc exec`: a flag
// declared with avpflags is set on the AVP a name holds, and only when the
// name holds one value, as Kamailio 5.6.3 does (test/differential/xlog has
// the same cases run on it).

import { runScript, sipMessage } from '../../modules/run-script.js';

const HEAD = 'debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\navpflags f1, f2;\n';
const REQUEST = sipMessage(['OPTIONS sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@h>;tag=1', 'To: <sip:b@h>', 'Call-ID: c', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

/** Runs the body, then logs which flags "x" has. */
const flagsOfX = (body: string): string[] => {
  const r = runScript(
    `${HEAD}request_route {\n${body}\nif (isavpflagset("x", "f1")) xlog("L_ERR", "f1\\n"); if (isavpflagset("x", "f2")) xlog("L_ERR", "f2\\n");\n}\n`,
    REQUEST,
  );
  expect(r.stderr).toBe('');
  return r.logs;
};

describe('AVP flags', () => {
  it('are set and reset on the one value of a name, which keeps them', () => {
    expect(flagsOfX('$avp(x) = 1; setavpflag("x", "f1"); setavpflag("s:x", f2);')).toEqual(['f1', 'f2']);
    expect(flagsOfX('$avp(x) = 1; setavpflag("x", "f1"); setavpflag("x", "f2"); resetavpflag("x", "f1");')).toEqual(['f2']);
  });

  it('go with the value they were set on', () => {
    expect(flagsOfX('$avp(x) = 1; setavpflag("x", "f1"); $avp(x) = 2; $(avp(x)[0]) = $null;')).toEqual(['f1']);
    expect(flagsOfX('$avp(x) = 1; setavpflag("x", "f1"); $avp(x) = $null; $avp(x) = 3;')).toEqual([]);
  });

  it('are neither set nor seen on a name holding more than one value', () => {
    expect(flagsOfX('$avp(x) = 1; setavpflag("x", "f1"); $avp(x) = 2;')).toEqual([]);
    expect(flagsOfX('$avp(x) = 1; $avp(x) = 2; setavpflag("x", "f1"); $(avp(x)[1]) = $null;')).toEqual([]);
  });

  it('setavpflag returns 1 even when there is no such AVP', () => {
    expect(flagsOfX('$var(r) = setavpflag("x", "f1"); xlog("L_ERR", "r=$var(r)\\n");')).toEqual(['r=1']);
  });
});
