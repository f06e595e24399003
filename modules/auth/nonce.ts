// siprc's nonces: base64url of a small binary record (version, tracking
// flags, the extra checks it is bound to, creation and expiry times in
// seconds, the id replay protection tracks it by), a MAC over that record
// with the secret, and, when extra checks apply, a second MAC over the
// record and the message parts they name (the Request-URI, Call-ID, From
// tag, source IP). Nothing in it can be changed without the secret.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import type { AuthConfig } from './config.js';

const VERSION = 1;
const HEAD = 16;
const MAC = 16;
/** Flag bits of byte 1: the nonce's nc values are tracked; it may be used once. */
export const TRACK_NC = 1;
export const TRACK_OTN = 2;

/** The extra check bits (auth_checks_*). */
export const CHECK_URI = 1;
export const CHECK_CALLID = 2;
export const CHECK_FROMTAG = 4;
export const CHECK_SRCIP = 8;

export interface NonceRecord {
  readonly track: number;
  readonly checks: number;
  readonly created: number;
  readonly expires: number;
  readonly id: number;
}

function mac(key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, MAC);
}

/** The message parts the checks name, one per line. */
export function checkedParts(ctx: ExecContext, checks: number): Buffer {
  const m = ctx.message;
  const parts: string[] = [];
  if (checks & CHECK_URI) parts.push(m.requestUriText);
  if (checks & CHECK_CALLID) parts.push(m.header('call-id')?.trim() ?? '');
  if (checks & CHECK_FROMTAG) {
    const from = m.from();
    parts.push(from && !isSipError(from) ? (tagOf(from) ?? '') : '');
  }
  if (checks & CHECK_SRCIP) parts.push(ctx.source.address);
  return Buffer.from(parts.join('\n'), 'latin1');
}

export function makeNonce(config: AuthConfig, record: NonceRecord, parts: Buffer): string {
  const head = Buffer.alloc(HEAD);
  head[0] = VERSION;
  head[1] = record.track;
  head[2] = record.checks;
  head.writeUInt32BE(record.created >>> 0, 4);
  head.writeUInt32BE(record.expires >>> 0, 8);
  head.writeUInt32BE(record.id >>> 0, 12);
  const pieces = [head, mac(config.nonceKey, head)];
  if (record.checks !== 0) pieces.push(mac(config.checksKey, head, parts));
  return Buffer.concat(pieces).toString('base64url');
}

export type NonceReading =
  /** Not one of ours: malformed, or its MAC is wrong. */
  | { readonly kind: 'invalid' }
  | { readonly kind: 'ours'; readonly record: NonceRecord; readonly checksMac: Buffer | undefined; readonly head: Buffer };

export function readNonce(config: AuthConfig, nonce: string): NonceReading {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) return { kind: 'invalid' };
  const bytes = Buffer.from(nonce, 'base64url');
  if (bytes.length < HEAD + MAC || bytes[0] !== VERSION) return { kind: 'invalid' };
  const head = bytes.subarray(0, HEAD);
  const checks = head[2]!;
  if (bytes.length !== HEAD + MAC + (checks !== 0 ? MAC : 0)) return { kind: 'invalid' };
  if (!timingSafeEqual(bytes.subarray(HEAD, HEAD + MAC), mac(config.nonceKey, head))) return { kind: 'invalid' };
  return {
    kind: 'ours',
    head,
    checksMac: checks !== 0 ? bytes.subarray(HEAD + MAC) : undefined,
    record: { track: head[1]!, checks, created: head.readUInt32BE(4), expires: head.readUInt32BE(8), id: head.readUInt32BE(12) },
  };
}

/** Whether the message parts the nonce is bound to are the ones it was made for. */
export function checksHold(config: AuthConfig, reading: Extract<NonceReading, { kind: 'ours' }>, parts: Buffer): boolean {
  return reading.checksMac !== undefined && timingSafeEqual(reading.checksMac, mac(config.checksKey, reading.head, parts));
}
