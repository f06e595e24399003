// sl's stateless replies run by `siprc exec`. Replies, To tags, destinations
// and return codes were recorded from Kamailio 5.6.3 serving the same scripts
// on 127.0.0.1:27360 to requests from 127.0.0.1:27370. Via lines are compared
// with their parameters sorted: Kamailio writes rport= and received= in
// another order (RFC 3261 leaves the order free).

import { runScript, sipMessage, type ScriptRun } from '../run-script.js';

const HEAD = `debug=2
listen=udp:127.0.0.1:27360
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sl.so"
loadmodule "corex.so"
loadmodule "kex.so"
`;

/** An INVITE like the ones sent to Kamailio: `name` is the Via branch suffix and Call-ID, `user` the R-URI user. */
function invite(name: string, user: string, extra: readonly string[] = [], via = `127.0.0.1:27370;branch=z9hG4bK${name};rport`): string {
  return sipMessage([
    `INVITE sip:${user}@127.0.0.1:27360 SIP/2.0`,
    `Via: SIP/2.0/UDP ${via}`,
    'Max-Forwards: 70',
    'From: <sip:alice@127.0.0.1>;tag=f1',
    'To: <sip:bob@127.0.0.1>',
    `Call-ID: ${name}@127.0.0.1`,
    'CSeq: 1 INVITE',
    ...extra,
    'Content-Length: 0',
  ]);
}

const TAG = 'aec1486c17c9342d3221893ff035c3b5';
const SERVER = `Server: siprc (${process.platform})`;

/** The reply's lines, with the parameters of each Via sorted. */
function lines(text: string): string[] {
  return text
    .split('\r\n')
    .map((l) => (l.startsWith('Via: ') ? l.replace(/;.*$/, (params) => params.split(';').sort().join(';')) : l));
}

function reply(run: ScriptRun): { to: string; lines: string[] } {
  expect(run.stderr).toBe('');
  expect(run.sent).toHaveLength(1);
  return { to: run.sent[0]!.to, lines: lines(run.sent[0]!.text) };
}

const run = (body: string, message: string, head = HEAD): ScriptRun => runScript(`${head}request_route {\n${body}\n}\n`, message, { source: '127.0.0.1:27370' });

