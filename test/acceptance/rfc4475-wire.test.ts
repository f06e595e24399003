// Acceptance for `siprc run` (issue 5): RFC 4475's torture messages over the
// wire. siprc serves examples/reqinit-relay.cfg (the stock REQINIT checks,
// then a stateful relay to a UAS on 127.0.0.1:5190, run here in node); each
// .dat file of test/fixtures/rfc4475, every Via sent-by rewritten to the
// test's own socket (a fresh one per file, so no two files share a
// transaction), goes to 127.0.0.1:5160 as one datagram. What comes back (a
// final reply, or silence within a bounded wait) and whether the UAS got the
// request are checked against MANIFEST.tsv for a proxy. Where siprc does
// something else than the manifest asks, the row says why and
// docs/server.md records it (with what Kamailio 5.6 does with the same
// script and messages). Afterwards an ordinary call still completes.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseVias } from '../../runtime/sip/headers/via.js';
import { rfc4475Manifest, RFC4475_CORPUS as CORPUS, type ManifestRow } from '../rfc4475-manifest.js';
import { startSiprc, type RunningServer } from './sipp-harness.js';
import { headerFields, rewriteVias, udpPeer, udpUas, type Peer } from './wire-peers.js';

const SHARED = '../shared/conformance/rfc4475';
const SCRIPT = 'examples/reqinit-relay.cfg';
const PROXY = 5160;
const UAS = 5190;

/** What siprc does with a file: answers it (one of these final statuses), relays it to the UAS (and its 200 back), or neither. */
type Outcome = { reply: number[]; reason?: RegExp } | { relayed: true } | { silent: true; log?: RegExp };

interface Expected {
  readonly outcome: Outcome;
  /** Why this differs from what the manifest asks of a proxy (docs/server.md lists the file). */
  readonly deviation?: string;
}

const relayed: Outcome = { relayed: true };
const reply = (status: number, reason?: RegExp): Outcome => ({ reply: [status], reason });
const silent: Outcome = { silent: true };

const KAMAILIO_HEADER_NAME = "sanity, like Kamailio 5.6, stops at a header name with a character Kamailio's parser refuses and drops the request without a reply";
const KAMAILIO_CORE = 'without From, To and Call-ID no reply can be built: siprc drops it before the script runs, as Kamailio 5.6 does';

const EXPECTED: Record<string, Expected> = {
  // valid
  'wsinv.dat': { outcome: relayed },
  'intmeth.dat': { outcome: silent, deviation: `${KAMAILIO_HEADER_NAME} (extensionHeader-!.%*+_\`'~)` },
  'esc01.dat': { outcome: relayed },
  'escnull.dat': { outcome: relayed },
  'esc02.dat': { outcome: silent, deviation: `${KAMAILIO_HEADER_NAME} (C%6Fntact)` },
  'lwsdisp.dat': { outcome: relayed },
  'longreq.dat': { outcome: relayed },
  'dblreq.dat': { outcome: reply(400, /Content-Length mis-match/), deviation: 'sanity (as Kamailio 5.6) measures the body to the end of the datagram: the trailing request makes it longer than Content-Length' },
  'semiuri.dat': { outcome: relayed },
  'transports.dat': { outcome: relayed },
  'mpart01.dat': { outcome: relayed },
  'unreason.dat': { outcome: { silent: true } },
  'noreason.dat': { outcome: { silent: true } },
  // invalid
  // Kamailio 5.6 drops it (its Via does not parse); siprc answers 400 with the reason, as the manifest allows.
  'badinv01.dat': { outcome: reply(400, /bad Via .*empty parameter/) },
  'clerr.dat': { outcome: reply(400, /Content-Length 9999 is larger than the body/) },
  'scalar02.dat': { outcome: reply(400, /bad CSeq .*below 2\^31/) },
  'scalarlg.dat': { outcome: silent },
  'quotbal.dat': { outcome: reply(400) },
  'ltgtruri.dat': { outcome: reply(400, /Bad Request URI/) },
  'lwsruri.dat': { outcome: reply(400, /bad Request-Line/) },
  'lwsstart.dat': { outcome: reply(400, /bad Request-Line/) },
  'trws.dat': { outcome: reply(400, /bad Request-Line/) },
  'escruri.dat': { outcome: reply(400, /Headers in Request-URI/) },
  'baddate.dat': { outcome: relayed },
  'regbadct.dat': { outcome: relayed },
  'badaspec.dat': { outcome: relayed },
  'baddn.dat': { outcome: reply(400, /Content-Length Body Failure/) },
  'badvers.dat': { outcome: reply(505) },
  'mismatch01.dat': { outcome: reply(400, /CSeq method does not match/) },
  'mismatch02.dat': { outcome: reply(400, /CSeq method does not match/) },
  'bigcode.dat': { outcome: { silent: true, log: /bad status code 4294967301; dropped/ } },
  'badcseq.dat': { outcome: reply(400, /CSeq/) },
  'ncl.dat': { outcome: reply(400, /bad Content-Length "-999"/) },
  // semantic
  'badbranch.dat': { outcome: relayed },
  'insuf.dat': { outcome: silent, deviation: KAMAILIO_CORE },
  'unkscm.dat': { outcome: reply(416) },
  'novelsc.dat': { outcome: reply(416) },
  'unksm2.dat': { outcome: relayed },
  'bext01.dat': { outcome: reply(420) },
  'invut.dat': { outcome: relayed },
  'regaut01.dat': { outcome: relayed },
  'multi01.dat': { outcome: reply(400, /more than one/) },
  'mcl01.dat': { outcome: silent, deviation: 'sanity, like Kamailio 5.6, drops a request with two Content-Length headers without a reply' },
  'bcast.dat': {
    outcome: reply(200),
    deviation: 'with its Vias rewritten the broadcast address is gone: siprc, like Kamailio 5.6, passes the stray reply on by its second Via, here the test itself',
  },
  'zeromf.dat': { outcome: reply(483) },
  'cparam01.dat': { outcome: relayed },
  'cparam02.dat': { outcome: relayed },
  'regescrt.dat': { outcome: relayed },
  'sdp01.dat': { outcome: relayed },
  'inv2543.dat': { outcome: relayed },
};

