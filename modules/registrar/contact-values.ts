// The values save() stores for one Contact of a REGISTER: its expires
// (contact parameter, else Expires header, else default_expires; bounded by
// min_expires and max_expires, spread by the *_range parameters), q, +sip.
// instance and reg-id, methods, received address, socket and flags, with
// the overrides a script puts in $xavp(<xavp_cfg>=>...).

import type { ExecContext } from '../api.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseNameAddr } from '../../runtime/sip/headers/name-addr.js';
import { splitList } from '../../runtime/sip/headers/scan.js';
import { parseUri, isSipUri, uriParam } from '../../runtime/sip/uri.js';
import { FL_MEM, Q_UNSPECIFIED, type ContactInfo } from '../usrloc/api.js';
import { E, type RegError } from './errors.js';
import { contactParam, methodMask, type RegisterRequest } from './request.js';
import type { Settings } from './settings.js';
import { socketOf } from './socket.js';

/** save()'s flags (its second argument). */
export const SAVE_MEMORY_ONLY = 0x01;
export const SAVE_NO_REPLY = 0x02;
export const SAVE_SINGLE_CONTACT = 0x04;
export const SAVE_NO_RANGE = 0x08;
export const SAVE_REPLY_HEADERS = 0x10;

/** A value of the script's $xavp(<xavp_cfg>=>name), when set. */
export function cfgValue(ctx: ExecContext, s: Settings, name: string): string | number | undefined {
  if (s.xavpCfg === '') return undefined;
  const v = ctx.xavps.item(s.xavpCfg)?.get(name);
  return v === null || v === undefined ? undefined : v;
}

/** A random value in [value - range% of it, value]. */
function spread(value: number, range: number): number {
  if (range <= 0) return value;
  const span = Math.floor((value * range) / 100);
  return value - Math.floor(Math.random() * (span + 1));
}

/** The contact's expires in seconds (0: remove it), or why it is refused. */
export function contactExpires(ctx: ExecContext, c: NameAddr, req: RegisterRequest, s: Settings, flags: number): number | RegError {
  const noRange = (flags & SAVE_NO_RANGE) !== 0;
  const forced = cfgValue(ctx, s, 'expires');
  const param = contactParam(c, 'expires');
  let e: number;
  let given = true;
  if (forced !== undefined) e = Number(forced);
  else if (param !== undefined) {
    if (!/^\d{1,10}$/.test(param) || Number(param) > 2 ** 32 - 1) return E.invalidExpires;
    e = Number(param);
  } else if (req.expires !== undefined) e = req.expires;
  else {
    given = false;
    e = noRange ? s.defaultExpires : spread(s.defaultExpires, s.defaultExpiresRange);
  }
  if (e === 0 || !Number.isFinite(e)) return 0;
  if (given && !noRange) e = spread(e, s.expiresRange);
  if (s.minExpires > 0 && e < s.minExpires) {
    if (s.minExpiresMode === 1) return E.tooBrief(s.minExpires);
    e = s.minExpires;
  }
  if (s.maxExpires > 0 && e > s.maxExpires) e = s.maxExpires;
  return e;
}

/** q in thousandths from `q=0.5`, or undefined when malformed or out of 0..1. */
export function parseQ(text: string): number | undefined {
  const m = /^(?:(0)(?:\.(\d{0,3}))?|(1)(?:\.(0{0,3}))?)$/.exec(text.trim());
  if (!m) return undefined;
  if (m[3]) return 1000;
  return Number((m[2] ?? '').padEnd(3, '0'));
}

/** The received address from the first Path hop's `received` parameter (path_use_received). */
function pathReceived(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const first = parseNameAddr(splitList(path)[0] ?? '', 'Path');
  if (isSipError(first)) return undefined;
  const uri = parseUri(first.uriText);
  if (isSipError(uri) || !isSipUri(uri)) return undefined;
  const r = uriParam(uri, 'received');
  return r ? decodeURIComponent(r.replace(/^"|"$/g, '')) : undefined;
}

export interface ContactValues {
  /** Seconds; 0: remove. */
  readonly expires: number;
  readonly info: Omit<ContactInfo, 'expires'>;
}

/** Everything stored for the contact, or why it is refused; `natBflag` is usrloc's. */
export function contactValues(ctx: ExecContext, c: NameAddr, req: RegisterRequest, s: Settings, flags: number, natBflag: number): ContactValues | RegError {
  const expires = contactExpires(ctx, c, req, s, flags);
  if (typeof expires !== 'number') return expires;
  let q = s.defaultQ;
  const forcedQ = cfgValue(ctx, s, 'q');
  const qParam = contactParam(c, 'q');
  if (forcedQ !== undefined) q = Math.max(0, Math.min(1000, Number(forcedQ) | 0));
  else if (qParam !== undefined) {
    const parsed = parseQ(qParam);
    if (parsed === undefined) return E.invalidQ;
    q = parsed;
  }
  const regIdText = contactParam(c, 'reg-id');
  if (regIdText !== undefined && !/^\d{1,9}$/.test(regIdText)) return E.invalidRegId;
  const instance = s.gruuEnabled || regIdText !== undefined ? contactParam(c, '+sip.instance') : undefined;
  const methodsParam = contactParam(c, 'methods');
  const avpReceived = s.receivedAvp === '' ? undefined : ctx.avps.get(s.receivedAvp);
  let received = avpReceived === null || avpReceived === undefined || avpReceived === '' ? undefined : String(avpReceived);
  let cflags = ctx.branchFlags;
  if (s.pathUseReceived && received === undefined) {
    received = pathReceived(req.path);
    if (received !== undefined && natBflag >= 0) cflags |= 1 << natBflag;
  }
  return {
    expires,
    info: {
      q: q < 0 ? Q_UNSPECIFIED : q,
      callid: req.callid,
      cseq: req.cseq,
      flags: flags & SAVE_MEMORY_ONLY ? FL_MEM : 0,
      cflags: cflags >>> 0,
      userAgent: req.userAgent,
      received,
      path: req.path,
      socket: socketOf(ctx, s),
      methods: methodsParam !== undefined ? methodMask(methodsParam.split(',')) : req.methods,
      instance: instance === '' ? undefined : instance,
      regId: regIdText === undefined ? 0 : Number(regIdText),
      serverId: ctx.local.serverId ?? 0,
      connectionId: ctx.connection ?? 0,
      keepalive: 0,
    },
  };
}
