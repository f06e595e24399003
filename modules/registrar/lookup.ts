// lookup(table[, uri]), lookup_to_dset(table[, uri]) and
// lookup_branches(table): the contacts of the Request-URI's AOR (or a given
// URI's) become the request's destinations, highest q first: the first
// rewrites the Request-URI (its received address or first Path hop as the
// destination URI, its Path as Route headers, its socket and branch flags,
// its ruid as the message's $ruid), the others become branches
// (append_branches); lookup_to_dset adds them all as branches. A GRUU
// Request-URI finds the one contact it names.
// Return codes: 1 found, -1 none, -2 none accepting the method
// (method_filtering), -3 an internal error (a bad URI, storage failing).

import type { ExecContext } from '../api.js';
import type { Transport } from '../../runtime/exec/context.js';
import { guard, sequence, then, type Maybe } from '../kit/maybe.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { tagOf } from '../../runtime/sip/headers/name-addr.js';
import { parseNameAddr } from '../../runtime/sip/headers/name-addr.js';
import { splitList } from '../../runtime/sip/headers/scan.js';
import { METHOD_IDS, METHOD_OTHER } from '../../runtime/exec/kamailio-numbers.js';
import { isSipUri, parseUri, uriParam } from '../../runtime/sip/uri.js';
import { isValid, type Contact } from '../usrloc/api.js';
import { cfgValue } from './contact-values.js';
import { tempGruuUser } from './reply.js';
import type { Registrar } from './state.js';
import { aorFor } from './state.js';
import { addRcd } from './xavp-rcd.js';
import { setMessageRuid } from '../kit/message-ruid.js';

export const FOUND = 1;
export const NOT_FOUND = -1;
export const METHOD_NOT_SUPPORTED = -2;
export const INTERNAL_ERROR = -3;

/** The contacts a request may be sent to, or the return code when there are none. */
export function usableContacts(ctx: ExecContext, r: Registrar, contacts: readonly Contact[], now: number): Contact[] | number {
  let list = contacts.filter((c) => r.s.useExpiredContacts || isValid(c, now));
  if (list.length === 0) return NOT_FOUND;
  if (r.s.lookupFilterMode & 1) {
    const bflags = Number(cfgValue(ctx, r.s, 'rlf_bflags') ?? 0);
    if (bflags) list = list.filter((c) => (c.cflags & bflags) !== 0);
    if (list.length === 0) return NOT_FOUND;
  }
  const to = ctx.message.isRequest ? ctx.message.to() : undefined;
  const initial = to !== undefined && !isSipError(to) && tagOf(to) === undefined;
  if (r.s.methodFiltering && initial) {
    const bit = METHOD_IDS[ctx.message.method.toUpperCase()] ?? METHOD_OTHER;
    list = list.filter((c) => (c.methods & bit) !== 0);
    if (list.length === 0) return METHOD_NOT_SUPPORTED;
  }
  return list;
}

/** The first hop of a Path, or undefined (skipped when it is this server and path_check_local is on). */
function firstPathHop(ctx: ExecContext, r: Registrar, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const hops = splitList(path);
  for (const hop of hops) {
    const na = parseNameAddr(hop, 'Path');
    if (isSipError(na)) return undefined;
    const uri = parseUri(na.uriText);
    if (r.s.pathCheckLocal && !isSipError(uri) && isSipUri(uri) && ctx.isMyself(uri.host, uri.port)) continue;
    return na.uriText;
  }
  return undefined;
}

/** The socket a contact was registered through, as the send socket when it is one of ours. */
function sendSocketOf(ctx: ExecContext, socket: string | undefined): ExecContext['sendSocket'] {
  const m = socket ? /^(udp|tcp|tls|sctp|ws|wss):\[?([^\]]+?)\]?:(\d+)$/i.exec(socket) : null;
  if (!m) return undefined;
  const proto = m[1]!.toLowerCase() as Transport;
  const port = Number(m[3]);
  const ours = (ctx.local.sockets ?? [{ address: ctx.local.socket.address, port: ctx.local.socket.port, proto: ctx.proto }]).some((l) => l.address === m[2] && l.port === port && (l.proto === undefined || l.proto === proto));
  return ours ? { address: m[2]!, port, proto } : undefined;
}

/** Route headers for a Path: before the first Route, else after the last Via. */
function addPathRoute(ctx: ExecContext, path: string): void {
  const m = ctx.message;
  const firstRoute = m.findHeader('route');
  if (firstRoute >= 0) return void ctx.edits.addHeaderBefore(firstRoute, `Route: ${path}\r\n`);
  let lastVia = -1;
  for (let i = m.findHeader('via'); i >= 0; i = m.findHeader('via', i + 1)) lastVia = i;
  if (lastVia >= 0) ctx.edits.addHeaderAfter(lastVia, `Route: ${path}\r\n`);
  else ctx.edits.insertHeader(`Route: ${path}\r\n`);
}

function destinationOf(ctx: ExecContext, r: Registrar, c: Contact): string | undefined {
  return firstPathHop(ctx, r, c.path) ?? c.received;
}

/** The contact as the Request-URI. */
function useAsRequestUri(ctx: ExecContext, r: Registrar, c: Contact): void {
  ctx.edits.requestUri = c.uri;
  setMessageRuid(ctx, c.ruid);
  ctx.edits.destination = destinationOf(ctx, r, c);
  if (c.path) addPathRoute(ctx, c.path);
  ctx.branchFlags = c.cflags;
  const socket = sendSocketOf(ctx, c.socket);
  if (socket) ctx.sendSocket = socket;
  addRcd(ctx, r.s, c);
}

