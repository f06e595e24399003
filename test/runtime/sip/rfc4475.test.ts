// RFC 4475 torture messages (test/fixtures/rfc4475): every file of the
// manifest is checked. `valid` and `semantic` messages parse, and their
// Call-ID, CSeq, top Via, From/To and body length match values written down
// independently from the raw files (rfc4475-expected.json); `invalid` messages
// are rejected with a reason, except where the manifest allows leniency.
// Semantic rules (a 416, a 483, a duplicated single-value header) belong to
// the server and are not the parser's to enforce.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSipError, type SipError } from '../../../runtime/sip/errors.js';
import { tagOf } from '../../../runtime/sip/headers/name-addr.js';
import { viaParam } from '../../../runtime/sip/headers/via.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { rfc4475Manifest, RFC4475_CORPUS as CORPUS } from '../../rfc4475-manifest.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Expected {
  isRequest: boolean;
  method: string | null;
  requestUri: string | null;
  status: number | null;
  callId: string | null;
  cseq: { seq: number; method: string } | null;
  topViaBranch: string | null;
  topViaHost: string;
  topViaTransport: string;
  from: { uri: string; tag: string | null } | null;
  to: { uri: string; tag: string | null } | null;
  bodyLength: number;
}

const expected = JSON.parse(readFileSync(join(here, 'rfc4475-expected.json'), 'utf8')) as Record<string, Expected>;

const rows = rfc4475Manifest();

/**
 * Invalid messages the manifest lets a parser accept, each with its words:
 * siprc accepts these (nothing a proxy routes on is wrong in them).
 */
const LENIENT: Record<string, string> = {
  'baddate.dat': 'accept leniently (Date is not needed)',
  'badaspec.dat': 'accept leniently (spaces within addr-spec)',
  'baddn.dat': 'accept leniently (non-token characters in display name)',
};

/** Parses and fully checks a message: the message, or the first problem found. */
function parseChecked(file: string): SipMessage | SipError {
  const message = SipMessage.parse(readFileSync(join(CORPUS, file)));
  if (isSipError(message)) return message;
  return message.check() ?? message;
}

function value<T>(v: T | SipError | undefined): T | null {
  if (isSipError(v)) throw new Error(`unexpected error: ${v.reason}`);
  return v ?? null;
}

describe('RFC 4475 manifest', () => {
  it('lists every file, each with a known class', () => {
    expect(rows.length).toBeGreaterThanOrEqual(49);
    for (const row of rows) expect(['valid', 'invalid', 'semantic']).toContain(row.kind);
  });

  it('has independent expectations for exactly the valid and semantic files', () => {
    const parsing = rows.filter((r) => r.kind !== 'invalid').map((r) => r.file).sort();
    expect(Object.keys(expected).sort()).toEqual(parsing);
  });

  it('allows leniency only where the manifest says so', () => {
    for (const [file, words] of Object.entries(LENIENT)) {
      const row = rows.find((r) => r.file === file)!;
      expect(row.kind).toBe('invalid');
      expect(row.what).toContain(words);
    }
  });
});

describe.each(rows.filter((r) => r.kind !== 'invalid'))('$kind $file (RFC 4475 $section)', ({ file }) => {
  const want = expected[file]!;
  const parsed = parseChecked(file);

  it('parses and passes every header check', () => {
    expect(isSipError(parsed) ? parsed.reason : 'parsed').toBe('parsed');
  });

  it('reads the first line, Call-ID, CSeq, top Via, From, To and body length', () => {
    const m = parsed as SipMessage;
    expect(m.isRequest).toBe(want.isRequest);
    if (want.isRequest) {
      expect(m.method).toBe(want.method);
      expect(m.requestUriText).toBe(want.requestUri);
    } else {
      expect(m.status).toBe(want.status);
    }
    expect(value(m.callId())).toBe(want.callId);
    const cseq = value(m.cseq());
    expect(cseq && { seq: cseq.seq, method: cseq.method }).toEqual(want.cseq);
    const via = value(m.via())!;
    expect(via.host).toBe(want.topViaHost);
    expect(via.transport).toBe(want.topViaTransport);
    expect(viaParam(via, 'branch') ?? null).toBe(want.topViaBranch);
    for (const [side, got] of [['from', value(m.from())], ['to', value(m.to())]] as const) {
      expect(got && { uri: got.uriText, tag: tagOf(got) ?? null }).toEqual(want[side]);
    }
    expect(m.body.length).toBe(want.bodyLength);
  });
});

describe.each(rows.filter((r) => r.kind === 'invalid'))('invalid $file (RFC 4475 $section)', ({ file, what }) => {
  it(LENIENT[file] ? `is accepted: the manifest allows "${LENIENT[file]}"` : `is rejected with a reason (${what})`, () => {
    const result = parseChecked(file);
    if (LENIENT[file]) {
      expect(isSipError(result) ? result.reason : 'parsed').toBe('parsed');
    } else {
      expect(isSipError(result)).toBe(true);
      expect((result as SipError).reason.length).toBeGreaterThan(10);
      expect((result as SipError).status).toBe(what.includes('505') ? 505 : 400);
    }
  });
});
