// CSeq: a sequence number below 2^31 and a method.

import { TOKEN, parseDecimal } from '../chars.js';
import { sipError, type SipError } from '../errors.js';

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** RFC 3261 8.1.1.5: the number must be less than 2^31. */
export const MAX_CSEQ = 2 ** 31 - 1;

export function parseCSeq(raw: string): CSeq | SipError {
  const match = /^\s*(\d+)\s+(\S+)\s*$/.exec(raw);
  if (!match) return sipError(`bad CSeq "${raw.trim()}": a number and a method expected`);
  const seq = parseDecimal(match[1]!, MAX_CSEQ);
  if (seq === undefined) return sipError(`bad CSeq "${raw.trim()}": the number must be below 2^31`);
  const method = match[2]!;
  for (let i = 0; i < method.length; i++) {
    if (TOKEN[method.charCodeAt(i)] !== 1) return sipError(`bad CSeq "${raw.trim()}": bad method`);
  }
  return { seq, method };
}
