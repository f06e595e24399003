// What every request must carry before the script sees it: a readable top
// Via (where replies go, and the branch), and one readable From, To, Call-ID
// and CSeq each (what identifies its transaction and dialog). Kamailio's
// core drops a request without them; siprc answers 400 with the reason
// where a reply can be built (see docs/server.md).

import { isSipError } from '../sip/errors.js';
import { HOT } from '../sip/header-names.js';
import type { SipMessage } from '../sip/message.js';

/** Each header, its place among the parser's HOT headers (which counts their lines), and how it is read. */
const READERS: ReadonlyArray<readonly [string, number, (m: SipMessage) => unknown]> = [
  ['From', HOT.from, (m) => m.from()],
  ['To', HOT.to, (m) => m.to()],
  ['Call-ID', HOT.callId, (m) => m.callId()],
  ['CSeq', HOT.cseq, (m) => m.cseq()],
];

/** Why the request cannot be served (a header missing, repeated or unreadable), or undefined. */
export function transactionHeadersProblem(message: SipMessage): string | undefined {
  const via = message.via();
  if (via === undefined) return 'missing Via';
  if (isSipError(via)) return via.reason;
  for (const [name, hot, read] of READERS) {
    const lines = message.hotLines(hot);
    if (lines === 0) return `missing ${name}`;
    if (lines > 1) return `more than one ${name}`;
    const value = read(message);
    if (value === undefined) return `missing ${name}`;
    if (isSipError(value)) return value.reason;
  }
  return undefined;
}
