// Property tests of the SIP message layer (fast-check): bad input of any shape
// comes back as a SipError value, never an exception; a valid message parses,
// is written out and parses again to the same values; and lumps give the wire
// text a plain list-of-lines model of the same edits gives.

import fc from 'fast-check';
import { MessageEdits } from '../../../runtime/sip/edits.js';
import { isSipError, type SipError } from '../../../runtime/sip/errors.js';
import { tagOf } from '../../../runtime/sip/headers/name-addr.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { parseUri } from '../../../runtime/sip/uri.js';

const BASE = [
  'INVITE sip:bob@127.0.0.1:5070;transport=udp SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK776;rport, SIP/2.0/TCP [::1]:5062;branch=z9hG4bK.x;received=127.0.0.1',
  'Max-Forwards: 70',
  'f: "Alice \\"A\\"" <sip:alice@127.0.0.1>;tag=1928',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: a84b4c76e66710@127.0.0.1',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@127.0.0.1:5060;ob>;expires=60;q=0.5, *',
  'Route: <sip:127.0.0.1;lr>, <sip:127.0.0.2;lr>',
  'Authorization: Digest username="alice", realm="x", nonce="n", uri="sip:bob@127.0.0.1", response="0123"',
  'Supported: timer,',
  '  replaces',
  'Content-Type: application/sdp',
  'l: 24',
  '',
  'v=0\r\ns=-\r\nc=IN IP4 0.0.0.0',
].join('\r\n');

/** Every reader of a message, so that a property exercises them all. */
function readEverything(m: SipMessage): void {
  m.check();
  m.requestUri();
  m.via();
  m.vias();
  m.from();
  m.to();
  m.callId();
  m.cseq();
  m.maxForwards();
  m.contentLength();
  m.contentType();
  m.expires();
  m.contacts();
  m.routes();
  m.recordRoutes();
  m.path();
  m.diversion();
  m.assertedIdentities();
  m.event();
  m.auth('authorization');
  m.auth('www-authenticate');
  m.tokens('supported');
  m.userAgent();
  for (let i = 0; i < m.headerCount; i++) m.headerValue(i);
  void m.body;
  void m.reasonText;
  const from = m.from();
  if (from && !isSipError(from)) parseUri(from.uriText);
}

function parseNeverThrows(bytes: Buffer): void {
  const m = SipMessage.parse(bytes);
  if (!isSipError(m)) readEverything(m);
  SipMessage.parse(bytes, { stream: true });
}

const NASTY = ['\r', '\n', '\r\n', ':', ',', ';', '"', '<', '>', '\\', '\0', ' ', '\t', '%', '[', ']', '=', '@', '\u00ff', 'SIP/2.0'];

describe('bad input never throws', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => parseNeverThrows(Buffer.from(bytes))), { numRuns: 1500 });
  });

  it('a valid message with bytes flipped, cut, duplicated or inserted', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...NASTY) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        let text = BASE;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'flip') text = text.slice(0, at) + String.fromCharCode(m.byte) + text.slice(at + 1);
          else if (m.kind === 'cut') text = text.slice(0, at);
          else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
          else text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        }
        parseNeverThrows(Buffer.from(text, 'latin1'));
      }),
      { numRuns: 1500 },
    );
  });
});

