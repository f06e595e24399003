// tmx's commands, driven offline on tm's transactions. The expectations are
// what Kamailio 5.6.3 did with the same flows (captured on loopback):
// t_cancel_branches from onreply_route, t_reply_callid and t_cancel_callid
// from another request's run, t_flush_flags, the t_is_*_route tests.

import { compileFile } from '../../../cli/compile.js';
import { prepare } from '../../../cli/prepare.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOB, CAROL, Proxy, reply, request, UAC } from '../tm/proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "textops.so"
loadmodule "corex.so"
loadmodule "sl.so"
`;

/** An INVITE forked to BOB and CAROL, both ringing; the second 180 carries `extra`. */
function forkedAndRinging(onreply: string, extra: readonly string[]): Proxy {
  const p = new Proxy(`${HEAD}request_route { t_on_reply("R"); append_branch("sip:carol@${CAROL}"); t_relay(); }
onreply_route[R] { ${onreply} }`);
  p.receive(request('INVITE'), UAC);
  const sent = p.take();
  const toBob = sent.find((o) => o.to === BOB)!.text;
  const toCarol = sent.find((o) => o.to === CAROL)!.text;
  p.receive(reply(toBob, 180, 'Ringing'), BOB);
  p.receive(reply(toCarol, 180, 'Ringing', extra), CAROL);
  return p;
}

const CANCEL_BY_HEADER = `if ($hdr(X-Cancel) == "others") $var(r) = t_cancel_branches("others");
else if ($hdr(X-Cancel) == "this") $var(r) = t_cancel_branches("this");
else if ($hdr(X-Cancel) == "all") $var(r) = t_cancel_branches("all");
else return;
xlog("L_ERR", "r=$var(r)\\n");`;

describe('t_cancel_branches', () => {
  it('"others" cancels every pending branch but the reply\'s; the reply still goes upstream', () => {
    const p = forkedAndRinging(CANCEL_BY_HEADER, ['X-Cancel: others']);
    expect(p.takeLines()).toEqual([`${UAC} SIP/2.0 180 Ringing`, `${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 180 Ringing`]);
    expect(p.takeLogs()).toEqual(['<script>: r=1']);
  });

  it('"this" cancels the reply\'s branch, "all" every pending one', () => {
    expect(forkedAndRinging(CANCEL_BY_HEADER, ['X-Cancel: this']).takeLines()).toEqual([`${UAC} SIP/2.0 180 Ringing`, `${CAROL} CANCEL sip:carol@${CAROL} SIP/2.0`, `${UAC} SIP/2.0 180 Ringing`]);
    const lines = forkedAndRinging(CANCEL_BY_HEADER, ['X-Cancel: all']).takeLines();
    expect(lines.filter((l) => l.includes('CANCEL')).sort()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${CAROL} CANCEL sip:carol@${CAROL} SIP/2.0`]);
  });

  it('is false for a non-INVITE transaction', () => {
    const p = new Proxy(`${HEAD}request_route { t_on_reply("R"); t_relay(); }\nonreply_route[R] { $var(r) = t_cancel_branches("all"); xlog("L_ERR", "r=$var(r)\\n"); }`);
    p.receive(request('OPTIONS'), UAC);
    p.receive(reply(p.take().find((o) => o.to === BOB)!.text, 200, 'OK'), BOB);
    expect(p.takeLogs()).toEqual(['<script>: r=-1']);
  });

  it('refuses another word at start-up', () => {
    expect(() => new Proxy(`${HEAD}request_route { t_relay(); }\nonreply_route[R] { t_cancel_branches("some"); }`)).toThrow(/expected all, others or this/);
  });
});

/** A ringing INVITE (Call-ID inv-1, CSeq 7) and the proxy, for commands run from another request. */
function ringingInvite(script: string): { p: Proxy; forwarded: string } {
  const p = new Proxy(`${HEAD}${script}`);
  p.receive(request('INVITE', { callId: 'inv-1', cseq: 7, branch: 'z9hG4bK-inv' }), UAC);
  const forwarded = p.take().find((o) => o.to === BOB)!.text;
  p.receive(reply(forwarded, 180, 'Ringing'), BOB);
  p.take();
  return { p, forwarded };
}

const BY_MESSAGE = `request_route {
	if (is_method("MESSAGE")) {
		if ($hdr(X-Cancel) != $null) $var(r) = t_cancel_callid("$hdr(X-CI)", "$hdr(X-CS)", "6");
		else $var(r) = t_reply_callid("$hdr(X-CI)", "$hdr(X-CS)", "404", "Gone Away");
		xlog("L_ERR", "r=$var(r)\\n");
		sl_send_reply("200", "ok");
		exit;
	}
	if (is_method("CANCEL")) { t_relay(); exit; }
	t_on_failure("F");
	t_relay();
}
failure_route[F] { xlog("L_ERR", "failure mf=$mf\\n"); }`;

function message(n: number, callId: string, cseq: string, extra: readonly string[] = []): string {
  return request('MESSAGE', { callId: `m${n}`, branch: `z9hG4bK-m${n}`, extra: [`X-CI: ${callId}`, `X-CS: ${cseq}`, ...extra] });
}

