// tmx's transaction pseudo-variables in each route, as Kamailio 5.6.3 gave
// them for the same flows (captured on loopback): before and after the
// transaction exists, in branch_route, onreply_route and failure_route (a
// received reply, and a timeout's local 408).

import { BOB, Proxy, reply, request, UAC } from '../tm/proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "kex.so"
modparam("tm", "fr_timer", 1000)
`;

const ALL = 'code=$T_reply_code [$T_reply_reason] last=[$T_reply_last] bi=$T_branch_idx ruid=[$T_reply_ruid] T=$T(reply_code)|$T(reply_reason)|$T(reply_type)|$T(branch_index) tb=$T_branch(flags)|$T_branch(uri)|[$T_branch(ruid)]';

function run(extraRequest = ''): Proxy {
  return new Proxy(`${HEAD}request_route {
	xlog("L_ERR", "before: ${ALL} id=$T(id_label)\\n");
	t_newtran();
	xlog("L_ERR", "after: ${ALL}\\n");
	setbflag(4);
	${extraRequest}
	t_on_reply("R"); t_on_failure("F"); t_on_branch("B");
	t_relay();
}
branch_route[B] { xlog("L_ERR", "branch: ${ALL}\\n"); }
onreply_route[R] { xlog("L_ERR", "reply: ${ALL}\\n"); }
failure_route[F] { xlog("L_ERR", "failure: ${ALL}\\n"); }`);
}

describe('$T_reply_code, $T_reply_reason, $T_reply_last, $T_branch_idx, $T(name), $T_branch(name)', () => {
  it('in request_route, branch_route, onreply_route and failure_route', () => {
    const p = run();
    p.receive(request('INVITE'), UAC);
    const forwarded = p.take().find((o) => o.to === BOB)!.text;
    expect(p.takeLogs()).toEqual([
      '<script>: before: code=0 [] last=[] bi=0 ruid=[] T=0||0|0 tb=<null>|<null>|[] id=<null>',
      // t_newtran sends no 100 Trying: t_relay does, before branch_route runs.
      '<script>: after: code=0 [] last=[] bi=0 ruid=[] T=0||0|0 tb=<null>|<null>|[]',
      '<script>: branch: code=100 [] last=[] bi=0 ruid=[] T=100||0|0 tb=<null>|<null>|[]',
    ]);
    p.receive(reply(forwarded, 180, 'Ringing'), BOB);
    expect(p.takeLogs()).toEqual([`<script>: reply: code=180 [Ringing] last=[180] bi=0 ruid=[] T=180|Ringing|0|0 tb=16|sip:bob@${BOB}|[]`]);
    p.receive(reply(forwarded, 486, 'Busy Here'), BOB);
    // In failure_route, $T_branch_idx is the index a new branch would get.
    expect(p.takeLogs()).toEqual([
      '<script>: failure: code=486 [Busy Here] last=[] bi=1 ruid=[] T=486|Busy Here|0|1 tb=16|<null>|[]',
      `<script>: reply: code=486 [Busy Here] last=[486] bi=0 ruid=[] T=486|Busy Here|0|0 tb=16|sip:bob@${BOB}|[]`,
    ]);
  });

  it('$T(reply_type) is 1 in failure_route for a local reply (a timeout)', () => {
    const p = run();
    p.receive(request('OPTIONS'), UAC);
    p.takeLogs();
    p.timers.advance(1000);
    expect(p.takeLogs()).toEqual(['<script>: failure: code=408 [Request Timeout] last=[] bi=1 ruid=[] T=408|Request Timeout|1|1 tb=16|<null>|[]']);
  });
});

describe('$T(id_index) and $T(id_label)', () => {
  it('name the transaction, the same in every route of it', () => {
    const p = new Proxy(`${HEAD}request_route { t_newtran(); xlog("L_ERR", "$T(id_index):$T(id_label)\\n"); t_on_reply("R"); t_relay(); }
onreply_route[R] { xlog("L_ERR", "$T(id_index):$T(id_label)\\n"); }`);
    p.receive(request('INVITE'), UAC);
    p.receive(reply(p.take().find((o) => o.to === BOB)!.text, 180, 'Ringing'), BOB);
    p.receive(request('INVITE', { branch: 'z9hG4bK-other', callId: 'call-2' }), UAC);
    const [first, inReply, second] = p.takeLogs();
    expect(first).toMatch(/^<script>: \d+:1$/);
    expect(inReply).toBe(first);
    expect(second).toMatch(/^<script>: \d+:2$/);
  });

  it('refuse a name tmx does not know, at start-up', () => {
    expect(() => new Proxy(`${HEAD}request_route { $var(x) = $T(reply_last); }`)).toThrow(/unknown name `reply_last`/);
    expect(() => new Proxy(`${HEAD}request_route { $var(x) = $T_branch(dst_uri); }`)).toThrow(/unknown name `dst_uri`/);
  });
});
