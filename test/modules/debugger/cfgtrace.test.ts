// The debugger module's cfgtrace under `siprc exec`: the same lines as
// Kamailio 5.6.3 wrote for these scripts and message on loopback (its -E
// output, cfgtrace_format 1 so the temporary path is left out): action type
// numbers and names for assignments, if/while/switch (integer and string),
// break/exit/return/drop, core functions and module commands by argument
// count, route calls with the called route's name, and Kamailio's lines (an
// if without else at the next token's line, a multi-line call at its last
// line). With cfgtrace_format 0 the absolute path is named; with cfgtrace 0
// nothing is traced.

import { runScript, sipMessage } from '../run-script.js';

const OPTIONS = sipMessage([
  'OPTIONS sip:nobody@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:32011;branch=z9hG4bK-1;rport',
  'From: <sip:a@127.0.0.1>;tag=1',
  'To: <sip:b@127.0.0.1>',
  'Call-ID: c1',
  'CSeq: 1 OPTIONS',
  'Max-Forwards: 70',
  'Content-Length: 0',
]);

const HEAD = `debug=2
loadmodule "debugger.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "textops.so"
modparam("debugger", "cfgtrace", 1)
`;

const traced = (script: string): string[] => runScript(script, OPTIONS).logs.filter((l) => l.includes('dbg_cfg_trace'));

describe('cfgtrace', () => {
  it('traces actions as Kamailio 5.6.3 does (switch, while, if, else if, core functions, multi-line calls)', () => {
    const script = `${HEAD}modparam("debugger", "cfgtrace_format", 1)
request_route {
  switch ($rm) {
    case /"^OPT":
      $var(a) = 1;
  }
  if ($var(a) == 1) { $var(b) = 2; } else if ($var(a) == 2) { $var(b) = 3; }
  if ($var(a) == 1) { $var(b) = 2; }
  else { $var(b) = 3; }
  $var(c) = 1; error("a", "b");
  forward_sctp("127.0.0.1", 32099);
  forward_tls("127.0.0.1", 32099);
  forward_udp("127.0.0.1",
     32099);
  exit;
}
`;
    const p = '*** cfgtrace:dbg_cfg_trace(): request_route=[DEFAULT_ROUTE]';
    expect(traced(script)).toEqual([
      `${p} l=12 a=22 n=case`,
      `${p} l=11 a=63 n=assign`,
      `${p} l=14 a=16 n=if`,
      `${p} l=13 a=63 n=assign`,
      `${p} l=15 a=16 n=if`,
      `${p} l=14 a=63 n=assign`,
      `${p} l=16 a=63 n=assign`,
      `${p} l=16 a=4 n=error`,
      `${p} l=17 a=54 n=forward_sctp`,
      `${p} l=18 a=53 n=forward_tls`,
      `${p} l=20 a=52 n=forward_udp`,
      `${p} l=21 a=2 n=exit`,
    ]);
  });

  it('names routes, counts module command arguments, traces calls inside conditions and break as exit', () => {
    const script = `${HEAD}modparam("debugger", "cfgtrace_format", 1)
flags FLT_A:3;
request_route {
  $var(i) = 0;
  while ($var(i) < 1) { $var(i) = $var(i) + 1; }
  switch ($var(i)) {
    case 1:
      setflag(1);
      break;
    default:
      resetflag(1);
  }
  if (isflagset(1)) { resetflag(2); } else { setflag(2); }
  if (is_method("OPTIONS") && $var(i) == 1) {
    log(1, "x\\n");
  }

  # a comment
  xlog("one"); xlog("L_INFO", "two\\n"); append_hf("X-A: 1\\r\\n"); subst_hf("X", "/a/b/", "f");
  sethost("127.0.0.1"); strip_tail(1); force_rport();
  route(R1);
  $var(r) = "R1"; route($var(r));
  drop;
}
route[R1] {
  if ($var(i) == 5) return;
  return 1;
}
`;
    const p = (route: string): string => `*** cfgtrace:dbg_cfg_trace(): request_route=[${route}]`;
    const d = p('DEFAULT_ROUTE');
    expect(traced(script)).toEqual([
      `${d} l=10 a=63 n=assign`,
      `${d} l=11 a=23 n=while`,
      `${d} l=11 a=63 n=assign`,
      `${d} l=18 a=21 n=switch`,
      `${d} l=14 a=39 n=setflag`,
      `${d} l=15 a=2 n=exit`,
      `${d} l=19 a=16 n=if`,
      `${d} l=19 a=41 n=isflagset`,
      `${d} l=19 a=40 n=resetflag`,
      `${d} l=25 a=16 n=if`,
      `${d} l=20 a=25 n=is_method`,
      `${d} l=21 a=3 n=log`,
      `${d} l=25 a=25 n=xlog`,
      `${d} l=25 a=26 n=xlog`,
      `${d} l=25 a=25 n=append_hf`,
      `${d} l=25 a=27 n=subst_hf`,
      `${d} l=26 a=7 n=sethost`,
      `${d} l=26 a=46 n=striptail`,
      `${d} l=26 a=55 n=force_rport`,
      `${d} l=27 a=5 n=route`,
      `${p('R1')} l=33 a=16 n=if`,
      `${p('R1')} l=33 a=2 n=return`,
      `${d} l=28 a=63 n=assign`,
      `${d} l=28 a=5 n=route`,
      `${p('R1')} l=33 a=16 n=if`,
      `${p('R1')} l=33 a=2 n=return`,
      `${d} l=29 a=2 n=drop`,
    ]);
  });

  it('names the file by its absolute path unless cfgtrace_format is 1; log_prefix replaces the prefix', () => {
    const [line] = traced(`${HEAD}modparam("debugger", "log_prefix", "PFX ")\nrequest_route { exit; }\n`);
    expect(line).toMatch(/^PFX dbg_cfg_trace\(\): request_route=\[DEFAULT_ROUTE\] c=\[\/[^\]]*\.cfg\] l=8 a=2 n=exit$/);
  });

  it('traces nothing with cfgtrace 0, or below the level the line would have', () => {
    expect(traced(`${HEAD.replace('"cfgtrace", 1', '"cfgtrace", 0')}request_route { $var(a) = 1; exit; }\n`)).toEqual([]);
    expect(traced(`${HEAD}modparam("debugger", "log_level", 3)\nrequest_route { $var(a) = 1; exit; }\n`)).toEqual([]);
  });
});