const rows = rfc4475Manifest();

const isResponse = (file: string): boolean => readFileSync(join(CORPUS, file), 'latin1').startsWith('SIP/');

/**
 * Whether the manifest's words allow an outcome for a proxy: a status it
 * names; "accept", "forward" or "treat as" (and a registrar's accept,
 * challenge or 401: a proxy passes a REGISTER on to the registrar) for a
 * relay; "drop" for
 * silence, which is also what "accept" or "reject" come to for a response
 * without a transaction (no one to relay it to, no way to answer it).
 */
function manifestAllows(row: ManifestRow, outcome: Outcome): boolean {
  const what = row.what.replace(/\(.*\)/, '');
  if ('reply' in outcome) return outcome.reply.every((status) => what.includes(String(status)));
  if ('relayed' in outcome) return /\baccept|\bforward|^registrar:|^parse; treat as/.test(what);
  return /\bdrop\b/.test(what) || isResponse(row.file);
}

describe('RFC 4475 messages and their expectations', () => {
  it('test/fixtures/rfc4475 holds every file of the manifest (and what ../shared holds, byte for byte)', () => {
    const present = readdirSync(CORPUS).filter((f) => f.endsWith('.dat'));
    expect(rows.map((r) => r.file).sort()).toEqual(present.sort());
    if (existsSync(SHARED)) {
      for (const file of readdirSync(SHARED).filter((f) => f.endsWith('.dat') || f === 'MANIFEST.tsv')) {
        expect(`${file}: ${readFileSync(join(CORPUS, file)).equals(readFileSync(join(SHARED, file)))}`).toBe(`${file}: true`);
      }
    }
  });

  it('has an expectation for exactly the files of the manifest', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(rows.map((r) => r.file).sort());
  });

  it('expects what the manifest allows a proxy, or says why not and docs/server.md lists the file', () => {
    const doc = readFileSync('docs/server.md', 'utf8');
    for (const row of rows) {
      const { outcome, deviation } = EXPECTED[row.file]!;
      const allowed = manifestAllows(row, outcome);
      expect(`${row.file}: ${allowed ? 'allowed' : deviation ? 'deviation' : 'not allowed'}`).toBe(`${row.file}: ${deviation ? 'deviation' : 'allowed'}`);
      if (deviation) expect(`${row.file}: ${doc.includes(`\`${row.file}\``)}`).toBe(`${row.file}: true`);
    }
  });

  it.each(rows.map((r) => r.file))('%s: the rewrite points every Via value at the test socket, and only that', (file) => {
    const original = readFileSync(join(CORPUS, file));
    const text = rewriteVias(original, '127.0.0.1', 40000).toString('latin1');
    const vias = (t: string): string[] => headerFields(t).filter((f) => /^(via|v)[ \t]*:/i.test(f));
    const before = vias(original.toString('latin1'));
    const after = vias(text);
    expect(after.length).toBe(before.length);
    expect(after.length).toBeGreaterThan(0);
    for (const [i, field] of after.entries()) {
      const parsed = parseVias(field.slice(field.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' '));
      const count = (field.match(/127\.0\.0\.1:40000/g) ?? []).length;
      if (isSipError(parsed)) {
        // badinv01 and badvers: Vias siprc cannot parse still lose their host.
        expect(count).toBe(1);
        expect(field).not.toContain(/\d+\.\d+\.\d+\.\d+|example/.exec(before[i]!)?.[0] ?? '\u0000');
      } else {
        expect(parsed.map((v) => `${v.host}:${v.port}`)).toEqual(parsed.map(() => '127.0.0.1:40000'));
        expect(count).toBe(parsed.length);
      }
    }
    // Nothing but the Via fields changed: the first line, every other field and the body are as they were.
    const others = (t: string): string[] => [t.split(/\r?\n/)[0]!, ...headerFields(t).filter((f) => !/^(via|v)[ \t]*:/i.test(f)), t.slice(t.search(/\r?\n\r?\n/)).replace(/^(via|v)[ \t]*:.*$/gim, '')];
    expect(others(text)).toEqual(others(original.toString('latin1')));
  });
});

/** How long a file may take to be answered or relayed, and how long silence is waited for. */
const ANSWER_MS = 3000;
const SILENCE_MS = 600;

/** The status of a reply's first line. */
const statusOf = (text: string): number => Number(/^SIP\/2\.0 (\d+)/.exec(text)?.[1] ?? -1);

describe(`${SCRIPT} served by siprc, RFC 4475 messages over UDP`, () => {
  let server: RunningServer;
  let uas: Peer;
  beforeAll(async () => {
    uas = await udpUas(UAS);
    server = await startSiprc(SCRIPT);
  });
  afterAll(async () => {
    uas?.close();
    expect(await server?.stop()).toBe(0);
  }, 15_000);

  describe.each(rows)('$kind $file (RFC 4475 $section): $what', ({ file }) => {
    const { outcome } = EXPECTED[file]!;
    const what = 'reply' in outcome ? `answers ${outcome.reply.join(' or ')}` : 'relayed' in outcome ? 'relays it to the UAS and its 200 back' : 'drops it: no reply, nothing relayed';

    it(what, async () => {
      const client = await udpPeer();
      try {
        const logBefore = server.log().length;
        const mine = (text: string): boolean => text.includes(`127.0.0.1:${client.port}`);
        client.send(rewriteVias(readFileSync(join(CORPUS, file)), '127.0.0.1', client.port), PROXY);
        if ('silent' in outcome) {
          await new Promise((r) => setTimeout(r, SILENCE_MS));
          expect(client.received).toEqual([]);
        } else {
          const final = await client.waitFor((t) => statusOf(t) >= 200, ANSWER_MS);
          await new Promise((r) => setTimeout(r, 100));
          // One final reply, and only provisional ones besides it.
          expect(client.received.map(statusOf).filter((s) => s >= 200)).toEqual([statusOf(final)]);
          if ('reply' in outcome) {
            expect(outcome.reply).toContain(statusOf(final));
            if (outcome.reason) expect(final.split('\r\n')[0]).toMatch(outcome.reason);
          } else {
            expect(final).toMatch(/^SIP\/2\.0 200 OK\r\n/);
            // The UAS's reply, passed back.
            expect(final).toContain(`Contact: <sip:uas@127.0.0.1:${UAS}>`);
          }
        }
        const atUas = uas.received.filter((t) => !t.startsWith('SIP/') && mine(t));
        expect(atUas.length).toBe('relayed' in outcome ? 1 : 0);
        const log = server.log().slice(logBefore);
        if ('silent' in outcome && outcome.log) expect(log).toMatch(outcome.log);
        expect(log).not.toMatch(/ERROR|run-time error/);
      } finally {
        client.close();
      }
    });
  });

  it('still completes an ordinary call afterwards: INVITE, 200, ACK, BYE, 200 through siprc', async () => {
    const caller = await udpPeer();
    try {
      const head = (method: string, cseq: number, branch: string, toTag = ''): string[] => [
        `${method} sip:callee@127.0.0.1:${UAS} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${caller.port};branch=z9hG4bK${branch};rport`,
        'Max-Forwards: 70',
        `From: <sip:caller@127.0.0.1:${caller.port}>;tag=caller1`,
        `To: <sip:callee@127.0.0.1:${UAS}>${toTag}`,
        'Call-ID: rfc4475-wire-after@127.0.0.1',
        `CSeq: ${cseq} ${method}`,
        `Contact: <sip:caller@127.0.0.1:${caller.port}>`,
      ];
      const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n';
      caller.send([...head('INVITE', 1, 'call1'), 'Content-Type: application/sdp', `Content-Length: ${sdp.length}`, '', sdp].join('\r\n'), PROXY);
      const ok = await caller.waitFor((t) => /^SIP\/2\.0 200 /.test(t) && /CSeq: 1 INVITE/.test(t));
      const toTag = /^To:.*(;tag=\S+)/m.exec(ok)![1]!;
      caller.send([...head('ACK', 1, 'call1ack', toTag), 'Content-Length: 0', '', ''].join('\r\n'), PROXY);
      caller.send([...head('BYE', 2, 'call1bye', toTag), 'Content-Length: 0', '', ''].join('\r\n'), PROXY);
      await caller.waitFor((t) => /^SIP\/2\.0 200 /.test(t) && /CSeq: 2 BYE/.test(t));
      await uas.waitFor((t) => /^ACK /.test(t) && t.includes('rfc4475-wire-after'));
      const call = uas.received.filter((t) => t.includes('rfc4475-wire-after') && !t.startsWith('SIP/')).map((t) => t.split(' ')[0]);
      expect(call).toEqual(['INVITE', 'ACK', 'BYE']);
    } finally {
      caller.close();
    }
  });
});