/** The contact as a new branch; false when max_branches is reached. */
function addBranch(ctx: ExecContext, r: Registrar, c: Contact): boolean {
  if (ctx.branches.length >= ctx.maxBranches - 1) return false;
  const s = sendSocketOf(ctx, c.socket);
  ctx.branches.push({
    uri: c.uri,
    destination: destinationOf(ctx, r, c),
    path: c.path,
    q: c.q,
    flags: c.cflags,
    socket: s && `${s.proto}:${s.address}:${s.port}`,
    ...(c.instance ? { instance: c.instance } : {}),
    ruid: c.ruid,
  });
  addRcd(ctx, r.s, c);
  return true;
}

type Gruu = { readonly instance: string } | { readonly tempUser: string };

/** The GRUU a URI is (`;gr=<instance>` public, `;gr` alone temporary), or undefined. */
function gruuOf(uriText: string): Gruu | undefined {
  const uri = parseUri(uriText);
  if (isSipError(uri) || !isSipUri(uri) || !uri.params.some((p) => p.name.toLowerCase() === 'gr')) return undefined;
  const gr = uriParam(uri, 'gr');
  if (gr) return { instance: gr };
  return uri.user ? { tempUser: uri.user } : undefined;
}

const bareInstance = (c: Contact): string | undefined => c.instance?.replace(/^<|>$/g, '');

/** The contacts for a URI, or the return code when there are none. */
function contactsFor(ctx: ExecContext, r: Registrar, table: string, uriText: string): Maybe<Contact[] | number> {
  const now = r.ul.now();
  const gruu = gruuOf(uriText);
  const domain = r.ul.domain(table);
  if (gruu && 'tempUser' in gruu) {
    // A temporary GRUU names no AOR: its user part carries the contact's ruid.
    const ruid = gruu.tempUser.slice(0, gruu.tempUser.lastIndexOf('-'));
    return then(domain.byRuid(ruid), (c) => (c && tempGruuUser(c) === gruu.tempUser ? usableContacts(ctx, r, [c], now) : NOT_FOUND));
  }
  const aor = aorFor(r, uriText);
  if (aor === 'parse') return INTERNAL_ERROR;
  return then(domain.get(aor), (record) => {
    if (!record) return NOT_FOUND;
    const contacts = gruu ? record.contacts.filter((c) => bareInstance(c) === gruu.instance) : record.contacts;
    return usableContacts(ctx, r, contacts, now);
  });
}

function storageFailed(ctx: ExecContext, what: string, e: unknown): number {
  ctx.log(-1, `registrar: ${what}: storage failed: ${(e as Error).message}`);
  return INTERNAL_ERROR;
}

/** lookup(): the first contact as the Request-URI, the others as branches when append_branches is on. */
export function lookup(ctx: ExecContext, r: Registrar, table: string, uri?: string): Maybe<number> {
  const uriText = uri !== undefined && uri !== '' ? uri : ctx.edits.currentRequestUri;
  return guard(
    () =>
      then(contactsFor(ctx, r, table, uriText), (found) => {
        if (typeof found === 'number') return found;
        useAsRequestUri(ctx, r, found[0]!);
        if (r.s.appendBranches) for (const c of found.slice(1)) if (!addBranch(ctx, r, c)) break;
        return FOUND;
      }),
    (e) => storageFailed(ctx, `lookup("${table}")`, e),
  );
}

/** lookup_to_dset(): every contact as a new branch, the Request-URI left as it is. */
export function lookupToDset(ctx: ExecContext, r: Registrar, table: string, uri?: string): Maybe<number> {
  const uriText = uri !== undefined && uri !== '' ? uri : ctx.edits.currentRequestUri;
  return guard(
    () =>
      then(contactsFor(ctx, r, table, uriText), (found) => {
        if (typeof found === 'number') return found;
        for (const c of found) if (!addBranch(ctx, r, c)) break;
        return FOUND;
      }),
    (e) => storageFailed(ctx, `lookup_to_dset("${table}")`, e),
  );
}

/**
 * lookup_branches(): lookup() on the Request-URI, then on each branch that
 * carries nothing but a URI (that branch is replaced by what it finds). The
 * best return code wins.
 */
export function lookupBranches(ctx: ExecContext, r: Registrar, table: string): Maybe<number> {
  const plain = ctx.branches.filter((b) => b.destination === undefined && b.path === undefined && b.socket === undefined && b.flags === 0 && b.ruid === undefined);
  let best = NOT_FOUND;
  const record = (rc: number): void => void (best = rc === FOUND || best === FOUND ? FOUND : Math.max(best, rc));
  return then(lookup(ctx, r, table), (first) => {
    record(first);
    return then(
      sequence(plain, (b) => {
        const i = ctx.branches.indexOf(b);
        if (i < 0) return undefined;
        return guard(
          () =>
            then(contactsFor(ctx, r, table, b.uri), (found) => {
              if (typeof found === 'number') return record(found);
              ctx.branches.splice(ctx.branches.indexOf(b), 1);
              for (const c of found) if (!addBranch(ctx, r, c)) break;
              record(FOUND);
            }),
          (e) => record(storageFailed(ctx, `lookup_branches("${table}")`, e)),
        );
      }),
      () => best,
    );
  });
}