describe('t_reply_callid', () => {
  it('replies to the INVITE with that Call-ID and CSeq, cancelling its branches; a second time is false', () => {
    const { p, forwarded } = ringingInvite(BY_MESSAGE);
    p.receive(message(1, 'inv-1', '7'), UAC);
    expect(p.takeLines()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 404 Gone Away`, `${UAC} SIP/2.0 200 ok`]);
    p.receive(reply(forwarded, 487, 'Request Terminated'), BOB);
    expect(p.takeLines()).toEqual([`${BOB} ACK sip:bob@${BOB} SIP/2.0`]);
    p.receive(message(2, 'inv-1', '7'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: r=1', '<script>: r=-1']);
  });

  it('finds nothing for another CSeq or Call-ID, nor for an INVITE a CANCEL matched', () => {
    const { p } = ringingInvite(BY_MESSAGE);
    p.receive(message(1, 'inv-1', '8'), UAC);
    p.receive(message(2, 'other', '7'), UAC);
    p.receive(request('CANCEL', { callId: 'inv-1', cseq: 7, branch: 'z9hG4bK-inv' }), UAC);
    p.receive(message(3, 'inv-1', '7'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: r=-1', '<script>: r=-1', '<script>: r=-1']);
  });
});

describe('t_cancel_callid', () => {
  it('cancels the INVITE\'s branches and sets the flag on the transaction', () => {
    const { p, forwarded } = ringingInvite(BY_MESSAGE);
    p.receive(message(1, 'inv-1', '7', ['X-Cancel: 1']), UAC);
    expect(p.takeLines()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 200 ok`]);
    p.receive(reply(forwarded, 487, 'Request Terminated'), BOB);
    expect(p.takeLines()).toEqual([`${BOB} ACK sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 487 Request Terminated`]);
    expect(p.takeLogs()).toEqual(['<script>: r=1', '<script>: failure mf=64']);
  });
});

describe('t_flush_flags', () => {
  it('copies the message flags set after t_relay into the transaction', () => {
    const script = (flush: string): string => `request_route { t_on_reply("R"); t_relay(); setflag(5); ${flush} }\nonreply_route[R] { xlog("L_ERR", "mf=$mf\\n"); }`;
    for (const [flush, flags] of [['', 0], ['t_flush_flags();', 32]] as const) {
      const p = new Proxy(`${HEAD}${script(flush)}`);
      p.receive(request('INVITE'), UAC);
      p.receive(reply(p.take().find((o) => o.to === BOB)!.text, 180, 'Ringing'), BOB);
      expect(p.takeLogs()).toEqual([`<script>: mf=${flags}`]);
    }
  });

  it('is false without a transaction', () => {
    const p = new Proxy(`${HEAD}request_route { $var(r) = t_flush_flags(); xlog("L_ERR", "r=$var(r)\\n"); }`);
    p.receive(request('OPTIONS'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: r=-1']);
  });
});

describe('t_is_request_route, t_is_reply_route, t_is_failure_route, t_is_branch_route', () => {
  it('say which kind of route runs at the top, in a route[] called from it too', () => {
    const p = new Proxy(`${HEAD}route[IS] {
	$var(is) = "";
	if (t_is_request_route()) $var(is) = $var(is) + "request ";
	if (t_is_reply_route()) $var(is) = $var(is) + "reply ";
	if (t_is_failure_route()) $var(is) = $var(is) + "failure ";
	if (t_is_branch_route()) $var(is) = $var(is) + "branch ";
	xlog("L_ERR", "$var(is)\\n");
}
request_route { route(IS); t_on_reply("R"); t_on_failure("F"); t_on_branch("B"); t_relay(); }
branch_route[B] { route(IS); }
reply_route { route(IS); }
onreply_route[R] { route(IS); }
failure_route[F] { route(IS); }`);
    p.receive(request('INVITE'), UAC);
    p.receive(reply(p.take().find((o) => o.to === BOB)!.text, 486, 'Busy Here'), BOB);
    // failure_route's line is written before those of the reply's own run (reply_route, onreply_route).
    expect(p.takeLogs()).toEqual(['<script>: request ', '<script>: branch ', '<script>: failure ', '<script>: reply ', '<script>: reply ']);
  });
});

describe('t_precheck_trans', () => {
  it('is false: no other process is handling the request', () => {
    const p = new Proxy(`${HEAD}request_route { if (t_precheck_trans()) xlog("L_ERR", "busy\\n"); else xlog("L_ERR", "free\\n"); t_relay(); }`);
    p.receive(request('INVITE'), UAC);
    p.receive(request('INVITE'), UAC);
    expect(p.takeLogs()).toEqual(['<script>: free', '<script>: free']);
  });
});

describe('loading tmx', () => {
  it('needs tm', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'siprc-tmx-')), 'no-tm.cfg');
    writeFileSync(path, 'loadmodule "tmx.so"\nrequest_route { if (t_is_request_route()) exit; }\n');
    const prepared = prepare(compileFile(path, []), 'test', false);
    expect('error' in prepared && prepared.error).toMatch(/load module tm/);
  });
});
