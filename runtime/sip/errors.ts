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

export function sipError(reason: string, status = 400): SipError {
  return { kind: 'sip-error', reason, status };
}

export function isSipError(value: unknown): value is SipError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sip-error';
}
