// The maxfwd module, run by `siprc exec` on requests with a given
// Max-Forwards. The expected values are what Kamailio 5.6 did with the same
// script and request (return codes read through $rc, the forwarded header
// captured on loopback).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../cli/compile.js';
import { runExec } from '../../cli/exec.js';
import { builtinModules } from '../../modules/index.js';
import { codesOf, settledNow } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-maxfwd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = (limit: number) => `debug=2
loadmodule "maxfwd.so"
modparam("maxfwd", "max_limit", ${limit})
request_route {
  mf_process_maxfwd_header("10");
  if ($rc == 2) { log(1, "process 2"); } else if ($rc == 1) { log(1, "process 1"); } else if ($rc == -1) { log(1, "process -1"); }
  if (is_maxfwd_lt("4")) { log(1, "lt4 yes"); } else { log(1, "lt4 no"); }
  if (is_maxfwd_lt("3")) { log(1, "lt3 yes"); } else { log(1, "lt3 no"); }
  if (is_maxfwd_lt("11")) { log(1, "lt11 yes"); } else { log(1, "lt11 no"); }
  mf_process_maxfwd_header("10");
  forward("127.0.0.1", 5098);
}
`;

function run(limit: number, maxForwards: number | string | undefined): { logs: string[]; forwarded: string | undefined } {
  const script = join(dir, `limit${limit}.cfg`);
  writeFileSync(script, SCRIPT(limit));
  const message = join(dir, `mf${maxForwards}.sip`);
  const mf = maxForwards === undefined ? [] : [`Max-Forwards: ${maxForwards}`];
  writeFileSync(message, ['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', ...mf, 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: m1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'));
  const out = settledNow(runExec(compileFile(script, []), { message, source: '127.0.0.1:5070', proto: 'udp' }));
  expect(out.stderr).toBe('');
  const lines = out.stdout.split(/\r?\n/);
  return {
    logs: lines.filter((l) => l.startsWith('log|')).map((l) => l.slice('log|1|'.length)),
    forwarded: lines.find((l) => /^Max-Forwards:/.test(l)),
  };
}

describe('maxfwd', () => {
  it('decrements, caps at max_limit, and decrements again (Kamailio: 1, lt4 yes, lt3 no, forwarded 2)', () => {
    expect(run(3, 5)).toEqual({ logs: ['process 1', 'lt4 yes', 'lt3 no', 'lt11 yes'], forwarded: 'Max-Forwards: 2' });
  });

  it('compares the value it last set (Kamailio: lt4 no with 4, forwarded 3)', () => {
    expect(run(30, 5)).toEqual({ logs: ['process 1', 'lt4 no', 'lt3 no', 'lt11 yes'], forwarded: 'Max-Forwards: 3' });
  });

  it('refuses to decrement 0 (Kamailio: -1, forwarded 0)', () => {
    expect(run(30, 0)).toEqual({ logs: ['process -1', 'lt4 yes', 'lt3 yes', 'lt11 yes'], forwarded: 'Max-Forwards: 0' });
  });

  it('adds the header when absent, with the value given, and decrements what it added', () => {
    expect(run(30, undefined)).toEqual({ logs: ['process 2', 'lt4 no', 'lt3 no', 'lt11 yes'], forwarded: 'Max-Forwards: 9' });
  });

  // Kamailio 5.6 on 127.0.0.1, default max_limit 70: 300, 256 and 70000
  // gave rc=1 and were forwarded as 70; 4294967296, abc and -1 gave rc=-2 and
  // were forwarded unchanged (RFC 4475's scalar02.dat has Max-Forwards: 300).
  it('reads a value above 255 that fits in 32 bits, and caps it at max_limit (Kamailio: 1, forwarded as the limit)', () => {
    expect(run(70, 300)).toEqual({ logs: ['process 1', 'lt4 no', 'lt3 no', 'lt11 no'], forwarded: 'Max-Forwards: 69' });
    expect(run(30, '4294967295')).toEqual({ logs: ['process 1', 'lt4 no', 'lt3 no', 'lt11 no'], forwarded: 'Max-Forwards: 29' });
  });

  it.each(['4294967296', 'abc', '-1'])('cannot read Max-Forwards: %s (Kamailio: -2, forwarded unchanged)', (value) => {
    expect(run(30, value)).toEqual({ logs: ['lt4 no', 'lt3 no', 'lt11 no'], forwarded: `Max-Forwards: ${value}` });
  });

  it('checks max_limit and where its functions may run', () => {
    expect(codesOf('loadmodule "maxfwd.so"\nmodparam("maxfwd", "max_limit", 300)\n', { modules: builtinModules })).toEqual(['E0505@2:33']);
    expect(codesOf('loadmodule "maxfwd.so"\nonreply_route { mf_process_maxfwd_header("10"); }\n', { modules: builtinModules })).toEqual(['E0603@2:17']);
    expect(codesOf('loadmodule "maxfwd.so"\nfailure_route[F] { if (is_maxfwd_lt("2")) drop; }\nrequest_route { mf_process_maxfwd_header("x"); }\n', { modules: builtinModules }).map((c) => c.split('@')[0])).toEqual(['W0202', 'E0607']);
  });
});
