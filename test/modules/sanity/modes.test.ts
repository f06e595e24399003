// sanity's modes and limits, run by `siprc exec`: autodrop (a failure stops
// the script), noreply with sanity_reply (the stored reply, or 500 when the
// last check passed; the Unsupported line stays for later replies),
// default_checks / uri_checks, ACKs, replies in reply_route, requests whose
// headers Kamailio's parser cannot all read, and the header names it
// refuses. The logs and replies were recorded from Kamailio 5.6.3 on
// 127.0.0.1:27460 running the same scripts on the same messages from
// 127.0.0.1:27470. Then what the checker and the start-up say.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { runScript, sipMessage } from '../run-script.js';
import { caseRequest, summary } from './requests.js';

const BASE = `debug=2
listen=udp:127.0.0.1:27460
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
`;

const INVITE = 'INVITE sip:a@127.0.0.1 SIP/2.0';

function outcome(script: string, message: string): { logs: string[]; replies: string[] } {
  const run = runScript(script, message, { source: '127.0.0.1:27470' });
  expect(run.stderr).toBe('');
  return { logs: run.logs, replies: run.sent.map((s) => summary(s.text)) };
}

describe('noreply and sanity_reply', () => {
  const script = `${BASE}modparam("sanity", "noreply", 1)
modparam("sanity", "autodrop", 0)
modparam("sanity", "proxy_require", "foo")
modparam("sanity", "default_checks", 576)
modparam("sanity", "uri_checks", 2)
request_route {
  if ($ci == "c1") { sanity_reply(); xlog("L_ERR", "reply-before rc=$rc\\n"); }
  sanity_check(); xlog("L_ERR", "default rc=$rc\\n");
  sanity_reply(); xlog("L_ERR", "reply rc=$rc\\n");
  sanity_reply(); xlog("L_ERR", "reply2 rc=$rc\\n");
  sanity_check("64"); xlog("L_ERR", "64 rc=$rc\\n");
  sanity_reply(); xlog("L_ERR", "reply3 rc=$rc\\n");
  sanity_check("1024"); xlog("L_ERR", "1024 rc=$rc\\n");
  sl_send_reply("404", "After");
}
`;

  it('sends 500 when no check failed, with default_checks 576 (64 and 512) and uri_checks 2 (From)', () => {
    expect(outcome(script, caseRequest('c1', INVITE, ['CSeq: 1 invite']))).toEqual({
      logs: ['reply-before rc=1', 'default rc=1', 'reply rc=1', 'reply2 rc=1', '64 rc=1', 'reply3 rc=1', '1024 rc=1'],
      replies: ['SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 404 After'],
    });
  });

  it('sends the failed check reply, again and again, until a check passes; Unsupported stays in every later reply', () => {
    expect(outcome(script, caseRequest('p1', INVITE, ['Proxy-Require: foo, bar, baz']))).toEqual({
      logs: ['default rc=-1', 'reply rc=1', 'reply2 rc=1', '64 rc=1', 'reply3 rc=1', '1024 rc=1'],
      replies: [
        'SIP/2.0 420 Bad Proxy Require Extension / Unsupported: bar',
        'SIP/2.0 420 Bad Proxy Require Extension / Unsupported: bar',
        'SIP/2.0 500 Server Sanity Failure / Unsupported: bar',
        'SIP/2.0 404 After / Unsupported: bar',
      ],
    });
    expect(outcome(script, caseRequest('c6', INVITE, ['CSeq: 00000000000001 INVITE']))).toEqual({
      logs: ['default rc=-1', 'reply rc=1', 'reply2 rc=1', '64 rc=-1', 'reply3 rc=1', '1024 rc=1'],
      replies: ['SIP/2.0 400 CSeq number is illegal', 'SIP/2.0 400 CSeq number is illegal', 'SIP/2.0 400 CSeq number is illegal', 'SIP/2.0 404 After'],
    });
    expect(outcome(script, caseRequest('u2', INVITE, ['From: <sip:a@h:99999>;tag=1']))).toEqual({
      logs: ['default rc=1', 'reply rc=1', 'reply2 rc=1', '64 rc=1', 'reply3 rc=1', '1024 rc=-1'],
      replies: ['SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 500 Server Sanity Failure', 'SIP/2.0 404 After'],
    });
  });

  it('sends nothing to an ACK, and says it did (1), while sl_send_reply says -1', () => {
    expect(outcome(script, caseRequest('cm4', 'ACK sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 INVITE']))).toEqual({
      logs: ['default rc=1', 'reply rc=1', 'reply2 rc=1', '64 rc=1', 'reply3 rc=1', '1024 rc=1'],
      replies: [],
    });
    const ack = `${BASE}modparam("sanity", "autodrop", 0)\nmodparam("sanity", "noreply", 1)
request_route {
  sl_send_reply("404", "x"); xlog("L_ERR", "sl rc=$rc\\n");
  sanity_reply(); xlog("L_ERR", "sanity_reply rc=$rc\\n");
}
`;
    expect(outcome(ack, caseRequest('cm4', 'ACK sip:a@127.0.0.1 SIP/2.0', ['CSeq: 1 INVITE']))).toEqual({ logs: ['sl rc=-1', 'sanity_reply rc=1'], replies: [] });
  });
});