describe('sl_send_reply', () => {
  it('answers with the code and reason, a To tag from 180 on, and the Server line', () => {
    expect(reply(run('sl_send_reply("100", "Trying");', invite('a100', 'c100')))).toEqual({
      to: 'udp|127.0.0.1:27370',
      lines: lines(
        sipMessage([
          'SIP/2.0 100 Trying',
          'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKa100;rport=27370;received=127.0.0.1',
          'From: <sip:alice@127.0.0.1>;tag=f1',
          'To: <sip:bob@127.0.0.1>',
          'Call-ID: a100@127.0.0.1',
          'CSeq: 1 INVITE',
          SERVER,
          'Content-Length: 0',
        ]),
      ),
    });
    expect(reply(run('sl_send_reply("101", "Early");', invite('a101', 'c101'))).lines).toContain('To: <sip:bob@127.0.0.1>');
    expect(reply(run('sl_send_reply("180", "Ringing");', invite('a180', 'c180'))).lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.86dffabc`);
    expect(reply(run('sl_send_reply("199", "x");', invite('a199', 'c199'))).lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.17971c7a`);
  });

  it('keeps a To tag the request has', () => {
    const request = invite('btag', 'c200').replace('To: <sip:bob@127.0.0.1>', 'To: "Bob" <sip:bob@127.0.0.1>;tag=existing');
    expect(reply(run('sl_send_reply("200", "OK");', request)).lines).toContain('To: "Bob" <sip:bob@127.0.0.1>;tag=existing');
  });

  it('copies every Via, and Record-Route only into 18x and 2xx replies', () => {
    const rr = ['Record-Route: <sip:rr1@127.0.0.1;lr>, <sip:rr2@127.0.0.1;lr>', 'Record-Route: <sip:rr3@127.0.0.1;lr>', 'Path: <sip:p@127.0.0.1;lr>'];
    expect(reply(run('sl_send_reply("200", "OK");', invite('b200', 'c200', rr))).lines).toEqual(
      lines(
        sipMessage([
          'SIP/2.0 200 OK',
          'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKb200;rport=27370;received=127.0.0.1',
          'From: <sip:alice@127.0.0.1>;tag=f1',
          `To: <sip:bob@127.0.0.1>;tag=${TAG}.109fa8c4`,
          'Call-ID: b200@127.0.0.1',
          'CSeq: 1 INVITE',
          'Record-Route: <sip:rr1@127.0.0.1;lr>, <sip:rr2@127.0.0.1;lr>',
          'Record-Route: <sip:rr3@127.0.0.1;lr>',
          SERVER,
          'Content-Length: 0',
        ]),
      ),
    );
    expect(reply(run('sl_send_reply("180", "Ringing");', invite('b180', 'c180', rr.slice(1)))).lines).toContain('Record-Route: <sip:rr3@127.0.0.1;lr>');
    expect(reply(run('sl_send_reply("404", "NF");', invite('b404', 'c404', rr))).lines.filter((l) => l.startsWith('Record-Route'))).toEqual([]);
    const twoVias = invite('bmulti', 'c200', ['Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx2, SIP/2.0/TCP 10.0.0.2;branch=z9hG4bKx3']);
    expect(reply(run('sl_send_reply("200", "OK");', twoVias)).lines).toContain('Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx2, SIP/2.0/TCP 10.0.0.2;branch=z9hG4bKx3');
  });

  it('sends to the source address: its port with rport or force_rport, otherwise the Via port', () => {
    const noRport = reply(run('sl_send_reply("200", "OK");', invite('bnorport', 'c200', [], '127.0.0.1:27371;branch=z9hG4bKbnorport')));
    expect(noRport.to).toBe('udp|127.0.0.1:27371');
    expect(noRport.lines).toContain('Via: SIP/2.0/UDP 127.0.0.1:27371;branch=z9hG4bKbnorport');
    expect(noRport.lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.054feb8e`);
    const forced = reply(run('force_rport(); sl_send_reply("200", "OK");', invite('bforce', 'cforce', [], '127.0.0.1:27371;branch=z9hG4bKbforce')));
    expect(forced.to).toBe('udp|127.0.0.1:27370');
    expect(forced.lines).toContain('Via: SIP/2.0/UDP 127.0.0.1:27371;branch=z9hG4bKbforce;rport=27370');
    expect(forced.lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.ef5fa01b`);
    const named = reply(run('sl_send_reply("200", "OK");', invite('bhost', 'c200', [], 'localhost:27370;branch=z9hG4bKbhost')));
    expect(named.to).toBe('udp|127.0.0.1:27370');
    expect(named.lines).toContain('Via: SIP/2.0/UDP localhost:27370;branch=z9hG4bKbhost;received=127.0.0.1');
    expect(named.lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.78efdbb2`);
  });

  it('falls back to default_code when the code variable holds no integer, and takes any reason', () => {
    const head = `${HEAD}modparam("sl", "default_code", 488)\n`;
    const r = run('$var(c) = "abc"; $var(r) = 5; sl_send_reply("$var(c)", "$var(r)"); xlog("L_ERR", "rc=$rc\\n");', invite('avar', 'cvar'), head);
    expect(r.logs).toEqual(['rc=1']);
    expect(reply(r).lines.slice(0, 1)).toEqual(['SIP/2.0 488 5']);
    expect(reply(r).lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.2e21b9b1`);
    // A string of digits is no integer either (default_code is 500 unless set).
    expect(reply(run('$var(c) = "404"; sl_send_reply("$var(c)", "X");', invite('r300', 'r300'))).lines[0]).toBe('SIP/2.0 500 X');
    expect(reply(run('$var(c) = 404; sl_reply("$var(c)", "Not $rU");', invite('r301', 'alice'))).lines[0]).toBe('SIP/2.0 404 Not alice');
  });

  it('does not answer an ACK (-1)', () => {
    const ack = invite('c1', 'inv1').replace('INVITE sip:', 'ACK sip:').replace('CSeq: 1 INVITE', 'CSeq: 1 ACK');
    const r = run('sl_send_reply("200", "ok"); xlog("L_ERR", "ack rc=$rc\\n");', ack);
    expect(r.logs).toEqual(['ack rc=-1']);
    expect(r.sent).toEqual([]);
  });

  it('lists the destination set in a 3xx reply: the Request-URI when rewritten, then the branches with q', () => {
    const contact = (body: string, name: string): string | undefined => reply(run(body, invite(name, name))).lines.find((l) => l.startsWith('Contact:'));
    expect(contact('$ru = "sip:new@127.0.0.5"; append_branch("sip:b1@127.0.0.2"); append_branch("sip:b2@127.0.0.3", "0.5"); append_branch(); sl_send_reply("302", "Moved");', 'a302')).toBe(
      'Contact: <sip:new@127.0.0.5>, <sip:b1@127.0.0.2>, <sip:b2@127.0.0.3>;q=0.5, <sip:new@127.0.0.5>',
    );
    expect(contact('append_branch("sip:b1@127.0.0.2", "1"); append_branch("sip:b2@127.0.0.2", "0"); append_branch("sip:b3@127.0.0.2", "0.001"); sl_send_reply("300", "Multiple");', 'b302c')).toBe(
      'Contact: <sip:b1@127.0.0.2>;q=1, <sip:b2@127.0.0.2>;q=0, <sip:b3@127.0.0.2>;q=0.001',
    );
    // $du and setdsturi() do not make the Request-URI part of the set; assigning $ru (even to itself) does, revert_uri() undoes it.
    expect(contact('append_branch("sip:b@127.0.0.2"); $du = "sip:127.0.0.9"; sl_send_reply("302", "M");', 'h1')).toBe('Contact: <sip:b@127.0.0.2>');
    expect(contact('append_branch("sip:b@127.0.0.2"); setdsturi("sip:127.0.0.9"); sl_send_reply("302", "M");', 'h2')).toBe('Contact: <sip:b@127.0.0.2>');
    expect(contact('append_branch("sip:b@127.0.0.2"); $ru = $ru; sl_send_reply("302", "M");', 'h3')).toBe('Contact: <sip:h3@127.0.0.1:27360>, <sip:b@127.0.0.2>');
    expect(contact('append_branch("sip:b@127.0.0.2"); rewriteuser("x"); revert_uri(); sl_send_reply("302", "M");', 'h4')).toBe('Contact: <sip:b@127.0.0.2>');
    expect(contact('sl_send_reply("301", "Moved");', 'b302b')).toBeUndefined();
    // Not for other classes.
    expect(contact('append_branch("sip:b@127.0.0.2"); sl_send_reply("404", "NF");', 'h6')).toBeUndefined();
  });

  it('adds the branch flags with rich_redirect 1', () => {
    const head = `${HEAD}modparam("sl", "rich_redirect", 1)\n`;
    const body = (name: string): string =>
      name === 'b302a'
        ? 'append_branch("sip:b1@127.0.0.2"); setbflag(3, 1); setbflag(1); append_branch("sip:b2@127.0.0.3;x=1", "0.25"); sl_send_reply("302", "Moved");'
        : 'setbflag(2); $du = "sip:127.0.0.8"; revert_uri(); append_branch("sip:b1@127.0.0.2", "1"); append_branch("sip:b2@127.0.0.2", "0"); append_branch("sip:b3@127.0.0.2", "0.001"); sl_send_reply("300", "Multiple");';
    const contact = (name: string): string | undefined => reply(run(body(name), invite(name, name), head)).lines.find((l) => l.startsWith('Contact:'));
    expect(contact('b302a')).toBe('Contact: <sip:b1@127.0.0.2>;flags=8, <sip:b2@127.0.0.3;x=1>;q=0.25;flags=2');
    expect(contact('b302c')).toBe('Contact: <sip:b1@127.0.0.2>;q=1;flags=4, <sip:b2@127.0.0.2>;q=0;flags=4, <sip:b3@127.0.0.2>;q=0.001;flags=4');
  });

  it('adds what textops queued for the reply: header lines in order, then the Server line, and the body', () => {
    const head = `${HEAD}loadmodule "textops.so"\n`;
    expect(reply(run('append_to_reply("X-A: 1\\r\\nX-B: 2\\r\\n"); sl_send_reply("183", "Progress");', invite('a183', 'c183'), head)).lines.slice(4)).toEqual(
      lines(['Call-ID: a183@127.0.0.1', 'CSeq: 1 INVITE', 'X-A: 1', 'X-B: 2', SERVER, 'Content-Length: 0', '', ''].join('\r\n')),
    );
    const withBody = run('append_to_reply("X-A: 1\\r\\n"); set_reply_body("hello body\\n", "text/plain"); append_to_reply("X-B: 2\\r\\n"); sl_send_reply("488", "Nope");', invite('g1', 'g1'), head);
    expect(reply(withBody).lines.slice(3)).toEqual(
      lines(
        [
          `To: <sip:bob@127.0.0.1>;tag=${TAG}.4a9a2a1c`,
          'Call-ID: g1@127.0.0.1',
          'CSeq: 1 INVITE',
          'X-A: 1',
          'Content-Type: text/plain',
          'X-B: 2',
          SERVER,
          'Content-Length: 11',
          '',
          'hello body\n',
        ].join('\r\n'),
      ),
    );
  });

  it('writes server_header instead of the signature, or no Server line with server_signature=no', () => {
    const server = (settings: string): string[] =>
      reply(run('sl_send_reply("200", "OK");', invite('g1', 'g1'), `${settings}\n${HEAD}`)).lines.filter((l) => /^(Server|X-Srv):/.test(l));
    expect(server('server_header="X-Srv: abc"')).toEqual(['X-Srv: abc']);
    expect(server('server_signature=no')).toEqual([]);
    expect(server('server_signature=no\nserver_header="Server: X"')).toEqual([]);
  });
});

