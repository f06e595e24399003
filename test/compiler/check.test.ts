import { codesOf, diagnosticsOf } from '../helpers.js';

const MODULES = 'loadmodule "tm.so"\nloadmodule "sl.so"\nloadmodule "textops.so"\nloadmodule "pv.so"\n';

/** Diagnostics for a request_route body, with the module header (lines 1-4, route on line 5). */
function inRoute(body: string): string[] {
  return codesOf(`${MODULES}request_route {\n${body}\n}\n`);
}

describe('core parameters', () => {
  it.each([
    ['children=4', []],
    ['debug=-3', []],
    ['log_level=2', []],
    ['children=-1', ['E0402@1:1']],
    ['log_prefix=5', ['E0402@1:1']],
    ['user=siprc', []],
    ['tcp_poll_method=epoll', []],
    ['log_facility=LOG_LOCAL7', []],
    ['tos=IPTOS_LOWDELAY', []],
    ['tos=IPTOS_NOPE', ['E0402@1:1']],
    ['tls_method=TLSv1', []],
    ['udp_mtu_try_proto=TCP', []],
    ['udp_mtu_try_proto=WS', ['E0402@1:1']],
    ['tcp_source_ipv4=10.0.0.1', []],
    ['tcp_source_ipv6=10.0.0.1', ['E0402@1:1']],
    ['advertised_address="203.0.113.1"', []],
    ['listen=udp:127.0.0.1:5060', []],
    ['listen=tcp:[::1]:5061', []],
    ['listen=udp:eth0:5060 advertise 203.0.113.1:5060 name "public"', []],
    ['listen=udp:127.0.0.1:5060 advertise 203.0.113.1', []],
    ['listen=udp:127.0.0.1:5060 advertise [2001:db8::1]:5060', []],
    ['listen=udp:127.0.0.1:5060 advertise 2001:db8::1:5072', []],
    ['listen=udp:127.0.0.1:5060 advertise 203.0.113.1:70000', ['E0402@1:37']],
    ['listen=udp:127.0.0.1:5060 advertise 1:2:3', ['E0402@1:37']],
    ['#!define HOST sip.example.test\nalias=HOST\nlisten=udp:127.0.0.1:5060 advertise HOST:5064', []],
    ['#!define HOST sip.example.test\nlisten=udp:HOST:5060', []],
    ['#!substdef "/HOST/sip.example.test/"\nalias=HOST\nlisten=udp:HOST:5060\nlisten=udp:127.0.0.1:5070 advertise HOST:5064', []],
    ['listen=127.0.0.1:*', []],
    ['listen=tcp:(eth0, eth1):5060', []],
    ['listen=udp:10.0.0.0/8:5060', ['E0402@1:8']],
    ['alias="a.test" b.test:5060 udp:c.test', []],
    ['pstn.gw_ip = "" desc "gateway"', []],
    ['shm_mem_sz=64', ['E0401@1:1']],
  ])('%s', (line, expected) => {
    expect(codesOf(`${line}\nrequest_route { drop; }\n`)).toEqual(expected);
  });

  it('suggests the parameter that was meant', () => {
    expect(diagnosticsOf('childen=4\n')[0]!.message).toBe('unknown core parameter `childen` (did you mean `children`?)');
  });

  it('reports a global value that swallowed the next line', () => {
    expect(codesOf('children=4 8\n')).toEqual(['E0402@1:1']);
  });

  it('checks the pseudo-variables in log_prefix once modules are loaded', () => {
    expect(codesOf(`log_prefix="{$mt $nope} "\n${MODULES}`)).toEqual(['E0702@1:19']);
  });
});

