// `siprc exec` on the bundled example and on small core-only scripts: the
// route-flow trace, the log lines, and the forwarded message in wire form.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExec } from '../../cli/exec.js';
import { settledNow } from '../helpers.js';
import { compileFile } from '../../cli/compile.js';

const OPTIONS = 'examples/messages/options.sip';
const dir = mkdtempSync(join(tmpdir(), 'siprc-exec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(text: string): string {
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.cfg`);
  writeFileSync(path, text);
  return path;
}

function exec(file: string, options: Partial<{ message: string; source: string; proto: string; route: string }> = {}) {
  return settledNow(runExec(compileFile(file, []), { message: OPTIONS, source: '127.0.0.1:5070', proto: 'udp', ...options }));
}

describe('siprc exec', () => {
  it('runs the edge example: checks, tags and forwards an INVITE, answers an OPTIONS ping, refuses a looping request', () => {
    const invite = exec('examples/edge-checks.cfg', { message: 'examples/messages/invite.sip' });
    expect(invite.stdout).toContain('log|1|edge: INVITE from alice to bob (call 7f3a9c21)\n');
    expect(invite.stdout).toMatch(/^send\|udp\|127\.0\.0\.1:5090\nINVITE sip:Bob@127\.0\.0\.1:5090 SIP\/2\.0\r\n/m);
    expect(invite.stdout).toContain('X-Edge-Source: 127.0.0.1:5070\r\n');
    const ping = exec('examples/edge-checks.cfg', { message: 'examples/messages/options-ping.sip' });
    expect(ping.stdout).toMatch(/^send\|udp\|127\.0\.0\.1:5070\nSIP\/2\.0 200 OK\r\n/m);
    writeFileSync(join(dir, 'looping.sip'), readFileSync('examples/messages/invite.sip', 'latin1').replace('Max-Forwards: 70', 'Max-Forwards: 0'), 'latin1');
    const looping = exec('examples/edge-checks.cfg', { message: join(dir, 'looping.sip') });
    expect(looping.stdout).toMatch(/^SIP\/2\.0 483 Too Many Hops\r\n/m);
    expect(looping.stdout).not.toContain('INVITE sip:Bob@127.0.0.1:5090');
  });

  it('writes only the log lines within the script\'s debug level (Kamailio\'s default is 0, L_WARN)', () => {
    const quiet = exec(script('request_route {\n log(1, "notice");\n log(0, "warning");\n drop;\n}\n'));
    expect(quiet.stdout.split('\n').filter((l) => l.startsWith('log|'))).toEqual(['log|0|warning']);
    const verbose = exec(script('debug=1\nrequest_route {\n log(1, "notice");\n log(2, "info");\n drop;\n}\n'));
    expect(verbose.stdout.split('\n').filter((l) => l.startsWith('log|'))).toEqual(['log|1|notice']);
  });

  it('runs the example proxy: trace, then the request forwarded upstream with its Via marked', () => {
    const out = exec('examples/stateless-proxy.cfg');
    expect(out.ok).toBe(true);
    const [trace, wire] = out.stdout.split(/^send\|/m);
    expect(trace).toBe('start|DEFAULT_ROUTE\nstart|POLICY\nreturn|POLICY\nreturn|DEFAULT_ROUTE\n');
    const lines = wire!.split('\r\n');
    expect(lines[0]).toBe('udp|127.0.0.1:5090\nOPTIONS sip:bob@127.0.0.1:5090 SIP/2.0');
    // As Kamailio writes it: default port left out; Max-Forwards decremented by maxfwd.
    expect(lines[1]).toMatch(/^Via: SIP\/2\.0\/UDP 127\.0\.0\.1;branch=z9hG4bK[0-9a-f]{16}$/);
    expect(lines[2]).toBe('Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-exec-1;rport=5070;received=127.0.0.1');
    expect(lines[3]).toBe('Max-Forwards: 69');
  });

  it('drops a request the policy refuses, and logs why', () => {
    expect(exec('examples/stateless-proxy.cfg', { message: join(dir, 'foreign.sip') }).stderr).toMatch(/^cannot read .*foreign\.sip/);
    writeFileSync(join(dir, 'foreign.sip'), 'OPTIONS sip:bob@192.0.2.77 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK2;rport\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:bob@192.0.2.77>\r\nCall-ID: f1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n');
    const refused = exec('examples/stateless-proxy.cfg', { message: join(dir, 'foreign.sip') });
    expect(refused.stdout).toBe('start|DEFAULT_ROUTE\nstart|POLICY\ndrop|POLICY\ndrop|DEFAULT_ROUTE\nlog|1|refusing to relay a request for a foreign domain\n');
  });

  it('rewrites the Request-URI, tests flags and keywords, and exits', () => {
    const file = script(`debug=2
flags F1:3;
request_route {
  if (src_ip == 127.0.0.0/8 && proto == udp && method == "OPTIONS") { setflag(F1); }
  if (isflagset(F1)) { rewriteuser("carol"); prefix("00"); strip(1); log(2, "flag set\\n"); }
  if (uri == myself) { log(2, "for me\\n"); }
  forward("127.0.0.1", 5099);
  exit;
}
`);
    const out = exec(file);
    expect(out.stdout.split('\n').slice(0, 5)).toEqual(['start|DEFAULT_ROUTE', 'exit|DEFAULT_ROUTE', 'log|2|flag set', 'log|2|for me', 'send|udp|127.0.0.1:5099']);
    expect(out.stdout).toContain('OPTIONS sip:0carol@127.0.0.1:5060 SIP/2.0\r\n');
  });

  it('reads the core pseudo-variables as Kamailio does ($def keeps quotes, $defn is a number)', () => {
    process.env.SIPRC_EXEC_TEST = '7';
    const file = script(`debug=2
#!define QS "hello"
#!define NUM 42
request_route {
  if ($def(QS) == "\\"hello\\"") { log(1, "quoted"); }
  if ($def(NUM) == "42") { log(1, "def is a string"); }
  if ($defn(NUM) == 42) { log(1, "defn is a number"); }
  if ($def(NOPE) == $null) { log(1, "undefined is null"); }
  if ($envn(SIPRC_EXEC_TEST) == 7) { log(1, "env"); }
}
`);
    expect(exec(file).stdout.split('\n').filter((l) => l.startsWith('log|'))).toEqual([
      'log|1|quoted',
      'log|1|def is a string',
      'log|1|defn is a number',
      'log|1|undefined is null',
      'log|1|env',
    ]);
  });

  it('passes a reply on to the hop its second Via names unless the reply route drops it (as Kamailio does without tm)', () => {
    const reply = { message: 'examples/messages/options-200.sip', source: '127.0.0.1:5090' };
    const forwarded = exec('examples/stateless-proxy.cfg', reply);
    expect(forwarded.stdout.split('\n').slice(0, 3)).toEqual(['start|DEFAULT_ONREPLY', 'return|DEFAULT_ONREPLY', 'send|udp|127.0.0.1:5070']);
    expect(forwarded.stdout).toContain('\nSIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-exec-1;received=127.0.0.1;rport=5070\r\nFrom:');
    const dropping = script('request_route {\n drop;\n}\nonreply_route {\n drop;\n}\n');
    expect(exec(dropping, reply).stdout).toBe('start|DEFAULT_ONREPLY\ndrop|DEFAULT_ONREPLY\n');
    const exiting = script('request_route {\n drop;\n}\nonreply_route {\n exit;\n}\n');
    expect(exec(exiting, reply).stdout).toMatch(/^start\|DEFAULT_ONREPLY\nexit\|DEFAULT_ONREPLY\nsend\|udp\|127\.0\.0\.1:5070\n/);
    const noReplyRoute = script('request_route {\n drop;\n}\n');
    expect(exec(noReplyRoute, reply).stdout).toMatch(/^send\|udp\|127\.0\.0\.1:5070\n/);
  });

  it('runs onsend_route before each request is sent; a drop there stops that send, forward() gives 0 and the script goes on (as Kamailio 5.6 does)', () => {
    const file = script(`debug=2
listen=udp:127.0.0.1:5099
request_route {
  forward("127.0.0.1", 5098);
  if ($rc == 1) { log(1, "first sent"); }
  forward("127.0.0.1", 5097);
  if ($rc == 0) { log(1, "second dropped"); }
}
onsend_route {
  if (to_port == 5097 && snd_port == 5099) { drop; }
  if (to_ip == 127.0.0.1 && snd_ip == 127.0.0.1 && to_proto == udp) { log(1, "addresses"); }
}
`);
    const lines = exec(file).stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'start|DEFAULT_ROUTE',
      'start|ONSEND_ROUTE',
      'return|ONSEND_ROUTE',
      'start|ONSEND_ROUTE',
      'drop|ONSEND_ROUTE',
      'return|DEFAULT_ROUTE',
      'log|1|addresses',
      'log|1|first sent',
      'log|1|second dropped',
    ]);
    expect(lines.filter((l) => l.startsWith('send|'))).toEqual(['send|udp|127.0.0.1:5098']);
  });

  it('sends from the socket force_send_socket names: our Via and snd_ip/snd_port say so', () => {
    const file = script(`debug=2
listen=udp:127.0.0.1:5060
listen=udp:127.0.0.2:5062
request_route {
  force_send_socket(udp:127.0.0.2:5062);
  forward("127.0.0.1", 5098);
}
onsend_route {
  if (snd_ip == 127.0.0.2 && snd_port == 5062) { log(1, "from the forced socket"); }
}
`);
    const out = exec(file).stdout;
    expect(out).toContain('log|1|from the forced socket\n');
    expect(out).toMatch(/\r\nVia: SIP\/2\.0\/UDP 127\.0\.0\.2:5062;branch=z9hG4bK[0-9a-f]+\r\n/);
  });

  it('refuses a script using what it cannot run yet, naming it', () => {
    const file = script('request_route {\n udp_mtu_try_proto(TCP);\n}\n');
    expect(exec(file)).toEqual({ ok: false, stdout: '', stderr: 'siprc exec cannot run this script yet; it uses: core function udp_mtu_try_proto\n' });
  });

  it('reports bad options and bad messages clearly', () => {
    expect(exec('examples/stateless-proxy.cfg', { source: 'nowhere' }).stderr).toBe('--source nowhere: expected IP:PORT, as in 127.0.0.1:5070\n');
    expect(exec('examples/stateless-proxy.cfg', { proto: 'carrier-pigeon' }).stderr).toMatch(/^--proto carrier-pigeon: expected udp/);
    writeFileSync(join(dir, 'junk.sip'), 'hello\r\n\r\n');
    expect(exec('examples/stateless-proxy.cfg', { message: join(dir, 'junk.sip') }).stderr).toMatch(/not a SIP message: bad Request-Line/);
    expect(exec('examples/stateless-proxy.cfg', { route: 'NOPE' }).stderr).toBe('route NOPE is not defined\n');
  });
});
