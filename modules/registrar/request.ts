// What save() reads from a REGISTER before it looks at the stored record:
// the Contact values (or `*`), the Expires header, the Path, Call-ID, CSeq,
// User-Agent and the methods the UA accepts (Allow). A malformed Contact,
// Expires or Path is a RegError (400 with the reason), checked here as
// RFC 3261 10.3 and Kamailio's registrar check them.

import type { ExecContext } from '../api.js';
import { METHOD_IDS, METHOD_OTHER } from '../../runtime/exec/kamailio-numbers.js';
import { isSipError } from '../../runtime/sip/errors.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { parseUri } from '../../runtime/sip/uri.js';
import { ALL_METHODS } from '../usrloc/api.js';
import { E, type RegError } from './errors.js';
import type { Settings } from './settings.js';

export interface RegisterRequest {
  readonly star: boolean;
  readonly contacts: readonly NameAddr[];
  /** The Expires header's value, when there is one. */
  readonly expires: number | undefined;
  readonly callid: string;
  readonly cseq: number;
  readonly userAgent: string;
  /** Methods from Allow (ALL_METHODS without one). */
  readonly methods: number;
  /** The Path header values joined with commas (use_path only). */
  readonly path: string | undefined;
  /** Whether Supported lists the option tag. */
  readonly supports: (tag: string) => boolean;
}

/** A bit mask of methods from a comma-separated list (Allow, a methods= parameter). */
export function methodMask(list: readonly string[]): number {
  let mask = 0;
  for (const m of list) mask |= METHOD_IDS[m.trim().toUpperCase()] ?? METHOD_OTHER;
  return mask >>> 0;
}

/** The request, or why it is refused. */
export function readRegister(ctx: ExecContext, s: Settings): RegisterRequest | RegError {
  const m = ctx.message;
  const callid = m.callId();
  if (!callid || isSipError(callid)) return E.callidMissing;
  const cseq = m.cseq();
  if (!cseq || isSipError(cseq)) return E.cseqMissing;
  const to = m.to();
  if (!to || isSipError(to)) return E.toMissing;
  const expiresHeader = m.expires();
  if (isSipError(expiresHeader)) return E.parseExpires;
  const contactValues = m.headerValues('contact');
  const hasStar = contactValues.some((v) => v.trim() === '*');
  if (hasStar && contactValues.length > 1) return E.starContacts;
  const parsed = m.contacts();
  if (isSipError(parsed)) return hasStar ? E.starContacts : E.parseContact;
  const star = parsed === '*';
  if (star && expiresHeader !== 0) return E.starExpires;
  const contacts = star || !parsed ? [] : parsed;
  for (const c of contacts) {
    if (isSipError(parseUri(c.uriText))) return E.parseContact;
    if (c.uriText.length > s.contactMaxSize) return E.contactLength;
  }
  let path: string | undefined;
  const supported = m.tokens('supported');
  const tags = supported && !isSipError(supported) ? supported.map((t) => t.toLowerCase()) : [];
  const supports = (tag: string): boolean => tags.includes(tag);
  if (s.usePath && m.findHeader('path') >= 0) {
    const hops = m.path();
    if (!hops || isSipError(hops) || hops.length === 0) return E.parsePath;
    if (s.pathMode === 2 && !supports('path')) return E.pathUnsupported;
    path = m.headerValues('path').map((v) => v.trim()).join(',');
  }
  const allow = m.tokens('allow');
  return {
    star,
    contacts,
    expires: expiresHeader,
    callid: callid.trim(),
    cseq: Number(cseq.seq),
    userAgent: m.userAgent() ?? 'n/a',
    methods: allow && !isSipError(allow) ? methodMask(allow) : ALL_METHODS,
    path,
    supports,
  };
}

/** A contact parameter's value (quotes removed), undefined when absent, '' when it has no value. */
export function contactParam(c: NameAddr, name: string): string | undefined {
  const p = c.params.find((x) => x.name.toLowerCase() === name);
  if (!p) return undefined;
  const v = p.value ?? '';
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