describe('send_reply, send_reply_mode, sl_reply_error', () => {
  it('reply statelessly when no transaction exists', () => {
    const mode = run('send_reply_mode("403", "No $fU", "3"); xlog("L_ERR", "rc=$rc\\n");', invite('amode', 'cmode'));
    expect(mode.logs).toEqual(['rc=1']);
    expect(reply(mode).lines.slice(0, 5)).toEqual(
      lines(['SIP/2.0 403 No alice', 'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKamode;rport=27370;received=127.0.0.1', 'From: <sip:alice@127.0.0.1>;tag=f1', `To: <sip:bob@127.0.0.1>;tag=${TAG}.332d79d7`, 'Call-ID: amode@127.0.0.1'].join('\r\n')),
    );
    expect(reply(run('send_reply("404", "Not found");', invite('g2', 'g2'))).lines[0]).toBe('SIP/2.0 404 Not found');
  });

  it('sl_reply_error answers 500 for an unspecified error', () => {
    const r = reply(run('sl_reply_error();', invite('arerr', 'crerr')));
    expect(r.lines[0]).toBe("SIP/2.0 500 I'm terribly sorry, server error occurred (1/SL)");
    expect(r.lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.e657021d`);
  });
});

describe('event_route[sl:local-response]', () => {
  it('runs on each reply sent, right after it, with the reply as its message', () => {
    const r = runScript(
      `${HEAD}request_route {
  xlog("L_ERR", "req $rm\\n");
  sl_send_reply("404", "NF");
  xlog("L_ERR", "after reply rc=$rc\\n");
}
event_route[sl:local-response] { xlog("L_ERR", "local-response $rs $rr rm=$rm si=$si sp=$sp snd=$snd(ip):$snd(port) sndproto=$snd(sproto)\\n"); }
`,
      invite('g1', 'g1'),
      { source: '127.0.0.1:27370' },
    );
    expect(r.logs).toEqual(['req INVITE', 'local-response 404 NF rm=INVITE si= sp=0 snd=127.0.0.1:27370 sndproto=udp', 'after reply rc=1']);
    // siprc's own trace of the routes run.
    expect(r.trace).toEqual(['start|DEFAULT_ROUTE', 'start|sl:local-response', 'return|sl:local-response', 'return|DEFAULT_ROUTE']);
    expect(r.sent).toHaveLength(1);
  });
});

describe('$ltt', () => {
  it('is the To tag a stateless reply gets; there is no transaction tag', () => {
    const r = run('xlog("L_ERR", "s=$ltt(s) x=$ltt(x) t=$ltt(t)\\n");', invite('a100', 'c100'));
    expect(r.logs).toEqual([`s=${TAG}.8a33341c x=${TAG}.8a33341c t=<null>`]);
  });
});