describe('modules and modparam', () => {
  it('accepts a module siprc provides, and its parameters with the right types', () => {
    expect(codesOf('loadmodule "tm.so"\nmodparam("tm", "fr_timer", 30000)\nmodparam("tm", "auto_inv_100_reason", "Trying")\n')).toEqual([]);
  });

  it('matches modparam module names as a case-insensitive, anchored regex', () => {
    expect(codesOf('loadmodule "tm"\nloadmodule "sl"\nmodparam("TM|s.", "default_code", 500)\n')).toEqual(['E0504@3:19']);
    expect(codesOf('loadmodule "sl"\nmodparam("s", "default_code", 500)\n')).toEqual(['E0503@2:10']);
  });

  it('names textops for a {re.*} transformation when it is not loaded, as Kamailio only knows `re` from textops', () => {
    const [only, ...rest] = diagnosticsOf('loadmodule "pv.so"\nrequest_route { $var(a) = $(ru{re.subst,/a/b/}); }\n');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ code: 'E0705', at: '2:31' });
    expect(only!.message).toContain('`textops`');
  });

  it('reads modparamx, whose strings may hold pseudo-variables (test/compiler/resolve/modparam-values.test.ts has more)', () => {
    expect(codesOf('#!define TM tm\nloadmodule "tm.so"\nmodparamx("$def(TM)", "fr_timer", 30000)\nmodparamx("tm", "fr_timer", "$nope(x)")\n')).toEqual(['E0702@4:31']);
  });

  it('says a module is unknown to both siprc and the Kamailio 5.6 it knows, with the closest name', () => {
    expect(diagnosticsOf('loadmodule "http_async_client.so"\nloadmodule "textopz.so"\n')).toEqual([
      { code: 'E0501', at: '1:12', message: "unknown module `http_async_client`: siprc neither provides it nor knows it from Kamailio 5.6's Debian packages" },
      { code: 'E0501', at: '2:12', message: "unknown module `textopz`: siprc neither provides it nor knows it from Kamailio 5.6's Debian packages (did you mean `textops`?)" },
    ]);
  });

  it('warns about a module loaded twice', () => {
    expect(codesOf('loadmodule "tm.so"\nloadmodule "/usr/lib/siprc/tm.so"\n')).toEqual(['W0204@2:12']);
  });

  it('says a known but unavailable module is not available, once, and stays quiet about its commands', () => {
    const found = diagnosticsOf('loadmodule "dialog.so"\nmodparam("dialog", "dlg_flag", 4)\nrequest_route { dlg_manage(); }\n');
    expect(found.map((f) => `${f.code}@${f.at}`)).toEqual(['E0502@1:12']);
    expect(found[0]!.message).toBe('module `dialog` is not available in siprc yet');
  });

  it('refuses JavaScript module files that were not loaded before the check, with a clear message', () => {
    expect(diagnosticsOf('loadmodule "/opt/mods/mine.js"\n')[0]!.message).toBe(
      'cannot load `/opt/mods/mine.js`: a module from a file or npm package must be loaded before the check (compileFileWithModules in cli/compile.ts)',
    );
  });

  it('explains an undefined modparam value defined only in a false #!ifdef', () => {
    const checked = diagnosticsOf('#!ifdef WITH_MYSQL\n#!define DBURL "mysql://"\n#!endif\nloadmodule "tm"\nmodparam("tm", "x", DBURL)\n');
    expect(checked.map((d) => `${d.code}@${d.at}`)).toEqual(['E0303@5:21']);
  });
});

describe('calls', () => {
  it('resolves core functions, module commands and route() calls', () => {
    expect(codesOf(`${MODULES}request_route {\n force_rport;\n sl_send_reply("404", "Not here $rU");\n route(R);\n}\nroute[R] { t_relay(); }\n`)).toEqual([]);
  });

  it('checks the arity of module commands, listing the arities they have', () => {
    const found = diagnosticsOf(`${MODULES}request_route {\n t_relay("10.0.0.1");\n}\n`);
    expect(found.map((d) => d.message)).toEqual(['`t_relay` takes 0 or 2 arguments, 1 given']);
  });

  it('checks module argument kinds: int constants, regexes, pseudo-variables', () => {
    expect(inRoute(' sl_send_reply("abc", "x");\n t_check_status("4[0-9");\n pv_isset("x");\n pv_isset("$var(x)");')).toEqual([
      'E0607@6:16',
      'E0801@7:17',
      'E0607@8:11',
    ]);
  });

  it('checks the pseudo-variables inside spve string arguments', () => {
    expect(inRoute(' sl_send_reply("404", "no $foo here");')).toEqual(['E0702@6:28']);
  });

  it('checks route-name arguments against the route kind they name', () => {
    expect(codesOf(`${MODULES}request_route {\n t_on_failure("B");\n t_on_branch("B");\n t_relay();\n}\nbranch_route[B] {}\n`)).toEqual(['E0604@6:15']);
  });

  it.each([
    ['setflag(3);', []],
    ['flags F; request_route { setflag(F); }', []],
    ['setflag(32);', ['E0608']],
    ['setflag("NOPE");', ['E0608']],
    ['strip("2");', ['E0607']],
    ['forward("10.0.0.1", 5060);', []],
    ['forward(10.0.0.1);', []],
    ['forward(sip.example.test, 5060);', []],
    ['forward(uri:host, uri:port);', []],
    ['forward(10.0.0.0/8);', ['E0607']],
    ['force_send_socket(udp:127.0.0.1:5060);', []],
    ['force_send_socket(127.0.0.1);', []],
    ['force_send_socket(udp:127.0.0.1:70000);', ['E0607']],
    ['set_advertised_address(203.0.113.1);', []],
    ['udp_mtu_try_proto(TCP);', []],
    ['log(1, "x");', []],
    ['log("x", 1);', ['E0607', 'E0607']],
    ['remove_branch();', []],
    ['remove_branch(-1);', []],
    ['revert_uri;', []],
    ['sethost;', ['E0301']],
  ])('core call %s', (statement, expected) => {
    const text = statement.startsWith('flags') ? statement : `request_route { ${statement} }`;
    expect(codesOf(text).map((c) => c.split('@')[0])).toEqual(expected);
  });

  it('names the module that provides a command that is not loaded', () => {
    expect(diagnosticsOf('request_route { sl_send_reply("404", "x"); }')[0]!.message).toBe(
      '`sl_send_reply` comes from module `sl`, which is not loaded (add loadmodule "sl.so")',
    );
  });

  it('suggests the command that was meant', () => {
    expect(diagnosticsOf(`${MODULES}request_route { t_rely(); }`)[0]!.message).toBe('unknown command `t_rely` (did you mean `t_relay`?)');
  });

  it('counts string arguments of unavailable commands as route references', () => {
    expect(codesOf('loadmodule "uac.so"\nrequest_route { uac_req_send(); t_on_failure_x("F"); }\nfailure_route[F] {}\n').filter((c) => c.startsWith('W'))).toEqual([
      'W0202@3:15',
    ]);
    expect(codesOf('loadmodule "tmx.so"\nrequest_route { t_cancel_branches("F"); }\nfailure_route[F] {}\n')).toEqual(['E0502@1:12']);
  });
});

