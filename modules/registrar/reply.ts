// save()'s reply: 200 listing every current contact with its remaining
// expires (q, received, GRUUs, +sip.instance and reg-id as Kamailio lists
// them) and the Path when path_mode says so; an error code with the reason
// in P-Registrar-Error (and Min-Expires, Retry-After, Unsupported). Sent
// through the request's transaction when tm is loaded and one exists, else
// statelessly with sl's To tag; or kept for reg_send_reply() (flag 0x02),
// its header lines queued for the script's own reply with flag 0x10.

import type { ExecContext } from '../api.js';
import { formatQ } from '../../runtime/exec/dset.js';
import { queuedReplyHeaders, sendLocalReply } from '../../runtime/exec/reply.js';
import { slToTag } from '../../runtime/exec/sl-reply.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isSipUri, parseUri } from '../../runtime/sip/uri.js';
import { isValid, Q_UNSPECIFIED, type Contact } from '../usrloc/api.js';
import { reasonPhrase, type RegError } from './errors.js';
import type { TmApi } from '../tm/api.js';
import type { RegisterRequest } from './request.js';
import type { Registrar } from './state.js';
import type { SlApi } from '../sl/stats.js';

export interface PreparedReply {
  readonly code: number;
  readonly reason: string;
  /** Header lines, each ending in CRLF. */
  readonly headers: readonly string[];
}

/** Where a reply save() did not send (flag 0x02) waits for reg_send_reply(). */
const PENDING = 'registrar.reply';

/** The temporary GRUU of a contact: its ruid with a short check, at the AOR's host (RFC 5627 leaves the form to the registrar). */
export function tempGruuUser(c: Contact): string {
  let h = 0;
  for (let i = 0; i < c.ruid.length; i++) h = (h * 33 + c.ruid.charCodeAt(i)) >>> 0;
  return `${c.ruid}-${h.toString(16)}`;
}

function gruuParams(c: Contact, aorUri: string): string {
  const uri = parseUri(aorUri);
  if (isSipError(uri) || !isSipUri(uri) || !c.instance) return '';
  const host = uri.port !== undefined ? `${uri.host}:${uri.port}` : uri.host;
  const user = uri.user !== undefined ? `${uri.user}@` : '';
  const instance = c.instance.replace(/^<|>$/g, '');
  return `;pub-gruu="sip:${user}${host};gr=${instance}";temp-gruu="sip:${tempGruuUser(c)}@${host};gr"`;
}

function contactText(r: Registrar, c: Contact, now: number, gruuFor: string | undefined): string {
  let out = `<${c.uri}>`;
  if (c.q !== Q_UNSPECIFIED) out += `;q=${formatQ(c.q)}`;
  out += `;expires=${c.expires === 0 ? 0 : Math.max(0, c.expires - now)}`;
  if (c.received && r.s.receivedParam !== '') out += `;${r.s.receivedParam}="${c.received}"`;
  if (gruuFor !== undefined) out += gruuParams(c, gruuFor);
  if (c.instance) out += `;+sip.instance="${c.instance}"`;
  if (c.regId) out += `;reg-id=${c.regId}`;
  return out;
}

/** The Contact line listing the valid contacts, or nothing when there are none. */
function contactLines(r: Registrar, contacts: readonly Contact[], now: number, gruuFor: string | undefined): string[] {
  const valid = contacts.filter((c) => isValid(c, now));
  return valid.length === 0 ? [] : [`Contact: ${valid.map((c) => contactText(r, c, now, gruuFor)).join(', ')}\r\n`];
}

function pathLines(r: Registrar, req: RegisterRequest | undefined): string[] {
  if (!req?.path) return [];
  return r.s.pathMode === 2 || (r.s.pathMode === 1 && req.supports('path')) ? [`Path: ${req.path}\r\n`] : [];
}

/** The 200: every current contact, GRUUs when the UA supports them (`aorUri`: the URI the AOR was taken from). */
export function okReply(r: Registrar, req: RegisterRequest, contacts: readonly Contact[], now: number, aorUri: string): PreparedReply {
  const gruuFor = r.s.gruuEnabled && req.supports('gruu') ? aorUri : undefined;
  return { code: 200, reason: 'OK', headers: [...contactLines(r, contacts, now, gruuFor), ...pathLines(r, req)] };
}

/** An error reply; the current contacts are listed when the record was read (`contacts` given). */
export function errorReply(r: Registrar, e: RegError, req: RegisterRequest | undefined, contacts: readonly Contact[] | undefined, now: number): PreparedReply {
  const headers = [...(contacts ? contactLines(r, contacts, now, undefined) : []), ...(e.code === 420 ? pathLines(r, req) : []), ...(e.headers ?? [])];
  headers.push(`P-Registrar-Error: ${e.reason}\r\n`);
  return { code: e.code, reason: reasonPhrase(e.code), headers };
}

/** Sends the queued lines with the code: through the transaction when there is one, else statelessly. */
function send(ctx: ExecContext, tm: TmApi | undefined, code: number, reason: string): boolean {
  const tx = tm?.transactionOf(ctx);
  if (tx) return tm!.replyInRun(ctx, tx, code, reason);
  if (sendLocalReply(ctx, code, reason, { toTag: slToTag(ctx) }) === undefined) return false;
  sl?.countReply(ctx, code);
  return true;
}

/** sl's API, bound at init: a stateless reply counts in sl's statistics, as Kamailio's registrar replies through sl. */
let sl: SlApi | undefined;

export function useSl(api: SlApi | undefined): void {
  sl = api;
}

/** Sends the reply; false when there is nothing to reply to. */
export function sendPrepared(ctx: ExecContext, tm: TmApi | undefined, reply: PreparedReply): boolean {
  queuedReplyHeaders(ctx).push(...reply.headers);
  return send(ctx, tm, reply.code, reply.reason);
}

/** Keeps the reply for reg_send_reply(); with `queueHeaders` its lines also go into the script's own replies now. */
export function keepReply(ctx: ExecContext, reply: PreparedReply, queueHeaders: boolean): void {
  ctx.state.set(PENDING, reply);
  if (queueHeaders) queuedReplyHeaders(ctx).push(...reply.headers);
}

/** reg_send_reply(): sends the reply save() kept; -1 when there is none. */
export function sendKeptReply(ctx: ExecContext, tm: TmApi | undefined): number {
  const reply = ctx.state.get(PENDING) as PreparedReply | undefined;
  if (!reply) return -1;
  ctx.state.delete(PENDING);
  const headers = queuedReplyHeaders(ctx);
  const queued = reply.headers.every((h) => headers.includes(h));
  const sent = queued ? send(ctx, tm, reply.code, reply.reason) : sendPrepared(ctx, tm, reply);
  return sent ? 1 : -1;
}
