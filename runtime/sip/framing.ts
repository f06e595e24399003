// Framing for stream transports (TCP, TLS): splits a byte stream into SIP
// messages by their Content-Length, within limits, and reports CRLF
// keep-alives (RFC 5626) separately. An error means the stream cannot be read
// further and the connection should be closed.

import { sipError, type SipError } from './errors.js';

export interface FramingLimits {
  /** Largest start line plus headers accepted, in bytes. */
  readonly maxHeaderSize: number;
  /** Largest body accepted, in bytes. */
  readonly maxBodySize: number;
}

export const DEFAULT_FRAMING_LIMITS: FramingLimits = { maxHeaderSize: 16384, maxBodySize: 65535 };

export type Frame =
  | { readonly kind: 'message'; readonly data: Buffer }
  /** A CRLF keep-alive ping (a double CRLF between messages): answer with one CRLF. */
  | { readonly kind: 'ping' }
  | { readonly kind: 'error'; readonly error: SipError };

const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\S*)[ \t]*$/im;

export class StreamFramer {
  private pending: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly limits: FramingLimits = DEFAULT_FRAMING_LIMITS) {}

  /** Bytes received but not yet part of a complete message. */
  get buffered(): number {
    return this.pending.length;
  }

  /** Adds received bytes; returns the frames now complete, in order. */
  push(chunk: Buffer): Frame[] {
    if (this.failed) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
      if (frame.kind === 'error') {
        this.failed = true;
        this.pending = Buffer.alloc(0);
        break;
      }
    }
    return frames;
  }

  private next(): Frame | undefined {
    const buf = this.pending;
    // Line ends between messages: a double CRLF is a keep-alive ping, a single one is ignored.
    let start = 0;
    while (start < buf.length && (buf[start] === 13 || buf[start] === 10)) start++;
    if (start > 0) {
      const pings = buf.subarray(0, start).toString('latin1').split('\r\n\r\n').length - 1;
      if (start === buf.length && pings === 0) return undefined;
      this.pending = buf.subarray(start);
      if (pings > 0) return { kind: 'ping' };
      return this.next();
    }
    const headerEnd = buf.indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      if (buf.length > this.limits.maxHeaderSize) return { kind: 'error', error: sipError(`headers larger than ${this.limits.maxHeaderSize} bytes`, 513) };
      return undefined;
    }
    if (headerEnd > this.limits.maxHeaderSize) return { kind: 'error', error: sipError(`headers larger than ${this.limits.maxHeaderSize} bytes`, 513) };
    const head = buf.toString('latin1', 0, headerEnd).replace(/\r\n[ \t]+/g, ' ');
    const match = CONTENT_LENGTH.exec(head);
    if (!match) return { kind: 'error', error: sipError('Content-Length is required on a stream transport') };
    if (!/^\d{1,10}$/.test(match[1]!)) return { kind: 'error', error: sipError(`bad Content-Length "${match[1]}"`) };
    const length = Number(match[1]);
    if (length > this.limits.maxBodySize) return { kind: 'error', error: sipError(`body of ${length} bytes is larger than ${this.limits.maxBodySize}`, 513) };
    const total = headerEnd + 4 + length;
    if (buf.length < total) return undefined;
    this.pending = buf.subarray(total);
    return { kind: 'message', data: buf.subarray(0, total) };
  }
}