describe('route types', () => {
  it('follows route() calls to the route types a named route runs in', () => {
    const found = diagnosticsOf(`${MODULES}request_route { t_on_branch("B"); t_relay(); }\nbranch_route[B] { route(R); }\nroute[R] { t_newtran(); }\n`);
    expect(found.map((d) => `${d.code}@${d.at}`)).toEqual(['W0206@7:12']);
    expect(found[0]!.message).toBe(
      '`t_newtran` is reached from branch_route (route[R] is called from branch_route[B]), where it is not meant to run (it is allowed in request_route); Kamailio accepts this and runs it',
    );
  });

  it('allows only some core functions in onsend_route', () => {
    expect(codesOf('onsend_route { if (snd_ip == 10.0.0.1) drop; setflag(1); log(1, "x"); set_forward_close(); forward(); }')).toEqual([
      'E0603@1:92',
    ]);
  });

  it('checks a route nothing calls as a request route, as Kamailio does', () => {
    expect(codesOf(`${MODULES}route[ORPHAN] { t_newtran(); }\n`)).toEqual(['W0202@5:7']);
  });
});

describe('expressions', () => {
  it.each([
    ['if (method == "INVITE" || method == ACK) drop;', []],
    ['if (uri == myself || from_uri != myself) drop;', []],
    ['if (src_ip == 10.0.0.0/8 && dst_ip != myself && src_ip == sip.example.test) drop;', []],
    ['if (proto == udp || af == inet6 || msg:len > 1500) drop;', []],
    ['if (myself == uri) drop;', []],
    ['if (src_port =~ "50") drop;', ['E0610']],
    ['if (proto == "x" + 1) drop;', []],
    ['if (src_port == "5060") drop;', ['E0802']],
    ['if (uri =~ "sip:(") drop;', ['E0801']],
    ['if ($rU =~ "^[0-9]+$") drop;', []],
    ['$var(x) = "a" + 1;', []],
    ['$var(x) = 1 + "a";', ['E0802']],
    ['$var(x) = strlen(5);', ['E0802']],
    ['$var(x) = -"a";', ['E0802']],
    ['if ($var(x) && "yes") drop;', ['E0802']],
    ['if ($x == $null) drop;', ['E0702']],
    ['if (1) drop;', ['W0203']],
    ['while ("a" == "a") { break; }', ['W0203']],
    ['$ru = "sip:a@b";', []],
    ['$rm = "INVITE";', ['E0703']],
    ['$(ru{s.len}) = 1;', ['E0703']],
    ['$(ru{uri.user}) = "x";', ['E0703']],
    ['$var(a) = $(ru{uri.user}{s.len});', []],
    ['$var(a) = $(hdr(Via)[1]);', []],
    ['$var(a) = $(hdr(Via)[$var(i)]);', []],
    ['$var(a) = $(ru{s.nope});', ['E0705']],
    ['$var(a) = $(ru{json.parse});', ['E0705']],
    ['$var(a) = $(ru{zz.top});', ['E0702']],
    ['$hdr = 1;', ['E0701', 'E0703']],
    ['$var(a) = $ru(x);', ['E0701']],
    ['$var(a) = $T_reply_code;', []],
    ['if (!uri == myself && !method == "ACK" && !src_ip == 10.0.0.1) drop;', []],
    ['if (!status == "200" || !src_port == 5060 || !proto == UDP || !af == INET) drop;', []],
    ['if (!from_uri =~ "^sip:a" || !msg:len > 100) drop;', []],
    ['if (!nope == 1) drop;', ['E0303']],
    ['if ($rU ieq "abc") drop;', ['E0802']],
    ['if ($var(n) ine 3) drop;', []],
    ['$var(n) = $cnt($avp(x));', []],
    ['$var(n) = $cnt;', ['E0701']],
    ['$var(a) = $def(X) + $env(HOME) + $null;', []],
    ['$var(a) = $(ru{re.subst,/a/b/});', []],
    ['if ($var(a) = 5) drop;', ['W0207']],
    ['if ("b" > "a") drop;', ['E0802', 'W0203']],
    ['if ($var(x) <= "9") drop;', ['E0802']],
    ['if ($var(x) >= 9) drop;', []],
    ['$var(b) = ($var(c) = 2) + 1;', []],
    ['if ($rm = "INVITE") drop;', ['W0207', 'E0703']],
    ['if ((1 + 2) = 3) drop;', ['W0207', 'E0301']],
  ])('%s', (statement, expected) => {
    expect(inRoute(statement).map((c) => c.split('@')[0])).toEqual(expected);
  });

  it('reports a string compared with ieq or ine where Kamailio reports its type mismatch', () => {
    expect(codesOf('loadmodule "pv.so"\nrequest_route { if ($rU ieq "abc") { drop; } }\n')).toEqual(['E0802@2:29']);
    expect(codesOf('loadmodule "pv.so"\nrequest_route { if ("abc" ine $rU) { drop; } }\n')).toEqual(['E0802@2:21']);
  });

  it('downgrades unknown pseudo-variables to warnings when a loaded module is only known by name', () => {
    expect(codesOf('loadmodule "dialog.so"\nrequest_route { $var(x) = $nothere; }').map((c) => c.split('@')[0])).toEqual(['E0502', 'E0702', 'W0205']);
  });
});

