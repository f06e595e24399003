// $mi and $ruid under a running server, beside Kamailio 5.6: processing.cfg
// served by `siprc run` (bundled: node build.mjs first) and, where it is
// installed, by Kamailio on loopback; the same messages to each (a REGISTER,
// an INVITE that lookup() routes to a callee answering 180 then 486, an
// OPTIONS) and the same script lines back: the messages numbered 1 to 5 in
// the order they arrive, replies included, failure_route one less than its
// request, and $ruid set by lookup() on the request only.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSiprc } from '../../../acceptance/sipp-harness.js';
import { headerFields, udpPeer, type Peer } from '../../../acceptance/wire-peers.js';
import { spawnKamailio, hasKamailio, KAMAILIO_MODULES } from '../../../kamailio-process.js';

const SCRIPT = 'test/modules/pv/classes/processing.cfg';

/** What Kamailio 5.6.3 logged for these messages (the ruid's value aside). */
const KAMAILIO_5_6_3 = [
  'request REGISTER mi=1 ruid=<null>',
  'request INVITE mi=2 ruid=<null>',
  'lookup gave a ruid, mi=2',
  'reply 180 mi=3 ruid=<null>',
  'reply 486 mi=4 ruid=<null>',
  'failure mi=1 ruid=<null>',
  'request OPTIONS mi=5 ruid=<null>',
];

/** A callee that answers each INVITE 180, then 486. */
function busyCallee(port: number): Promise<Peer> {
  return udpPeer(port, (text, from, socket) => {
    if (!text.startsWith('INVITE ')) return;
    const copied = headerFields(text)
      .filter((f) => /^(via|from|to|call-id|cseq)[ \t]*:/i.test(f))
      .map((f) => (/^to[ \t]*:/i.test(f) ? `${f};tag=busy` : f));
    const reply = (status: string) => Buffer.from([`SIP/2.0 ${status}`, ...copied, 'Content-Length: 0', '', ''].join('\r\n'), 'latin1');
    socket.send(reply('180 Ringing'), from, '127.0.0.1');
    setTimeout(() => socket.send(reply('486 Busy Here'), from, '127.0.0.1'), 100);
  });
}

function request(method: string, client: Peer, proxy: number, n: number, extra: string[]): string {
  const uri = method === 'REGISTER' ? `sip:127.0.0.1:${proxy}` : `sip:bob@127.0.0.1:${proxy}`;
  return [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK-mi-${n};rport`,
    'Max-Forwards: 70',
    `From: <sip:${method === 'REGISTER' ? 'bob' : 'alice'}@127.0.0.1>;tag=mi-${n}`,
    `To: <sip:bob@127.0.0.1>`,
    `Call-ID: processing-${n}`,
    `CSeq: 1 ${method}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Sends the three requests in turn, each once the previous one has its final reply. */
async function exchange(proxy: number, callee: number): Promise<void> {
  const client = await udpPeer();
  try {
    const final = (n: number) => client.waitFor((t) => /^SIP\/2\.0 [2-6]/.test(t) && t.includes(`Call-ID: processing-${n}\r\n`), 10_000);
    client.send(request('REGISTER', client, proxy, 1, [`Contact: <sip:bob@127.0.0.1:${callee}>`, 'Expires: 600']), proxy);
    await final(1);
    client.send(request('INVITE', client, proxy, 2, [`Contact: <sip:alice@127.0.0.1:${client.port}>`]), proxy);
    expect(await final(2)).toMatch(/^SIP\/2\.0 486 /);
    client.send(request('OPTIONS', client, proxy, 3, []), proxy);
    await final(3);
  } finally {
    client.close();
  }
}

/** The script's lines in a log (Kamailio's or siprc's). */
const scriptLines = (log: string): string[] => [...log.matchAll(/INFO: <script>: (.*)$/gm)].map((m) => m[1]!);

async function waitFor(log: () => string, count: number): Promise<string[]> {
  for (const deadline = Date.now() + 5000; scriptLines(log()).length < count && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  return scriptLines(log());
}

describe('$mi and $ruid under siprc run', () => {
  it('numbers the messages as they arrive and gives lookup()\'s ruid, as Kamailio 5.6.3 does', async () => {
    const callee = await busyCallee(33120);
    const server = await startSiprc(SCRIPT, ['-l', 'udp:127.0.0.1:33110']);
    try {
      await exchange(33110, 33120);
      // Compared as sets: siprc writes failure_route's line before the reply_route line of the 486 that
      // caused it (the reply's lines are written when its run ends), Kamailio after; the numbers are the same.
      expect((await waitFor(() => server.log(), KAMAILIO_5_6_3.length)).sort()).toEqual([...KAMAILIO_5_6_3].sort());
    } finally {
      callee.close();
      await server.stop();
    }
  }, 60_000);
});

(hasKamailio ? describe : describe.skip)('$mi and $ruid under Kamailio 5.6', () => {
  it('gives the lines siprc is held to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siprc-kam-mi-'));
    const callee = await busyCallee(33121);
    const kamailio = spawnKamailio(['-f', SCRIPT, '-l', 'udp:127.0.0.1:33111', '-E', '-DD', '-m', '64', '-M', '8', '-Y', dir, '-P', join(dir, 'pid'), '-L', KAMAILIO_MODULES]);
    try {
      for (const deadline = Date.now() + 10_000; !/SO_RCVBUF is finally/.test(kamailio.log()) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      await exchange(33111, 33121);
      expect(await waitFor(kamailio.log, KAMAILIO_5_6_3.length)).toEqual(KAMAILIO_5_6_3);
    } finally {
      callee.close();
      await kamailio.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
