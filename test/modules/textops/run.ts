// Helper for the textops and textopsx tests: the INVITE the values were
// recorded with on Kamailio 5.6, a script header, and a request route run
// through siprc exec (logs, and the forwarded message with its Vias
// normalised: branches starred, parameters sorted).

import { runScript, sipMessage } from '../run-script.js';

export const HEAD = `listen=udp:127.0.0.1:7460
loadmodule "textops.so"
loadmodule "textopsx.so"
loadmodule "xlog.so"
loadmodule "pv.so"
loadmodule "sl.so"
`;

export const SDP = ['v=0', 'o=alice 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv', ''].join('\r\n');

/** The request's header lines (Content-Length last, matching SDP). */
export const INVITE_HEADERS = [
  'INVITE sip:bob@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=z9hG4bK-1;rport',
  'v: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK-0',
  'Max-Forwards: 70',
  'From: "Alice" <sip:alice@127.0.0.1>;tag=a1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: c1@x',
  'CSeq: 1 INVITE',
  'Contact: <sip:alice@127.0.0.1:7461>',
  'Supported: path, 100rel',
  'P-One: first',
  'X-Foo: a, b',
  'X-Foo: c',
  'Content-Type: application/sdp',
  `Content-Length: ${SDP.length}`,
];

/** The INVITE with header lines added after Call-ID (and another body, when given with its type). */
export function invite(extra: readonly string[] = [], body?: { readonly type: string; readonly text: string }): string {
  const at = INVITE_HEADERS.indexOf('Call-ID: c1@x') + 1;
  const lines = [...INVITE_HEADERS.slice(0, at), ...extra, ...INVITE_HEADERS.slice(at)];
  if (!body) return sipMessage(lines, SDP);
  return sipMessage(
    lines.map((l) => (l.startsWith('Content-Type:') ? `Content-Type: ${body.type}` : l.startsWith('Content-Length:') ? `Content-Length: ${Buffer.byteLength(body.text, 'latin1')}` : l)),
    body.text,
  );
}

/** A Via line with its branch starred and its parameters sorted. */
function normalisedVia(line: string): string {
  const [head, ...params] = line.replace(/branch=z9hG4bK[^;,\r]*/, 'branch=*').split(';');
  return [head, ...params.sort()].join(';');
}

export interface Run {
  /** The log lines, without the `<script>: ` prefix. */
  readonly logs: string[];
  /** The first message sent, as lines (CRLF ends split), its forwarding Vias normalised. */
  readonly sent: string[] | undefined;
  readonly stderr: string;
}

/** Runs the request route `route` (the text inside request_route { }) on the message. */
export function run(route: string, message: string = invite(), head: string = HEAD): Run {
  const out = runScript(`${head}request_route {\n${route}\n}\n`, message, { source: '127.0.0.1:7461' });
  const first = out.sent[0]?.text;
  return {
    logs: out.logs,
    sent: first?.split('\r\n').map((l) => (/^Via: /.test(l) ? normalisedVia(l) : l)),
    stderr: out.stderr,
  };
}

/** The header lines of a sent message (first line and body left out). */
export const headersOf = (lines: readonly string[] | undefined): string[] => (lines ?? []).slice(1, (lines ?? []).indexOf(''));

/** The body of a sent message. */
export const bodyOf = (lines: readonly string[] | undefined): string => (lines ?? []).slice((lines ?? []).indexOf('') + 1).join('\r\n');

/** The Via lines siprc and Kamailio write when forwarding the INVITE (normalised). */
export const FORWARD_VIAS = ['Via: SIP/2.0/UDP 127.0.0.1:7460;branch=*', 'Via: SIP/2.0/UDP 127.0.0.1:7461;branch=*;received=127.0.0.1;rport=7461'];
