// Hashes of the s class on byte strings: md5 and the SHA-2 digests in
// lower-case hex, and Kamailio's core hash (the one its hash tables use),
// reproduced with C's signed chars and 32-bit unsigned arithmetic.

import { createHash } from 'node:crypto';

export function hexDigest(algorithm: 'md5' | 'sha256' | 'sha384' | 'sha512', bytes: string): string {
  return createHash(algorithm).update(Buffer.from(bytes, 'latin1')).digest('hex');
}

/** C's char: bytes 128..255 are negative. */
const signed = (byte: number): number => (byte ^ 0x80) - 0x80;

/** Kamailio's core_hash of one string: the full value, or masked with size - 1 when size is not 0. */
export function coreHash(bytes: string, size: number): number {
  const at = (i: number): number => signed(bytes.charCodeAt(i));
  let h = 0;
  let p = 0;
  const end = bytes.length;
  let v: number;
  for (; p <= end - 4; p += 4) {
    v = ((at(p) << 24) + (at(p + 1) << 16) + (at(p + 2) << 8) + at(p + 3)) >>> 0;
    h = (h + (v ^ (v >>> 3))) >>> 0;
  }
  v = 0;
  for (; p < end; p++) v = ((v << 8) + at(p)) >>> 0;
  h = (h + (v ^ (v >>> 3))) >>> 0;
  h = (h + (h >>> 11) + ((h >>> 13) + (h >>> 23))) >>> 0;
  return size === 0 ? h : (h & (size - 1)) >>> 0;
}