describe('autodrop', () => {
  const script = `${BASE}modparam("sanity", "noreply", 1)
request_route {
  xlog("L_ERR", "start\\n");
  sanity_check("64");
  xlog("L_ERR", "after 64 rc=$rc\\n");
  sanity_check("32");
  xlog("L_ERR", "after 32 rc=$rc\\n");
}
`;

  it.each([
    ['c1', ['CSeq: 1 invite'], ['start', 'after 64 rc=1']],
    ['c6', ['CSeq: 00000000000001 INVITE'], ['start']],
    ['p2', ['Proxy-Require: foo'], ['start', 'after 64 rc=1', 'after 32 rc=1']],
  ])('%s: a failed check stops the script (by default)', (name, headers, logs) => {
    expect(outcome(script, caseRequest(name, INVITE, headers))).toEqual({ logs, replies: [] });
  });
});

describe('sanity_check on replies, in reply_route', () => {
  const script = `${BASE}modparam("sanity", "autodrop", 0)
request_route { drop; }
reply_route {
${['32767", "15', '1', '2', '4', '32', '64', '128', '256', '512', '1024", "1', '1024", "14', '2048', '4096', '8192', '16384']
  .map((mask) => `  sanity_check("${mask}"); xlog("L_ERR", "${mask.replace('", "', '/')} rc=$rc\\n");`)
  .join('\n')}
  sanity_check(); xlog("L_ERR", "default rc=$rc\\n");
  sanity_reply(); xlog("L_ERR", "sanity_reply rc=$rc\\n");
  drop;
}
`;

  /** A 200 OK to a request this server (127.0.0.1:27460) passed on for 127.0.0.1:27470. */
  const reply = (name: string, lines: readonly string[], body = ''): string =>
    sipMessage(['SIP/2.0 200 OK', `Via: SIP/2.0/UDP 127.0.0.1:27460;branch=z9hG4bK-k${name}`, `Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport=27470`, 'From: <sip:alice@127.0.0.1>;tag=f1', ...lines], body);

  it('fails the Request-Line checks (1, 2, 32, the Request-URI of 1024) and runs the others, never replying', () => {
    const plain = ['To: <sip:bob@127.0.0.1>;tag=t1', 'Call-ID: y1', 'CSeq: 1 INVITE', 'Content-Length: 0'];
    expect(outcome(script, reply('y1', plain))).toEqual({
      logs: ['32767/15 rc=-1', '1 rc=-1', '2 rc=-1', '4 rc=1', '32 rc=-1', '64 rc=1', '128 rc=1', '256 rc=1', '512 rc=1', '1024/1 rc=-1', '1024/14 rc=1', '2048 rc=1', '4096 rc=1', '8192 rc=1', '16384 rc=1', 'default rc=-1', 'sanity_reply rc=1'],
      replies: [],
    });
    const headers = ['To: <sip:bob@127.0.0.1>;tag=t1', 'Call-ID: y2', 'CSeq: 1 INVITE', 'Expires: abc', 'Proxy-Require: zzz', 'Contact: <sip:a@h:99999>', 'Authorization: Digest username="bob"', 'Content-Length: 0'];
    expect(outcome(script, reply('y2', headers)).logs).toEqual(['32767/15 rc=-1', '1 rc=-1', '2 rc=-1', '4 rc=1', '32 rc=-1', '64 rc=1', '128 rc=1', '256 rc=-1', '512 rc=-1', '1024/1 rc=-1', '1024/14 rc=-1', '2048 rc=-1', '4096 rc=1', '8192 rc=-1', '16384 rc=1', 'default rc=-1', 'sanity_reply rc=1']);
    const broken = ['Call-ID: y3', 'To: <sip:b@127.0.0.1>;tag=1;tag=2', 'CSeq: 99999999999 INVITE', 'Content-Length: 2'];
    expect(outcome(script, reply('y3', broken, 'abcdef')).logs).toEqual(['32767/15 rc=-1', '1 rc=-1', '2 rc=-1', '4 rc=1', '32 rc=-1', '64 rc=-1', '128 rc=-1', '256 rc=1', '512 rc=1', '1024/1 rc=-1', '1024/14 rc=1', '2048 rc=1', '4096 rc=-1', '8192 rc=1', '16384 rc=1', 'default rc=-1', 'sanity_reply rc=1']);
  });
});

