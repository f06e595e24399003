// $T_req(pv), $T_rpl(pv) and $T_inv(pv): pseudo-variables read on another
// message of the transaction, in the routes where Kamailio 5.6.3 gives them
// (null elsewhere): the request in onreply_route, the winning reply as
// received in failure_route, the INVITE a CANCEL cancels in request_route.

import { BOB, Proxy, reply, request, UAC } from '../tm/proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "textops.so"
modparam("tm", "fr_timer", 1000)
`;

const SCRIPT = `${HEAD}request_route {
	if (is_method("CANCEL")) { xlog("L_ERR", "cancel: inv=$T_inv($rm) $T_inv($ci) $T_inv($mf)\\n"); t_relay(); exit; }
	t_newtran();
	setflag(3);
	xlog("L_ERR", "request: req=$T_req($ru) rpl=$T_rpl($rs) inv=$T_inv($rm)\\n");
	t_on_reply("R"); t_on_failure("F");
	t_relay();
}
onreply_route[R] { xlog("L_ERR", "reply: req=$T_req($ru) $T_req($mf) $T_req($hdr(From)) rpl=$T_rpl($rs)\\n"); }
failure_route[F] { xlog("L_ERR", "failure: rpl=$T_rpl($rs) $T_rpl($hdr(X-Foo)) req=$T_req($ru)\\n"); }`;

describe('$T_req, $T_rpl, $T_inv', () => {
  it('read the request in onreply_route and the reply in failure_route, null elsewhere', () => {
    const p = new Proxy(SCRIPT);
    p.receive(request('INVITE'), UAC);
    const forwarded = p.take().find((o) => o.to === BOB)!.text;
    p.receive(reply(forwarded, 486, 'Busy Here', ['X-Foo: bar']), BOB);
    expect(p.takeLogs()).toEqual([
      '<script>: request: req=<null> rpl=<null> inv=<null>',
      '<script>: failure: rpl=486 bar req=<null>',
      `<script>: reply: req=sip:bob@${BOB} 8 <sip:alice@example.com>;tag=a1 rpl=<null>`,
    ]);
  });

  it('$T_rpl is null for a local reply', () => {
    const p = new Proxy(SCRIPT);
    p.receive(request('OPTIONS'), UAC);
    p.takeLogs();
    p.timers.advance(1000);
    expect(p.takeLogs()).toEqual(['<script>: failure: rpl=<null> <null> req=<null>']);
  });

  it('$T_inv reads the INVITE a CANCEL cancels', () => {
    const p = new Proxy(SCRIPT);
    p.receive(request('INVITE'), UAC);
    p.receive(reply(p.take().find((o) => o.to === BOB)!.text, 180, 'Ringing'), BOB);
    p.takeLogs();
    p.receive(request('CANCEL'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: cancel: inv=INVITE call-1 8']);
  });

  it('need a pseudo-variable', () => {
    expect(() => new Proxy(`${HEAD}request_route { $var(x) = $T_req(ru); }`)).toThrow(/needs a pseudo-variable/);
  });
});
