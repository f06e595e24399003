// The To tag of Kamailio's local replies: MD5 of a signature and the first
// listen socket, a separator, then two CRC-16s of the request (top Via host,
// port and branch; Via port, host and Call-ID), so retransmissions get the
// same tag. Checked against Kamailio 5.6's sl replies.

import { createHash } from 'node:crypto';
import { isSipError } from '../sip/errors.js';
import { viaParam } from '../sip/headers/via.js';
import type { ExecContext } from './context.js';

/** CRC-16/CCITT as Kamailio computes it (reflected, initial 0xFFFF, inverted), over latin1 text. */
function crc16(parts: readonly string[]): number {
  let crc = 0xffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      crc ^= part.charCodeAt(i) & 0xff;
      for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    }
  }
  return ~crc & 0xffff;
}

/** Four hex digits, least significant first, as Kamailio writes a CRC into a tag. */
function reversedHex(n: number): string {
  return [...n.toString(16).padStart(4, '0')].reverse().join('');
}

/** Fixed parts already computed, by their input: a server has a few signatures and one first socket. */
const serverParts = new Map<string, string>();

/** The fixed part: MD5 of the signature and the first listen socket's address and port. */
function serverPart(ctx: ExecContext, signature: string): string {
  const first = ctx.local.sockets?.[0] ?? ctx.local.socket;
  const input = `${signature}${first.address}${first.port}`;
  let part = serverParts.get(input);
  if (part === undefined) {
    part = createHash('md5').update(input, 'latin1').digest('hex');
    serverParts.set(input, part);
  }
  return part;
}

/** Whether `tag` is one of our local replies' To tags for this signature (its fixed part and separator lead it, as Kamailio checks). */
export function isLocalToTag(ctx: ExecContext, tag: string, signature: string, separator: string): boolean {
  const fixed = serverPart(ctx, signature);
  return tag.length > fixed.length + separator.length && tag.startsWith(fixed) && tag.startsWith(separator, fixed.length);
}

/** The To tag for a local reply to the request: `<fixed part><separator><request part>`. */
export function localToTag(ctx: ExecContext, signature: string, separator: string): string {
  const via = ctx.message.via();
  let requestPart = '';
  if (via && !isSipError(via)) {
    const port = via.port === undefined ? '' : String(via.port);
    const branch = viaParam(via, 'branch');
    const callId = ctx.message.header('call-id') ?? '';
    requestPart = reversedHex(crc16(branch === undefined ? [via.host, port] : [via.host, port, branch])) + reversedHex(crc16([port, via.host, callId]));
  }
  return `${serverPart(ctx, signature)}${separator}${requestPart}`;
}