// ---- valid messages ---------------------------------------------------------

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.!%*_+`'~-]{0,11}$/);
const host = fc.oneof(
  fc.constantFrom('127.0.0.1', '[::1]', '[2001:db8::1]'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}(\.[a-z][a-z0-9-]{0,8}){0,2}$/),
);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const user = fc.stringMatching(/^[A-Za-z0-9_.!~*'()&=+$,;?/-]{1,12}$/).filter((u) => !u.startsWith(';') && !u.includes('?'));
const uri = fc
  .record({ scheme: fc.constantFrom('sip', 'sips'), user: fc.option(user, { nil: undefined }), host, port, lr: fc.boolean() })
  .map((u) => `${u.scheme}:${u.user ? `${u.user}@` : ''}${u.host}${u.port ? `:${u.port}` : ''}${u.lr ? ';lr' : ''}`);
const display = fc.option(
  fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), fc.stringMatching(/^[ -!#-[\]-~]{0,10}$/).map((s) => `"${s}"`)),
  { nil: undefined },
);
const nameAddr = fc
  .record({ display, uri, tag: fc.option(token, { nil: undefined }) })
  .map((v) => `${v.display ? `${v.display} ` : ''}<${v.uri}>${v.tag ? `;tag=${v.tag}` : ''}`);
const via = fc
  .record({ transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS'), host, port, branch: token, rport: fc.boolean() })
  .map((v) => `SIP/2.0/${v.transport} ${v.host}${v.port ? `:${v.port}` : ''};branch=z9hG4bK${v.branch}${v.rport ? ';rport' : ''}`);
const method = fc.constantFrom('INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'MESSAGE', 'X-CUSTOM.1');
/** A header name: full or compact, in any case. */
const named = (full: string, compact?: string) => fc.constantFrom(full, full.toUpperCase(), full.toLowerCase(), ...(compact ? [compact, compact.toUpperCase()] : []));

const message = fc
  .record({
    method,
    ruri: uri,
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    viaName: named('Via', 'v'),
    foldVia: fc.boolean(),
    from: nameAddr,
    fromName: named('From', 'f'),
    to: nameAddr,
    toName: named('To', 't'),
    callId: fc.stringMatching(/^[A-Za-z0-9.!%*_+`'~()<>:\\"/[\]?{}-]{1,20}(@[a-z0-9.]{1,10})?$/),
    callIdName: named('Call-ID', 'i'),
    seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    extra: fc.array(fc.tuple(token, fc.stringMatching(/^[ -~]{0,20}$/).map((s) => s.trim())), { maxLength: 4 }),
    body: fc.stringMatching(/^[ -~\r\n]{0,60}$/),
    lengthName: named('Content-Length', 'l'),
  })
  .map((g) => {
    const viaValue = g.foldVia && g.vias.length > 1 ? g.vias.join(',\r\n ') : g.vias.join(', ');
    const lines = [
      `${g.method} ${g.ruri} SIP/2.0`,
      `${g.viaName}: ${viaValue}`,
      `${g.fromName}: ${g.from}`,
      `${g.toName}: ${g.to}`,
      `${g.callIdName}: ${g.callId}`,
      `CSeq: ${g.seq} ${g.method}`,
      ...g.extra.map(([name, value]) => `X-${name}: ${value}`),
      `${g.lengthName}: ${Buffer.byteLength(g.body, 'latin1')}`,
      '',
      g.body,
    ];
    return { generated: g, wire: Buffer.from(lines.join('\r\n'), 'latin1') };
  });

function plain<T>(v: T | SipError | undefined): T {
  if (v === undefined) throw new Error('missing');
  if (isSipError(v)) throw new Error(v.reason);
  return v as T;
}

/** What a proxy reads from a message, as plain values. */
function valuesOf(m: SipMessage): unknown {
  const from = plain(m.from());
  const to = plain(m.to());
  return {
    method: m.method,
    ruri: m.requestUriText,
    vias: plain(m.vias()).map((v) => ({ transport: v.transport, host: v.host, port: v.port, params: v.params })),
    from: { uri: from.uriText, tag: tagOf(from), display: from.displayName },
    to: { uri: to.uriText, tag: tagOf(to), display: to.displayName },
    callId: plain(m.callId()),
    cseq: plain(m.cseq()),
    headers: Array.from({ length: m.headerCount }, (_, i) => [m.headerKey(i), m.headerValue(i)]),
    body: m.body.toString('latin1'),
  };
}

describe('valid messages', () => {
  it('parse, with the values they were generated from', () => {
    fc.assert(
      fc.property(message, ({ generated: g, wire }) => {
        const m = SipMessage.parse(wire);
        if (isSipError(m)) throw new Error(`${m.reason}\n${wire.toString('latin1')}`);
        expect(m.check()).toBeUndefined();
        const values = valuesOf(m) as { callId: string; cseq: { seq: number; method: string }; body: string; vias: unknown[] };
        expect(values.callId).toBe(g.callId);
        expect(values.cseq).toEqual({ seq: g.seq, method: g.method });
        expect(values.vias).toHaveLength(g.vias.length);
        expect(values.body).toBe(g.body);
      }),
      { numRuns: 500 },
    );
  });

  it('parse, write out and parse again to the same values', () => {
    fc.assert(
      fc.property(message, ({ wire }) => {
        const first = SipMessage.parse(wire) as SipMessage;
        const again = SipMessage.parse(new MessageEdits(first).toBuffer());
        if (isSipError(again)) throw new Error(again.reason);
        expect(valuesOf(again)).toEqual(valuesOf(first));
      }),
      { numRuns: 500 },
    );
  });
});

