// Building messages to send: a reply to a request, a request forwarded by a
// proxy (new top Via with an RFC 3261 branch, received/rport on the previous
// Via per RFC 3261 18.2.1 and RFC 3581, Max-Forwards decremented, Record-Route
// and Route handling), and a reply forwarded back (top Via removed).

import { randomBytes } from 'node:crypto';
import { MessageEdits, type SendingSocket } from './edits.js';
import { isSipError, sipError, type SipError } from './errors.js';
import { MAGIC_COOKIE } from './headers/via.js';
import { paramValue, splitList } from './headers/scan.js';
import type { SipMessage } from './message.js';

export interface ReplyOptions {
  /** The To tag to add when the request's To has none (never on 100 Trying). */
  readonly toTag?: string;
  /** Extra header lines (`Name: value`). */
  readonly headers?: readonly string[];
  readonly body?: Buffer | string;
  readonly contentType?: string;
  /** The Server header value, if one is sent. */
  readonly server?: string;
  /** Where the request came from: the top Via gets `received`/`rport` as it does when forwarding. */
  readonly source?: { readonly address: string; readonly port: number };
  /** With `source`: add rport to the top Via even when it did not ask for it (force_rport). */
  readonly forceRport?: boolean;
  /** Copy the Record-Route lines too, where they are (Kamailio does for 18x and 2xx replies). */
  readonly copyRecordRoute?: boolean;
}

const COPIED = new Set(['via', 'from', 'call-id', 'cseq']);

/** A reply to a request: Via, From, To (tagged when needed), Call-ID and CSeq copied (RFC 3261 8.2.6). */
export function buildReply(request: SipMessage, status: number, reason: string, options: ReplyOptions = {}): Buffer {
  let out = `SIP/2.0 ${status} ${reason}\r\n`;
  const firstVia = request.findHeader('via');
  for (let i = 0; i < request.headerCount; i++) {
    const key = request.headerKey(i);
    if (i === firstVia && options.source) {
      const marked = markReceived(request, request.headerValue(i), options.source, options.forceRport);
      out += `${request.headerName(i)}: ${isSipError(marked) ? request.headerValue(i) : marked}\r\n`;
    } else if (COPIED.has(key) || (options.copyRecordRoute && key === 'record-route')) {
      out += `${request.headerName(i)}: ${request.headerValue(i)}\r\n`;
    } else if (key === 'to') {
      let value = request.headerValue(i);
      const to = request.to();
      if (status > 100 && options.toTag && to && !isSipError(to) && paramValue(to.params, 'tag') === undefined) value += `;tag=${options.toTag}`;
      out += `${request.headerName(i)}: ${value}\r\n`;
    }
  }
  for (const h of options.headers ?? []) out += `${h.replace(/\r?\n$/, '')}\r\n`;
  if (options.server) out += `Server: ${options.server}\r\n`;
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : (options.body ?? Buffer.alloc(0));
  if (options.contentType) out += `Content-Type: ${options.contentType}\r\n`;
  out += `Content-Length: ${body.length}\r\n\r\n`;
  const head = Buffer.from(out, 'latin1');
  return body.length === 0 ? head : Buffer.concat([head, body]);
}

export interface ForwardOptions {
  /** The Via this proxy adds on top. */
  /**
   * Our Via; `srvid` is the server_id a `;srvid=` parameter carries (via_add_srvid), after rport as Kamailio writes it;
   * `params` more parameters written last, each with its `;` (via_add_xavp_params).
   */
  readonly via: { readonly transport: string; readonly host: string; readonly port?: number; readonly branch: string; readonly rport?: boolean; readonly srvid?: number; readonly params?: string };
  /** Where the request came from: its source address and port. */
  readonly source: { readonly address: string; readonly port: number };
  /** The script's changes to the request, if any (they are not modified). */
  readonly edits?: MessageEdits;
  /** A Record-Route value to add on top of the Record-Route list, e.g. `<sip:192.0.2.1;lr>`. */
  readonly recordRoute?: string;
  /** Remove the topmost Route value (loose routing consumed it). */
  readonly removeTopRoute?: boolean;
  /** Add rport to the previous Via even when it did not ask for it (force_rport). */
  readonly forceRport?: boolean;
  /** Leave Max-Forwards as it is (Kamailio's core forward(); the maxfwd module decrements it). */
  readonly keepMaxForwards?: boolean;
  /** The local socket the request leaves from: what headers added as a SocketText are written with. */
  readonly sending?: SendingSocket;
}

/** The request as this proxy forwards it. Max-Forwards 0 is an error (the caller answers 483). */
export function buildForwardedRequest(request: SipMessage, options: ForwardOptions): Buffer | SipError {
  const edits = options.edits ? options.edits.clone() : new MessageEdits(request);
  const firstVia = request.findHeader('via');
  const via = options.via;
  const ourVia = `Via: SIP/2.0/${via.transport} ${via.host}${via.port === undefined ? '' : `:${via.port}`};branch=${via.branch}${via.rport ? ';rport' : ''}${via.srvid === undefined ? '' : `;srvid=${via.srvid}`}${via.params ?? ''}`;
  if (firstVia >= 0) {
    const received = request.headerValue(firstVia);
    const marked = markReceived(request, received, options.source, options.forceRport);
    if (isSipError(marked)) return marked;
    if (marked !== received) edits.replaceHeaderValue(firstVia, marked);
    edits.addHeaderBefore(firstVia, ourVia);
  } else {
    edits.insertHeader(ourVia);
  }
  // Kamailio's core forward() leaves Max-Forwards to the maxfwd module.
  if (!options.keepMaxForwards) {
    const problem = decrementMaxForwards(request, edits, firstVia);
    if (problem) return problem;
  }
  if (options.recordRoute) {
    const firstRR = request.findHeader('record-route');
    if (firstRR >= 0) edits.addHeaderBefore(firstRR, `Record-Route: ${options.recordRoute}`);
    else if (firstVia >= 0) edits.addHeaderAfter(firstVia, `Record-Route: ${options.recordRoute}`);
    else edits.insertHeader(`Record-Route: ${options.recordRoute}`);
  }
  if (options.removeTopRoute) removeFirstValue(request, edits, request.findHeader('route'));
  return edits.toBuffer(options.sending);
}

