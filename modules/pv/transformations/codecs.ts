// Binary-to-text codecs of the s class on byte strings: hexadecimal, the GSM
// 7-bit packing of SMS PDUs, base64 (standard and URL alphabets, with or
// without padding) and base58 (both ways). Decoders return null for input Kamailio
// refuses; where Kamailio decodes malformed input anyway (7-bit, base64
// characters outside the alphabet) the same bytes come out.

const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';
const B64_STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The byte at i, 0 past the end (Kamailio's strings end with a NUL that some decoders read). */
function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

/** Kamailio's hex_to_char: a digit's value, else the letter's offset from 'a' plus 10 (garbage for non-hex), as a byte. */
export function looseHexDigit(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
  return (lower - 87) & 0xff;
}

/** A hex digit's value, -1 for any other byte. */
export function hexDigit(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

export function encodeHex(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    out += HEX_LOWER[b >> 4]! + HEX_LOWER[b & 15]!;
  }
  return out;
}

/** Pairs of hex digits to bytes; a last odd digit is ignored; null on a non-hex digit. */
export function decodeHex(text: string): string | null {
  let out = '';
  for (let i = 0; i + 1 < text.length; i += 2) {
    const hi = hexDigit(text.charCodeAt(i));
    const lo = hexDigit(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return null;
    out += String.fromCharCode((hi << 4) | lo);
  }
  return out;
}

/** Packs 8-bit characters as GSM 7-bit septets, printed in upper-case hex. */
export function encode7bit(bytes: string): string {
  let out = '';
  let nleft = 1;
  let k = 0;
  for (let i = 0; i < bytes.length; i++) {
    const v = ((byteAt(bytes, k) >> (nleft - 1)) | (byteAt(bytes, k + 1) << (8 - nleft))) & 0xff;
    out += HEX_UPPER[v >> 4]! + HEX_UPPER[v & 15]!;
    nleft++;
    if (nleft === 8) {
      k++;
      i++;
      nleft = 1;
    }
    k++;
  }
  return out;
}

/** Unpacks hex-printed GSM 7-bit septets (non-hex digits decode to whatever Kamailio's digit conversion gives). */
export function decode7bit(text: string): string {
  const out: number[] = [];
  let nleft = 1;
  let carry = 0;
  for (let i = 0; i < text.length; i += 2) {
    const octet = (((looseHexDigit(byteAt(text, i)) << 4) & 0xff) | looseHexDigit(byteAt(text, i + 1))) & 0xff;
    const next = octet >> (8 - nleft);
    out.push((((octet << (nleft - 1)) & 0x7f) | carry) & 0xff);
    carry = next;
    nleft++;
    if (nleft === 8) {
      out.push(carry);
      nleft = 1;
      carry = 0;
    }
  }
  return String.fromCharCode(...out);
}

function encodeBase64With(alphabet: string, bytes: string, padded: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const left = bytes.length - i;
    const block = (bytes.charCodeAt(i) << 16) | (left > 1 ? bytes.charCodeAt(i + 1) << 8 : 0) | (left > 2 ? bytes.charCodeAt(i + 2) : 0);
    out += alphabet[(block >> 18) & 63]! + alphabet[(block >> 12) & 63]!;
    out += left > 1 ? alphabet[(block >> 6) & 63]! : '=';
    out += left > 2 ? alphabet[block & 63]! : '=';
  }
  return padded ? out : out.replace(/==?$/, '');
}

export const encodeBase64 = (bytes: string): string => encodeBase64With(B64_STD, bytes, true);
export const encodeBase64Trimmed = (bytes: string): string => encodeBase64With(B64_STD, bytes, false);
export const encodeBase64Url = (bytes: string): string => encodeBase64With(B64_URL, bytes, true);
export const encodeBase64UrlTrimmed = (bytes: string): string => encodeBase64With(B64_URL, bytes, false);

/** A standard base64 digit's value; 0xff for anything else (Kamailio decodes it anyway). */
function base64Digit(byte: number): number {
  const i = B64_STD.indexOf(String.fromCharCode(byte));
  return byte < 128 && i >= 0 ? i : 0xff;
}

/** Standard base64 with padding: null unless the length is a multiple of 4 (an empty input decodes to nothing). */
export function decodeBase64(text: string): string | null {
  const n = text.length;
  if (n === 0) return '';
  if (n < 4 || n % 4 !== 0 || (text[n - 2] === '=' && text[n - 1] !== '=')) return null;
  const size = (n / 4) * 3 - (text[n - 2] === '=' ? 1 : 0) - (text[n - 1] === '=' ? 1 : 0);
  const out: number[] = [];
  for (let i = 0; out.length < size; i += 4) {
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => base64Digit(text.charCodeAt(i + k)));
    out.push(((a! << 2) | (b! >> 4)) & 0xff);
    if (out.length < size) out.push(((b! << 4) | (c! >> 2)) & 0xff);
    if (out.length < size) out.push(((c! << 6) | d!) & 0xff);
  }
  return String.fromCharCode(...out);
}

/** Decodes the padded or unpadded form: unpadded input is padded to a multiple of 4 first. */
export function decodeBase64Trimmed(text: string): string | null {
  return decodeBase64(padTo4(text));
}

function padTo4(text: string): string {
  return text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
}

/** URL-alphabet base64: the output length comes from the input length less its trailing '='; null on a foreign character. */
export function decodeBase64Url(text: string): string | null {
  let pads = 0;
  while (pads < text.length && text[text.length - 1 - pads] === '=') pads++;
  const size = ((text.length * 6) >> 3) - pads;
  if (size <= 0) return null;
  const end = text.length - pads;
  const out = new Array<number>(size).fill(0);
  for (let i = 0, at = 0; i < end; at += 3) {
    let block = 0;
    for (let j = 0; j < 4 && i < end; j++) {
      const digit = B64_URL.indexOf(text[i++]!);
      if (digit < 0) return null;
      block += digit << (18 - 6 * j);
    }
    for (let j = 0; j < 3 && at + j < size; j++) out[at + j] = (block >> (16 - 8 * j)) & 0xff;
  }
  return String.fromCharCode(...out);
}

export function decodeBase64UrlTrimmed(text: string): string | null {
  return decodeBase64Url(padTo4(text));
}

/** Base58 (Bitcoin alphabet): leading zero bytes become '1's. */
export function encodeBase58(bytes: string): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes.charCodeAt(zeros) === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes.charCodeAt(i);
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  return '1'.repeat(zeros) + digits.reverse().map((d) => B58[d]).join('');
}

/** Base58 back to bytes: each leading '1' is a zero byte; null on a character outside the alphabet. */
export function decodeBase58(text: string): string | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    let carry = B58.indexOf(text[i]!);
    if (carry < 0) return null;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  return '\0'.repeat(zeros) + String.fromCharCode(...bytes.reverse());
}
