// Local replies to the request being run, built and sent as Kamailio's
// stateless reply path does (sl and tm share it): the request's Via, From,
// To, Call-ID, CSeq (Record-Route for 18x/2xx), the lines and body the script
// queued, the Server line; sent to the source address, at its port with rport
// (RFC 3581) or force_rport, else at the Via's (RFC 3261 18.2.2).

import { buildReply } from '../sip/builders.js';
import { isSipError } from '../sip/errors.js';
import { viaParam } from '../sip/headers/via.js';
import type { Endpoint, ExecContext, Sent } from './context.js';
import { destinationSetContact } from './dset.js';

/**
 * Where the header lines queued for this request's local replies are kept
 * (textops' append_to_reply adds to them, a redirect adds its Contact): each
 * a full line ending in CRLF.
 */
export const REPLY_HEADERS_STATE = 'textops.append_to_reply';

/** Where the body queued for this request's local replies is kept (textops' set_reply_body, which queues its Content-Type line). */
export const REPLY_BODY_STATE = 'textops.reply_body';

/**
 * The Server line of siprc's own replies with server_signature on and no
 * server_header (Kamailio names itself there; siprc does the same).
 */
export const DEFAULT_SERVER_HEADER = `Server: siprc (${process.platform})`;

/** The header lines queued for this request's local replies, to read or add to. */
export function queuedReplyHeaders(ctx: ExecContext): string[] {
  let lines = ctx.state.get(REPLY_HEADERS_STATE) as string[] | undefined;
  if (!lines) ctx.state.set(REPLY_HEADERS_STATE, (lines = []));
  return lines;
}

export interface LocalReplyOptions {
  /** The To tag to add when the request's To has none (only from 180 on, as Kamailio does). */
  readonly toTag?: string;
  /** For 3xx replies: what each contact of the destination set carries (dset.ts RICH_* bits). */
  readonly richRedirect?: number;
}

/**
 * Where a local reply goes: the source address, at the Via's port (5060 when
 * it names none) unless rport applies (RFC 3261 18.2.2, RFC 3581). Over a
 * stream the connection the request came on is used while it is open; the
 * address is where a new one is opened when it has closed, as Kamailio 5.6
 * does (checked on loopback).
 */
export function replyDestination(ctx: ExecContext): Endpoint | undefined {
  const via = ctx.message.via();
  if (!via || isSipError(via)) return undefined;
  return replyAddress(ctx.source, via.port, ctx.forceRport || viaParam(via, 'rport') !== undefined);
}

/** The address a reply goes to: the source's, at its port when rport applies, else at the Via's port (5060 when it names none). */
export function replyAddress(source: Endpoint, viaPort: number | undefined, rport: boolean): Endpoint {
  return rport ? source : { address: source.address, port: viaPort ?? 5060 };
}

/**
 * Sends a reply to the request and returns it; undefined when there is
 * nothing to reply to (a reply, an ACK, a request without a Via).
 */
export function sendLocalReply(ctx: ExecContext, code: number, reason: string, options: LocalReplyOptions = {}): Sent | undefined {
  const request = ctx.message;
  if (!request.isRequest || request.method === 'ACK') return undefined;
  const to = replyDestination(ctx);
  if (!to) return undefined;
  const headers = queuedReplyHeaders(ctx);
  if (code >= 300 && code < 400) {
    // Kept with the request, as Kamailio's reply lump is: a second redirect lists it again.
    const contact = destinationSetContact(ctx, options.richRedirect ?? 0);
    if (contact) headers.push(contact);
  }
  const server = ctx.local.serverHeader === undefined ? DEFAULT_SERVER_HEADER : ctx.local.serverHeader;
  const data = buildReply(request, code, reason, {
    toTag: code >= 180 ? options.toTag : undefined,
    headers: server === null ? headers : [...headers, server],
    body: ctx.state.get(REPLY_BODY_STATE) as string | undefined,
    source: ctx.source,
    forceRport: ctx.forceRport,
    copyRecordRoute: code >= 180 && code < 300,
  });
  const sent: Sent = ctx.withStreamUse({ to, proto: ctx.proto, data, from: ctx.local.socket, connection: ctx.connection }, false);
  ctx.sent.push(sent);
  return sent;
}