// ---- lumps against a model ----------------------------------------------------

type Edit =
  | { kind: 'remove'; at: number }
  | { kind: 'replace'; at: number; value: string }
  | { kind: 'before'; at: number; line: string }
  | { kind: 'after'; at: number; line: string }
  | { kind: 'append'; line: string }
  | { kind: 'insert'; line: string }
  | { kind: 'body'; body: string };

const headerLine = fc.tuple(token, fc.stringMatching(/^[!-~][ -~]{0,15}$/)).map(([n, v]) => `X-${n}: ${v.trim()}`);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.stringMatching(/^[!-~]{1,12}$/) }),
  fc.record({ kind: fc.constant('before' as const), at: fc.nat(), line: headerLine }),
  fc.record({ kind: fc.constant('after' as const), at: fc.nat(), line: headerLine }),
  fc.record({ kind: fc.constant('append' as const), line: headerLine }),
  fc.record({ kind: fc.constant('insert' as const), line: headerLine }),
  fc.record({ kind: fc.constant('body' as const), body: fc.stringMatching(/^[ -~]{0,30}$/) }),
);

/**
 * The model: the original header lines as a list of slots, each with what is
 * added before and after it; edits change the slots, then the list is joined.
 * Content-Length lines are rewritten from the body that is sent.
 */
function modelWire(m: SipMessage, edits: Edit[]): string {
  const slots = Array.from({ length: m.headerCount }, (_, i) => ({
    name: m.headerName(i),
    line: m.headerLine(i).replace(/\r?\n/g, '\r\n'),
    removed: false,
    value: undefined as string | undefined,
    before: [] as string[],
    after: [] as string[],
  }));
  const first: string[] = [];
  const last: string[] = [];
  let body = m.body.toString('latin1');
  for (const e of edits) {
    if (e.kind === 'append') last.push(e.line);
    else if (e.kind === 'insert') first.push(e.line);
    else if (e.kind === 'body') body = e.body;
    else {
      const slot = slots[e.at % slots.length]!;
      if (e.kind === 'remove') slot.removed = true;
      else if (e.kind === 'replace') slot.value = e.value;
      else if (e.kind === 'before') slot.before.push(e.line);
      else slot.after.push(e.line);
    }
  }
  const out = [`${m.method} ${m.requestUriText} SIP/2.0`, ...first];
  let lengthWritten = false;
  for (const [i, slot] of slots.entries()) {
    out.push(...slot.before);
    if (m.isHeader(i, 'content-length')) {
      if (!lengthWritten) out.push(`${slot.name}: ${body.length}`);
      lengthWritten = true;
    } else if (!slot.removed) {
      out.push(slot.value === undefined ? slot.line.replace(/\r\n$/, '') : `${slot.name}: ${slot.value}`);
    }
    out.push(...slot.after);
  }
  out.push(...last);
  if (!lengthWritten) out.push(`Content-Length: ${body.length}`);
  return `${out.join('\r\n')}\r\n\r\n${body}`;
}

describe('lumps', () => {
  it('give the wire text the list-of-lines model gives', () => {
    fc.assert(
      fc.property(message, fc.array(edit, { maxLength: 10 }), ({ wire }, edits) => {
        const m = SipMessage.parse(wire) as SipMessage;
        const lumps = new MessageEdits(m);
        for (const e of edits) {
          if (e.kind === 'append') lumps.appendHeader(e.line);
          else if (e.kind === 'insert') lumps.insertHeader(e.line);
          else if (e.kind === 'body') lumps.setBody(e.body);
          else {
            const at = e.at % m.headerCount;
            if (e.kind === 'remove') lumps.removeHeader(at);
            else if (e.kind === 'replace') lumps.replaceHeaderValue(at, e.value);
            else if (e.kind === 'before') lumps.addHeaderBefore(at, e.line);
            else lumps.addHeaderAfter(at, e.line);
          }
        }
        expect(lumps.toBuffer().toString('latin1')).toBe(modelWire(m, edits));
        // Lumps do not change what the message reads (until msg_apply_changes).
        expect(valuesOf(m)).toEqual(valuesOf(SipMessage.parse(wire) as SipMessage));
      }),
      { numRuns: 500 },
    );
  });
});
