// corex's append_branch run by `siprc exec`. Return codes, branches and the
// Request-URI's attributes after each call were recorded from Kamailio 5.6.3
// running the same scripts (the destination set read from a 302 reply with
// rich_redirect 1).

import { runScript, sipMessage } from '../run-script.js';

const HEAD = `debug=2
listen=udp:127.0.0.1:27360
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "corex.so"
loadmodule "kex.so"
loadmodule "sl.so"
modparam("sl", "rich_redirect", 1)
`;

const REQUEST = sipMessage([
  'INVITE sip:g1@127.0.0.1:27360 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKg1;rport',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: g1@127.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

const run = (body: string, head = HEAD) => {
  const r = runScript(`${head}request_route {\n${body}\n}\n`, REQUEST, { source: '127.0.0.1:27370' });
  expect(r.stderr).toBe('');
  return r;
};

describe('append_branch', () => {
  it('takes the destination URI and branch flags; without a URI the Request-URI, clearing them', () => {
    const r = run(`$du = "sip:127.0.0.4"; setbflag("3");
  append_branch("sip:b1@127.0.0.2"); xlog("L_ERR", "a du=$du bf=$bf br=$bR\\n");
  append_branch(); xlog("L_ERR", "b du=$du bf=$bf br=$bR\\n");
  append_branch(""); xlog("L_ERR", "c du=$du bf=$bf br=$bR\\n");
  sl_send_reply("302", "M");`);
    expect(r.logs).toEqual([
      'a du=sip:127.0.0.4 bf=8 br=sip:b1@127.0.0.2',
      'b du=<null> bf=0 br=sip:b1@127.0.0.2, sip:g1@127.0.0.1:27360',
      'c du=<null> bf=0 br=sip:b1@127.0.0.2, sip:g1@127.0.0.1:27360, sip:g1@127.0.0.1:27360',
    ]);
    expect(r.sent[0]!.text).toContain('\r\nContact: <sip:b1@127.0.0.2>;flags=8, <sip:g1@127.0.0.1:27360>;flags=8, <sip:g1@127.0.0.1:27360>;flags=0\r\n');
  });

  it('reads q as Kamailio does and refuses a bad one (-1)', () => {
    const values = ['0.5', '.5', '1.5', '0.1234', '1.0', '1.', '2', '', '0.05', ' 0.5', '1.001'];
    const r = run(values.map((q, i) => `append_branch("sip:a${i}@h", "${q}"); xlog("L_ERR", "q${i} rc=$rc\\n");`).join('\n') + '\nsl_send_reply("302", "M");');
    expect(r.logs).toEqual(['q0 rc=1', 'q1 rc=1', 'q2 rc=-1', 'q3 rc=1', 'q4 rc=1', 'q5 rc=-1', 'q6 rc=-1', 'q7 rc=1', 'q8 rc=1', 'q9 rc=1', 'q10 rc=-1']);
    expect(r.sent[0]!.text).toContain(
      '\r\nContact: <sip:a0@h>;q=0.5;flags=0, <sip:a1@h>;q=0.5;flags=0, <sip:a3@h>;q=0.123;flags=0, <sip:a4@h>;q=1;flags=0, <sip:a7@h>;flags=0, <sip:a8@h>;q=0.05;flags=0, <sip:a9@h>;q=0.5;flags=0\r\n',
    );
  });

  it('stops at max_branches, the Request-URI counted (-1)', () => {
    const body = Array.from({ length: 13 }, (_, i) => `append_branch("sip:m${i}@h"); xlog("L_ERR", "m${i} rc=$rc\\n");`).join('\n');
    expect(run(body).logs).toEqual(Array.from({ length: 13 }, (_, i) => `m${i} rc=${i < 11 ? 1 : -1}`));
    expect(run(body, `max_branches=4\n${HEAD}`).logs.filter((l) => l.endsWith('rc=1'))).toHaveLength(3);
  });
});