describe('requests whose headers Kamailio cannot all read', () => {
  const checks = ['1', '2', '4', '32', '64', '128', '256', '512', '1024", "1', '1024", "2', '1024", "4', '1024", "8', '2048', '4096', '8192', '16384'];
  const script = `${BASE}modparam("sanity", "autodrop", 0)
request_route {
${checks.map((mask) => `  sanity_check("${mask}"); xlog("L_ERR", "${mask.replace('", "', '/')} rc=$rc\\n");`).join('\n')}
}
`;
  /** A request with two Max-Forwards (Kamailio's parser stops at the second), and headers before or after them. */
  const twoMaxForwards = (name: string, before: readonly string[], after: readonly string[]): string =>
    sipMessage([
      INVITE,
      `Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport`,
      `Call-ID: ${name}`,
      'From: <sip:alice@127.0.0.1>;tag=f1',
      'To: <sip:bob@127.0.0.1>',
      'CSeq: 1 INVITE',
      ...before,
      'Max-Forwards: 70',
      'Max-Forwards: 69',
      ...after,
      'Content-Length: 0',
    ]);
  const others = ['Expires: 5', 'Proxy-Require: foo', 'Contact: <sip:c@h>', 'Authorization: Digest username="bob", realm="r", nonce="n", uri="sip:a@b", response="r"'];
  /** Kamailio's codes for the checks in order; Expires (256) passes only when it comes before the parser stops. */
  const codes = (expires: number): string[] => checks.map((mask, i) => `${mask.replace('", "', '/')} rc=${[1, 1, -1, 1, 1, -1, expires, -1, 1, 1, 1, -1, -1, 1, -1, 1][i]}`);

  it('fails (silently) the checks that need a header after the stop, or every header', () => {
    expect(outcome(script, twoMaxForwards('eoh1', [], []))).toEqual({ logs: codes(-1), replies: [] });
    expect(outcome(script, twoMaxForwards('eoh2', others, []))).toEqual({ logs: codes(1), replies: [] });
    expect(outcome(script, twoMaxForwards('eoh3', [], others))).toEqual({ logs: codes(-1), replies: [] });
  });

  it.each([
    ['X%Y', -1],
    ['X!Y', -1],
    ['X.Y', 1],
    ['X*Y', -1],
    ['X+Y', 1],
    ['X_Y', 1],
    ['X`Y', -1],
    ["X'Y", -1],
    ['X~Y', 1],
    ['X-Y', 1],
    ['X9', 1],
  ])('header name %s: the required headers check gives %d', (name, rc) => {
    const script4 = `${BASE}modparam("sanity", "autodrop", 0)\nrequest_route { sanity_check("4"); xlog("L_ERR", "rc=$rc\\n"); }\n`;
    const message = sipMessage([INVITE, 'Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-hn;rport', 'Call-ID: hn', 'From: <sip:a@h>;tag=1', 'To: <sip:b@h>', 'CSeq: 1 INVITE', `${name}: v`, 'Content-Length: 0']);
    expect(outcome(script4, message)).toEqual({ logs: [`rc=${rc}`], replies: [] });
  });
});

describe('sanity in the checker and at start-up', () => {
  const codes = (script: string): string[] => codesOf(`loadmodule "sl.so"\nloadmodule "pv.so"\nloadmodule "sanity.so"\n${script}`, { modules: builtinModules }).map((c) => c.split('@')[0]!);

  it('runs where Kamailio allows it (request, reply and event routes) and takes a number or a variable', () => {
    expect(codes('onreply_route[R] { sanity_check(); sanity_reply(); }\nreply_route { sanity_check("1"); }\nrequest_route { sanity_check("$var(c)", "3"); }')).toEqual(['W0202']);
    expect(codes('failure_route[F] { sanity_check(); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('branch_route[B] { sanity_reply(); }\nrequest_route { drop; }')).toEqual(['W0202', 'E0603']);
    expect(codes('request_route { sanity_check("x"); }')).toEqual(['E0607']);
  });

  it('needs sl, as Kamailio (cannot bind to the SL API)', () => {
    const message = caseRequest('sl', INVITE, []);
    expect(runScript('loadmodule "sanity.so"\nrequest_route { sanity_check(); }\n', message).stderr).toMatch(/module sanity cannot start: cannot bind to the SL API/);
  });
});
