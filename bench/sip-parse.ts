// Benchmark: parsing an INVITE with SDP from a Buffer and reading Via, From,
// To, CSeq and Call-ID (target: 2 µs median), and building the forwarded
// INVITE (target: 3 µs median), beside the npm package `sip` (a pure-JS SIP
// parser) parsing the same message and reading the same headers.
//
//   npm run bench:sip
//
// Each figure is the median of per-batch means in one process, then the
// median over five processes.
import { fileURLToPath } from 'node:url';
import sip from 'sip';
import { buildForwardedRequest } from '../runtime/sip/builders.js';
import { isSipError } from '../runtime/sip/errors.js';
import { SipMessage } from '../runtime/sip/message.js';
import { acrossProcesses, measure, type Figures } from './measure.js';

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
function runOnce(): Figures {
  const result = { parse: measure(parseAndRead), forward: measure(forward), sip: measure(sipPackage) };
  void sink;
  return result;
}

const report = acrossProcesses(fileURLToPath(import.meta.url), runOnce);
if (report) {
  console.log(`message: INVITE with SDP, ${INVITE.length} bytes`);
  report.line('siprc: parse from Buffer, read Via, From, To, CSeq, Call-ID', 'parse', 2);
  report.line('siprc: build the forwarded INVITE', 'forward', 3);
  report.line('npm sip 0.0.6: parse, read the same headers', 'sip');
  console.log(`ratio: npm sip takes ${(report.median('sip') / report.median('parse')).toFixed(2)}x the time siprc takes`);
}
