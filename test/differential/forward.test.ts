// Differential test: the same proxy scripts served by the real Kamailio 5.6
// (on loopback) and run by `siprc exec` on the same messages must pass on the
// same message: for requests, the same Request-URI, headers in the same order
// and the same marks on the client's Via; for replies, the reply without its
// top Via, to the hop the next Via names. Only the new branch value may
// differ (each server computes its own), and the order of Via parameters,
// which RFC 3261 leaves free. Skipped where Kamailio is not installed.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../cli/compile.js';
import { runExec } from '../../cli/exec.js';
import { settledNow } from '../helpers.js';
import { spawnKamailio, hasKamailio, KAMAILIO_MODULES } from '../kamailio-process.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROXY = 5860;
const UPSTREAM = 5890;
const CLIENT = 5870;

const HEAD = `
debug=2
log_stderror=yes
children=1
listen=udp:127.0.0.1:${PROXY}
flags FLT_LOCAL:3
`;

/** The proxy scripts both servers run, each on every request. */
const SCRIPTS: Record<string, string> = {
  'flags, prefix and force_rport': `${HEAD}
request_route {
	if (msg:len > 4096) { drop; }
	force_rport();
	if (src_ip == 127.0.0.0/8 && src_port == ${CLIENT}) { setflag(FLT_LOCAL); }
	if (isflagset(FLT_LOCAL) && method == "INVITE") { prefix("9"); }
	rewritehostport("127.0.0.1:${UPSTREAM}");
	forward();
}
`,
  'advertised address, local rport, user rewriting': `${HEAD}
request_route {
	set_advertised_address("127.0.0.9");
	set_advertised_port(5999);
	add_local_rport();
	rewriteuser("dave");
	revert_uri();
	rewriteuserpass("carol:secret");
	userphone();
	forward_udp("127.0.0.1", ${UPSTREAM});
}
`,
  'record_route with parameters': `${HEAD}
mpath="${KAMAILIO_MODULES}/"
loadmodule "rr.so"
request_route {
	add_rr_param(";nat=yes");
	record_route(";m=x");
	add_rr_param(";late=1");
	rewritehostport("127.0.0.1:${UPSTREAM}");
	forward();
}
`,
};

const REQUESTS: Record<string, string> = {
  options: ['OPTIONS sip:bob@127.0.0.1 SIP/2.0', `Via: SIP/2.0/UDP 127.0.0.1:${CLIENT};branch=z9hG4bK-d1;rport`, 'Max-Forwards: 70', 'From: <sip:alice@127.0.0.1>;tag=a1', 'To: <sip:bob@127.0.0.1>', 'Call-ID: diff-1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'),
  invite: [
    'INVITE sip:2000@127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:${CLIENT};branch=z9hG4bK-d2`,
    'Max-Forwards: 12',
    'From: "Alice" <sip:alice@127.0.0.1>;tag=a2',
    'To: <sip:2000@127.0.0.1>',
    'Call-ID: diff-2',
    'CSeq: 7 INVITE',
    `Contact: <sip:alice@127.0.0.1:${CLIENT}>`,
    'Content-Type: application/sdp',
    'Content-Length: 10',
    '',
    'v=0\r\ns=-\r\n',
  ].join('\r\n'),
};

/** The forwarded message with what may differ normalised: the new branch, and Via parameter order. */
function normalised(wire: string): string[] {
  return wire.split('\r\n').map((line) => {
    if (!/^Via:/i.test(line)) return line;
    const [head, ...params] = line.replace(/branch=z9hG4bK[^;,]*/, 'branch=z9hG4bK*').split(';');
    return [head, ...params.sort()].join(';');
  });
}

/** What Kamailio passes on to port `to` when a message comes in from port `from`. */
function kamailioPasses(message: string, from: number, to: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = createSocket('udp4');
    const sender = createSocket('udp4');
    const done = (result: string | Error) => {
      clearTimeout(timer);
      receiver.close();
      sender.close();
      result instanceof Error ? reject(result) : resolve(result);
    };
    const timer = setTimeout(() => done(new Error('Kamailio passed nothing on within 5 s')), 5000);
    receiver.on('message', (m) => done(m.toString('latin1')));
    receiver.bind(to, '127.0.0.1', () => sender.bind(from, '127.0.0.1', () => sender.send(message, PROXY, '127.0.0.1')));
  });
}

/** Kamailio serving a script on the proxy port while `body` runs. */
async function withKamailio(script: string, body: () => Promise<void>): Promise<void> {
  const kamailio = spawnKamailio(['-f', script, '-E', '-D', '-w', dir]);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    await body();
  } finally {
    await kamailio.stop();
  }
}

(hasKamailio ? describe : describe.skip)('forwarding, siprc exec against Kamailio 5.6', () => {
  it.each(Object.keys(SCRIPTS))('%s', async (name) => {
    const script = join(dir, `${name.replace(/\W+/g, '-')}.cfg`);
    writeFileSync(script, SCRIPTS[name]!);
    await withKamailio(script, async () => {
      for (const [request, text] of Object.entries(REQUESTS)) {
        const message = join(dir, `${request}.sip`);
        writeFileSync(message, text);
        const ours = settledNow(runExec(compileFile(script, []), { message, source: `127.0.0.1:${CLIENT}`, proto: 'udp' }));
        expect(ours.stderr).toBe('');
        const forwarded = ours.stdout.split(/^send\|udp\|127\.0\.0\.1:5890\n/m)[1]!.replace(/\n$/, '');
        expect([request, ...normalised(forwarded)]).toEqual([request, ...normalised(await kamailioPasses(text, CLIENT, UPSTREAM))]);
      }
    });
  }, 20000);
});

const REPLY_SCRIPT = `${HEAD}
request_route { drop; }
onreply_route {
	if (status =~ "^2" && src_port == ${UPSTREAM}) { setflag(FLT_LOCAL); }
}
`;

const REPLY = [
  'SIP/2.0 200 OK',
  `Via: SIP/2.0/UDP 127.0.0.1:${PROXY};branch=z9hG4bKproxy1`,
  `Via: SIP/2.0/UDP 127.0.0.1:${CLIENT};branch=z9hG4bK-d1;rport=${CLIENT};received=127.0.0.1`,
  'From: <sip:alice@127.0.0.1>;tag=a1',
  'To: <sip:bob@127.0.0.1>;tag=b1',
  'Call-ID: diff-1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

(hasKamailio ? describe : describe.skip)('replies, siprc exec against Kamailio 5.6', () => {
  it('passes a reply on to the hop its second Via names, with the top Via removed', async () => {
    const script = join(dir, 'replies.cfg');
    writeFileSync(script, REPLY_SCRIPT);
    const message = join(dir, 'reply.sip');
    writeFileSync(message, REPLY);
    await withKamailio(script, async () => {
      const ours = settledNow(runExec(compileFile(script, []), { message, source: `127.0.0.1:${UPSTREAM}`, proto: 'udp' }));
      expect(ours.stderr).toBe('');
      const passed = ours.stdout.split(new RegExp(`^send\\|udp\\|127\\.0\\.0\\.1:${CLIENT}\\n`, 'm'))[1]!.replace(/\n$/, '');
      expect(normalised(passed)).toEqual(normalised(await kamailioPasses(REPLY, UPSTREAM, CLIENT)));
    });
  }, 20000);
});
