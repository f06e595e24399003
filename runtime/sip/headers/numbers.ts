// Numeric header values: Content-Length, Max-Forwards, Expires, Min-Expires,
// Retry-After.

import { parseDecimal } from '../chars.js';
import { sipError, type SipError } from '../errors.js';
import { Cursor } from './scan.js';

/** delta-seconds values must fit in 32 bits (RFC 3261 section 20.19). */
export const MAX_DELTA_SECONDS = 2 ** 32 - 1;

function decimal(raw: string, what: string, max: number): number | SipError {
  const text = raw.trim();
  const value = parseDecimal(text, max);
  if (value === undefined) {
    return sipError(/^\d+$/.test(text) ? `bad ${what} "${text}": larger than ${max}` : `bad ${what} "${text}": a number expected`);
  }
  return value;
}

export function parseContentLength(raw: string): number | SipError {
  return decimal(raw, 'Content-Length', 2 ** 31 - 1);
}

export function parseMaxForwards(raw: string): number | SipError {
  return decimal(raw, 'Max-Forwards', 255);
}

export function parseExpires(raw: string): number | SipError {
  return decimal(raw, 'Expires', MAX_DELTA_SECONDS);
}

/** Retry-After: delta-seconds, an optional comment, optional parameters. */
export function parseRetryAfter(raw: string): number | SipError {
  const c = new Cursor(raw.trim());
  const digits = c.token();
  const value = decimal(digits, 'Retry-After', MAX_DELTA_SECONDS);
  if (typeof value !== 'number') return value;
  c.skipWhite();
  if (c.peek() === 40 /* ( */) {
    const close = raw.indexOf(')', c.pos);
    if (close < 0) return sipError('bad Retry-After: unterminated comment');
    c.pos = close + 1;
  }
  const params = c.params('Retry-After');
  if (!Array.isArray(params)) return params;
  return value;
}
