// Header names: compact forms, case-insensitive keys, and the canonical
// spelling used when siprc writes a header.

/** RFC 3261 and extension compact forms. */
const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
  'p-asserted-identity': 'P-Asserted-Identity',
  'p-preferred-identity': 'P-Preferred-Identity',
};

const COMPACT_CODE = new Map<string, number>(Object.entries(COMPACT).map(([letter, key]) => [key, letter.charCodeAt(0)]));

/** The char code of a key's compact form (`via` -> 'v'), 0 when it has none. */
export function compactCodeOf(key: string): number {
  return COMPACT_CODE.get(key) ?? 0;
}

/** A header name's lookup key and the char code of its compact form (0 when it has none). */
export interface KeyInfo {
  readonly key: string;
  readonly compact: number;
  /** Its HOT number, 0 when it is not one. */
  readonly hot: number;
}

/** Names looked up so far (nearly always the script's and the modules' constants), bounded. */
const KEY_INFO = new Map<string, KeyInfo>();

/** A header name's lookup key and compact form, computed once per name. */
export function keyInfo(name: string): KeyInfo {
  let info = KEY_INFO.get(name);
  if (info === undefined) {
    const key = headerKey(name);
    // The parser's own test on the key (compact forms are expanded in it already).
    info = { key, compact: compactCodeOf(key), hot: hotHeaderAt(key, 0, key.length) };
    if (KEY_INFO.size >= 1024) KEY_INFO.clear();
    KEY_INFO.set(name, info);
  }
  return info;
}

/** The lookup key of a header name as written: lower case, compact forms expanded. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return (lower.length === 1 && COMPACT[lower]) || lower;
}

/** The canonical spelling of a header name (`call-id` -> `Call-ID`, `v` -> `Via`). */
export function canonicalName(name: string): string {
  const key = headerKey(name);
  return CANONICAL[key] ?? key.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** Header names common enough to be recognised in place, without allocating, grouped by length. */
const KNOWN_BY_LENGTH: Map<number, string[]> = (() => {
  const names = [
    'via', 'from', 'to', 'call-id', 'cseq', 'contact', 'max-forwards', 'content-length', 'content-type', 'route',
    'record-route', 'expires', 'user-agent', 'allow', 'supported', 'require', 'proxy-require', 'unsupported',
    'authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate', 'event', 'path', 'server',
    'accept', 'date', 'subject', 'diversion', 'p-asserted-identity', 'min-expires', 'allow-events', 'session-expires',
    'content-encoding', 'refer-to', 'referred-by', 'privacy', 'rseq', 'rack', 'timestamp', 'warning', 'retry-after',
  ];
  const map = new Map<number, string[]>();
  for (const n of names) map.set(n.length, [...(map.get(n.length) ?? []), n]);
  return map;
})();

/** `headerKey` of the name text[start, end), allocating only for uncommon names. */
export function headerKeyAt(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 1) return COMPACT[String.fromCharCode(text.charCodeAt(start) | 0x20)] ?? text.slice(start, end).toLowerCase();
  const candidates = KNOWN_BY_LENGTH.get(length);
  if (candidates) {
    for (const name of candidates) {
      let i = 0;
      while (i < length) {
        const c = text.charCodeAt(start + i);
        const lower = c >= 65 && c <= 90 ? c | 0x20 : c;
        if (lower !== name.charCodeAt(i)) break;
        i++;
      }
      if (i === length) return name;
    }
  }
  return headerKey(text.slice(start, end));
}

/**
 * The headers every message is asked for (and the two most scripts look
 * for: Max-Forwards and Contact), numbered so a parser can note where each
 * first appears as it reads the header lines (0: none of them).
 */
export const HOT = { via: 1, from: 2, to: 3, callId: 4, cseq: 5, contentLength: 6, maxForwards: 7, contact: 8 } as const;

/** Which hot header the name text[start, end) is, compared in place; 0 for any other. */
export function hotHeaderAt(text: string, start: number, end: number): number {
  const c0 = text.charCodeAt(start) | 0x20;
  switch (end - start) {
    case 1:
      return c0 === 118 ? HOT.via : c0 === 102 ? HOT.from : c0 === 116 ? HOT.to : c0 === 105 ? HOT.callId : c0 === 108 ? HOT.contentLength : c0 === 109 ? HOT.contact : 0;
    case 2:
      return c0 === 116 && (text.charCodeAt(start + 1) | 0x20) === 111 ? HOT.to : 0;
    case 3:
      return c0 === 118 && sameRest(text, start, 'via') ? HOT.via : 0;
    case 4:
      if (c0 === 102) return sameRest(text, start, 'from') ? HOT.from : 0;
      return c0 === 99 && sameRest(text, start, 'cseq') ? HOT.cseq : 0;
    case 7:
      if (c0 !== 99) return 0;
      return (text.charCodeAt(start + 1) | 0x20) === 97 ? (sameRest(text, start, 'call-id') ? HOT.callId : 0) : sameRest(text, start, 'contact') ? HOT.contact : 0;
    case 12:
      return c0 === 109 && sameRest(text, start, 'max-forwards') ? HOT.maxForwards : 0;
    case 14:
      return c0 === 99 && sameRest(text, start, 'content-length') ? HOT.contentLength : 0;
    default:
      return 0;
  }
}

/** Whether text at `start` spells the lower-case `name` in any case (its first letter already matched). */
function sameRest(text: string, start: number, name: string): boolean {
  for (let i = 1; i < name.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== name.charCodeAt(i)) return false;
  }
  return true;
}
