// How far Kamailio's header parser gets in a message: it reads the header
// lines in order and stops for good at one it cannot read. A check that needs
// a header after that line, or every header, fails there without a reply
// (Kamailio cannot build one for such a message either).

import { isSipError } from '../../runtime/sip/errors.js';
import { parseNameAddr } from '../../runtime/sip/headers/name-addr.js';
import { parseContentLength, parseRetryAfter } from '../../runtime/sip/headers/numbers.js';
import { parseVias } from '../../runtime/sip/headers/via.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { headerKey } from '../../runtime/sip/header-names.js';

const HEADER_NAME = /^[A-Za-z0-9._+~-]+$/;
const SINGLE = new Set(['from', 'to', 'call-id', 'cseq', 'content-length', 'max-forwards']);
/** A CSeq as Kamailio's parser takes it: two words (the number's size is check 64's business). */
const CSEQ_SHAPE = /^\s*\S+\s+\S+\s*$/;

const READERS: Readonly<Record<string, (value: string) => boolean>> = {
  via: (v) => !isSipError(parseVias(v)),
  to: (v) => !isSipError(parseNameAddr(v, 'To')),
  cseq: (v) => CSEQ_SHAPE.test(v),
  'content-length': (v) => !isSipError(parseContentLength(v)),
  'retry-after': (v) => !isSipError(parseRetryAfter(v)),
};

/**
 * The header line at which Kamailio's parser stops, or undefined when it
 * reads them all: a name with characters it does not accept (`%`, `!`, `*`,
 * backquote, `'`), a second From, To, Call-ID, CSeq, Content-Length or
 * Max-Forwards, a Via, To, CSeq, Content-Length or Retry-After it cannot
 * parse.
 */
function parserStop(m: SipMessage): number | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < m.headerCount; i++) {
    const name = m.headerName(i);
    const key = headerKey(name);
    if (!HEADER_NAME.test(name) || (SINGLE.has(key) && seen.has(key)) || READERS[key]?.(m.headerValue(i)) === false) return i;
    seen.add(key);
  }
  return undefined;
}

/**
 * Whether Kamailio's parser gets to the first line of each named header (one
 * that is absent it looks for to the end); with no names, whether it reads
 * every header.
 */
export function parserReaches(m: SipMessage, ...names: string[]): boolean {
  const stop = parserStop(m);
  if (stop === undefined) return true;
  return names.length > 0 && names.every((name) => {
    const first = m.findHeader(name);
    return first >= 0 && first < stop;
  });
}
