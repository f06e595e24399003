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
  /** Received bytes not yet framed: store[0, used). The store grows by doubling, so bytes arriving one at a time cost linear time. */
  private store: Buffer = Buffer.alloc(0);
  private used = 0;
  /** How far the search for the end of the headers got (it resumes there). */
  private searched = 0;
  /** The length of the message being received, once its headers are read. */
  private expected: number | undefined;
  private failed = false;

  constructor(private readonly limits: FramingLimits = DEFAULT_FRAMING_LIMITS) {}

  /** Bytes received but not yet part of a complete message. */
  get buffered(): number {
    return this.used;
  }

  /** Adds received bytes; returns the frames now complete, in order. */
  push(chunk: Buffer): Frame[] {
    if (this.failed) return [];
    this.append(chunk);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
      if (frame.kind === 'error') {
        this.failed = true;
        this.consume(this.used);
        break;
      }
    }
    return frames;
  }

  private append(chunk: Buffer): void {
    if (this.used + chunk.length > this.store.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.store.length * 2, this.used + chunk.length, 4096));
      this.store.copy(grown, 0, 0, this.used);
      this.store = grown;
    }
    chunk.copy(this.store, this.used);
    this.used += chunk.length;
  }

  /** Drops the first n bytes (a framed message or line ends). */
  private consume(n: number): void {
    this.store.copy(this.store, 0, n, this.used);
    this.used -= n;
    this.searched = 0;
    this.expected = undefined;
  }

  private next(): Frame | undefined {
    const buf = this.store.subarray(0, this.used);
    // Line ends between messages: a double CRLF is a keep-alive ping, a single one is ignored.
    let start = 0;
    while (start < buf.length && (buf[start] === 13 || buf[start] === 10)) start++;
    if (start > 0) {
      const pings = buf.subarray(0, start).toString('latin1').split('\r\n\r\n').length - 1;
      if (start === buf.length && pings === 0) return undefined;
      this.consume(start);
      if (pings > 0) return { kind: 'ping' };
      return this.next();
    }
    if (this.expected === undefined) {
      const headerEnd = buf.indexOf('\r\n\r\n', this.searched);
      if (headerEnd < 0) {
        if (buf.length > this.limits.maxHeaderSize) return tooLarge(this.limits);
        this.searched = Math.max(0, buf.length - 3);
        return undefined;
      }
      if (headerEnd > this.limits.maxHeaderSize) return tooLarge(this.limits);
      const length = contentLength(buf.toString('latin1', 0, headerEnd));
      if (typeof length !== 'number') return { kind: 'error', error: length };
      if (length > this.limits.maxBodySize) return { kind: 'error', error: sipError(`body of ${length} bytes is larger than ${this.limits.maxBodySize}`, 513) };
      this.expected = headerEnd + 4 + length;
    }
    if (buf.length < this.expected) return undefined;
    const data = Buffer.from(buf.subarray(0, this.expected));
    this.consume(this.expected);
    return { kind: 'message', data };
  }
}

function tooLarge(limits: FramingLimits): Frame {
  return { kind: 'error', error: sipError(`headers larger than ${limits.maxHeaderSize} bytes`, 513) };
}

/** The Content-Length of a stream message's headers (folded lines unfolded), or why there is none. */
function contentLength(head: string): number | SipError {
  const match = CONTENT_LENGTH.exec(head.replace(/\r\n[ \t]+/g, ' '));
  if (!match) return sipError('Content-Length is required on a stream transport');
  if (!/^\d{1,10}$/.test(match[1]!)) return sipError(`bad Content-Length "${match[1]}"`);
  return Number(match[1]);
}
