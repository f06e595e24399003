// Benchmark: parsing an INVITE with SDP from a Buffer and reading Via, From,
// To, CSeq and Call-ID (target: 2 µs median), and building the forwarded
// INVITE (target: 3 µs median), beside the npm package `sip` (a pure-JS SIP
// parser) parsing the same message and reading the same headers.
//
//   npm run bench:sip
//
// Each figure is the median of per-batch means in one process, then the
// median over five processes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import sip from 'sip';
import { buildForwardedRequest } from '../runtime/sip/builders.js';
import { isSipError } from '../runtime/sip/errors.js';
import { SipMessage } from '../runtime/sip/message.js';

const INVITE = Buffer.from(
  [
    'INVITE sip:bob@biloxi.example.com SIP/2.0',
    'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.example.com>',
    'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:alice@pc33.atlanta.example.com>',
    'User-Agent: siprc-bench/1.0',
    'Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY',
    'Supported: replaces, timer',
    'Content-Type: application/sdp',
    'Content-Length: 142',
    '',
    'v=0\r\no=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\ns=-\r\nc=IN IP4 192.0.2.101\r\nt=0 0\r\nm=audio 49172 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n',
  ].join('\r\n'),
  'latin1',
);

/** Median time per operation in µs: batches of `batch` runs, `samples` batches after a warm-up. */
function measure(op: () => unknown, batch = 2000, samples = 150): number {
  for (let i = 0; i < batch * 20; i++) op();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) op();
    times.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

let sink: unknown;

const parseAndRead = (): void => {
  const m = SipMessage.parse(INVITE);
  if (isSipError(m)) throw new Error(m.reason);
  sink = [m.via(), m.from(), m.to(), m.cseq(), m.callId()];
};

const parsed = SipMessage.parse(INVITE) as SipMessage;
const forward = (): void => {
  sink = buildForwardedRequest(parsed, {
    via: { transport: 'UDP', host: '127.0.0.1', port: 5060, branch: 'z9hG4bK.siprc.1' },
    source: { address: '192.0.2.101', port: 5060 },
  });
};

const sipPackage = (): void => {
  const m = sip.parse(INVITE);
  sink = [m.headers.via[0], m.headers.from, m.headers.to, m.headers.cseq, m.headers['call-id']];
};

/** One process's medians, in µs. */
function runOnce(): { parse: number; forward: number; sip: number } {
  const result = { parse: measure(parseAndRead), forward: measure(forward), sip: measure(sipPackage) };
  void sink;
  return result;
}

// A JIT can settle differently from one process to the next, so the figures
// are the median over several fresh processes; the spread is printed too.
const PROCESSES = 5;
if (process.env.SIPRC_BENCH_CHILD) {
  console.log(JSON.stringify(runOnce()));
} else {
  const self = fileURLToPath(import.meta.url);
  const runs = Array.from({ length: PROCESSES }, () =>
    JSON.parse(execFileSync(process.execPath, [self], { env: { ...process.env, SIPRC_BENCH_CHILD: '1' }, encoding: 'utf8' })) as ReturnType<typeof runOnce>,
  );
  const median = (key: keyof ReturnType<typeof runOnce>): number => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(PROCESSES / 2)]!;
  const spread = (key: keyof ReturnType<typeof runOnce>): string => {
    const values = runs.map((r) => r[key]);
    return `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
  };
  const line = (name: string, key: keyof ReturnType<typeof runOnce>, target?: number): void => {
    const us = median(key);
    const verdict = target === undefined ? '' : `   (target ${target} µs: ${us <= target ? 'met' : 'NOT MET'})`;
    console.log(`${name.padEnd(58)} ${us.toFixed(2).padStart(6)} µs median   [${spread(key)} over ${PROCESSES} processes]${verdict}`);
  };
  console.log(`message: INVITE with SDP, ${INVITE.length} bytes`);
  line('siprc: parse from Buffer, read Via, From, To, CSeq, Call-ID', 'parse', 2);
  line('siprc: build the forwarded INVITE', 'forward', 3);
  line('npm sip 0.0.6: parse, read the same headers', 'sip');
  console.log(`ratio: npm sip takes ${(median('sip') / median('parse')).toFixed(2)}x the time siprc takes`);
}