/** Max-Forwards minus one, or 70 when absent (RFC 3261 16.6 step 3); 0 is an error (483). */
function decrementMaxForwards(request: SipMessage, edits: MessageEdits, firstVia: number): SipError | undefined {
  const mf = request.findHeader('max-forwards');
  if (mf < 0) {
    if (firstVia >= 0) edits.addHeaderAfter(firstVia, 'Max-Forwards: 70');
    else edits.insertHeader('Max-Forwards: 70');
    return undefined;
  }
  const value = request.maxForwards();
  if (isSipError(value) || value === undefined) return value ?? sipError('bad Max-Forwards');
  if (value === 0) return sipError('Max-Forwards is 0', 483);
  edits.replaceHeaderValue(mf, String(value - 1));
  return undefined;
}

/** A reply as this proxy forwards it upstream: its topmost Via value removed. */
export function buildForwardedReply(reply: SipMessage, edits?: MessageEdits): Buffer {
  const out = edits ? edits.clone() : new MessageEdits(reply);
  removeFirstValue(reply, out, reply.findHeader('via'));
  return out.toBuffer();
}

/** Removes the first value of a (possibly multi-value) header line. */
function removeFirstValue(message: SipMessage, edits: MessageEdits, index: number): void {
  if (index < 0) return;
  const rest = splitList(message.headerValue(index)).slice(1);
  if (rest.length === 0) edits.removeHeader(index);
  else edits.replaceHeaderValue(index, rest.map((v) => v.trim()).join(', '));
}

/**
 * The top Via value with `received` (RFC 3261 18.2.1: when the sent-by is a
 * name or another address than the packet's source) and `rport` (RFC 3581:
 * when the client asked for it, or force_rport says so) set; other values of
 * the line are kept.
 */
function markReceived(request: SipMessage, line: string, source: { address: string; port: number }, forceRport = false): string | SipError {
  const top = request.via();
  if (top === undefined || isSipError(top)) return top ?? sipError('no Via');
  const askedRport = paramValue(top.params, 'rport') !== undefined;
  const wantsRport = forceRport || askedRport;
  const host = top.host.startsWith('[') ? top.host.slice(1, -1) : top.host;
  // RFC 3581: a client asking for rport gets received too; force_rport alone adds only rport (as Kamailio does).
  const needsReceived = askedRport || host.toLowerCase() !== source.address.toLowerCase();
  // Nothing to add: the Via stays as received, as Kamailio leaves it.
  if (!needsReceived && !wantsRport) return line;
  // As Kamailio writes it: rport filled in where the client put it (appended when forced), received last.
  const rport = { name: 'rport', value: String(source.port) };
  const params = top.params.filter((p) => !(needsReceived && p.name.toLowerCase() === 'received')).map((p) => (p.name.toLowerCase() === 'rport' ? rport : p));
  if (wantsRport && !askedRport) params.push(rport);
  if (needsReceived) params.push({ name: 'received', value: source.address });
  const sentBy = `${top.host}${top.port === undefined ? '' : `:${top.port}`}`;
  const value = `${top.protocol}/${top.version}/${top.transport} ${sentBy}${params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('')}`;
  if (line.indexOf(',') < 0) return value;
  return [value, ...splitList(line).slice(1).map((v) => v.trim())].join(', ');
}

const BRANCH_PREFIX = `${MAGIC_COOKIE}${randomBytes(4).toString('hex')}.`;
let branchCounter = 0;

/** A new, unique RFC 3261 branch (for a stateful transaction's client side). */
export function newBranch(): string {
  branchCounter = (branchCounter + 1) >>> 0;
  return `${BRANCH_PREFIX}${branchCounter.toString(36)}`;
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * The branch a stateless proxy uses: derived from what identifies the
 * request (top Via branch, Call-ID, CSeq, From tag, Request-URI), so a
 * retransmission is forwarded with the same branch (RFC 3261 16.11).
 */
export function statelessBranch(request: SipMessage): string {
  const topVia = request.via();
  const from = request.from();
  const key = [
    topVia && !isSipError(topVia) ? topVia.raw : '',
    request.header('call-id') ?? '',
    request.header('cseq') ?? '',
    from && !isSipError(from) ? (paramValue(from.params, 'tag') ?? '') : '',
    request.requestUriText,
  ].join('\u0000');
  return `${MAGIC_COOKIE}${fnv1a(key, 2166136261).toString(16).padStart(8, '0')}${fnv1a(key, 0x9747b28c).toString(16).padStart(8, '0')}`;
}
