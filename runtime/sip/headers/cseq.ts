// CSeq: a sequence number below 2^31 and a method.

import { DIGIT, TOKEN } from '../chars.js';
import { sipError, type SipError } from '../errors.js';

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** RFC 3261 8.1.1.5: the number must be less than 2^31. */
export const MAX_CSEQ = 2 ** 31 - 1;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** The CSeq value in raw[start, end). */
export function parseCSeq(raw: string, start = 0, end = raw.length): CSeq | SipError {
  let i = start;
  while (i < end && isBlank(raw.charCodeAt(i))) i++;
  const digitsStart = i;
  let seq = 0;
  // The number is read as it is scanned; past MAX_CSEQ it only needs to stay above it.
  for (let c = raw.charCodeAt(i); i < end && DIGIT[c] === 1; c = raw.charCodeAt(++i)) if (seq <= MAX_CSEQ) seq = seq * 10 + c - 48;
  const digitsEnd = i;
  while (i < end && isBlank(raw.charCodeAt(i))) i++;
  const methodStart = i;
  while (i < end && TOKEN[raw.charCodeAt(i)] === 1) i++;
  const methodEnd = i;
  while (i < end && isBlank(raw.charCodeAt(i))) i++;
  if (digitsEnd === digitsStart || methodStart === digitsEnd || methodEnd === methodStart || i !== end) {
    return sipError(`bad CSeq "${raw.slice(start, end).trim()}": a number and a method expected`);
  }
  if (seq > MAX_CSEQ) return sipError(`bad CSeq "${raw.slice(start, end).trim()}": the number must be below 2^31`);
  return { seq, method: raw.slice(methodStart, methodEnd) };
}
