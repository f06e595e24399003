// Errors of the SIP message layer are values, never exceptions: each carries
// a reason that can go into a reply's reason phrase or a log line, and the
// status a server should answer a bad request with.

export interface SipError {
  readonly kind: 'sip-error';
  /** What is wrong, in words fit for a 400 reason phrase or a log line. */
  readonly reason: string;
  /** The status to answer a request that has this problem with (400, 505, 513, ...). */
  readonly status: number;
}

/**
 * A class, so that telling an error from a parsed value is an `instanceof`:
 * reading `kind` off whatever a parser returned (URIs, name-addrs, CSeqs,
 * ...) was a property load of many shapes at one place, the slow kind in V8.
 */
class SipErrorValue implements SipError {
  readonly kind = 'sip-error';
  constructor(
    readonly reason: string,
    readonly status: number,
  ) {}
}

export function sipError(reason: string, status = 400): SipError {
  return new SipErrorValue(reason, status);
}

export function isSipError(value: unknown): value is SipError {
  return value instanceof SipErrorValue;
}