describe('statements', () => {
  it('warns once about statements after exit, return or drop', () => {
    expect(inRoute(' exit;\n drop;\n forward();')).toEqual(['W0201@7:2']);
  });

  it('checks switch labels', () => {
    expect(inRoute(' switch ($rU) { case $var(x): break; case /"(": break; case /1: break; }')).toEqual([
      'E0609@6:22',
      'E0801@6:44',
      'E0609@6:62',
    ]);
  });

  it('reports a named route defined twice', () => {
    expect(codesOf('request_route { route(a); }\nroute[a] { drop; }\nroute[a] { drop; }\n')).toEqual(['E0605@3:1']);
  });

  it('checks force_send_socket against the listen= sockets, as Kamailio does at start-up', () => {
    const script = (socket: string) => `listen=udp:127.0.0.1:5060\nlisten=udp:[::1]:5062\nrequest_route { force_send_socket(${socket}); }\n`;
    expect(codesOf(script('udp:127.0.0.1:5060'))).toEqual([]);
    expect(codesOf(script('udp:[::1]:5062'))).toEqual([]);
    expect(codesOf(script('127.0.0.1'))).toEqual([]);
    expect(codesOf(script('udp:127.0.0.1:5093'))).toEqual(['E0607@3:35']);
    expect(codesOf('listen=udp:eth0:5060\nrequest_route { force_send_socket(udp:10.0.0.1:5060); }\n')).toEqual([]);
  });

  it('rejects route names that start with a digit, where they are defined and called', () => {
    expect(codesOf('request_route { route(1abc); }\nroute[1abc] { drop; }\n')).toEqual(['E0301@1:23', 'E0301@2:7']);
  });

  it('does not report a route as unused when route() is given a run-time name', () => {
    expect(codesOf('loadmodule "pv.so"\nrequest_route { route($var(next)); }\nroute[A] { exit; }\n')).toEqual([]);
  });
});
