// The message itself: first line, common headers, body and size ($ci $cs
// $rm $rmid $rs $rr $rv $ua $ct $cl $cT $mb $mbu $ml $rb $mt $bs $ds $pp, and $msg(part)), any header by name ($hdr,
// with an index, and $hdrc to count them), and the credentials' username,
// realm, domain, digest URI and algorithm ($au $ar $ad $aU $adu $aa).

import { FixupError, paramText, type ExecContext, type PvAccess, type PvClassDecl, type PvRef, type Value } from '../../api.js';
import { isSipError, type SipError } from '../../../runtime/sip/errors.js';
import { headerKey, keyInfo, type KeyInfo } from '../../../runtime/sip/header-names.js';
import { destinationSetContact } from '../../../runtime/exec/dset.js';
import { METHOD_IDS, METHOD_OTHER } from '../../../runtime/exec/kamailio-numbers.js';
import { named, readOnly } from './define.js';

function parsed<T>(v: T | SipError | undefined): T | undefined {
  return v === undefined || isSipError(v) ? undefined : (v as T);
}

/** The header name of a use: constant, or read at run time. */
function headerName(ref: PvRef): (ctx: ExecContext) => string {
  const name = ref.name;
  if (!name) throw new FixupError('needs a header name');
  return name.dynamic ? (ctx) => paramText(name, ctx) : () => name.text;
}

const header: PvClassDecl = {
  name: 'hdr',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    const nameOf = headerName(ref);
    const index = ref.index;
    if (index?.kind === 'append') throw new FixupError('`[+]` is not an index of a header');
    // A constant name's lookup key is made once, here.
    const known: KeyInfo | undefined = ref.name && !ref.name.dynamic ? keyInfo(ref.name.text) : undefined;
    return {
      get(ctx) {
        if (!index) {
          const line = ctx.message.findHeader(known ?? nameOf(ctx));
          return line < 0 ? null : ctx.message.headerValue(line);
        }
        const values = ctx.message.headerValues(nameOf(ctx));
        if (values.length === 0) return null;
        if (index.kind === 'all') return values.join(',');
        const i = index.kind === 'int' ? index.value : Number(index.access.get(ctx) ?? 0);
        return values[i < 0 ? values.length + i : i] ?? null;
      },
    };
  },
};

const headerCount: PvClassDecl = {
  name: 'hdrc',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    if (ref.index) throw new FixupError('takes no index');
    const nameOf = headerName(ref);
    return { get: (ctx) => ctx.message.headerValues(nameOf(ctx)).length };
  },
};

/** The credentials of the request: Authorization, else Proxy-Authorization. */
function credentials(ctx: ExecContext): ReadonlyMap<string, string> | undefined {
  for (const name of ['authorization', 'proxy-authorization'] as const) {
    const list = parsed(ctx.message.auth(name));
    if (list && list[0]) return list[0].params;
  }
  return undefined;
}

function credential(get: (params: ReadonlyMap<string, string>) => Value): (ctx: ExecContext) => Value {
  return (ctx) => {
    const params = credentials(ctx);
    return params ? get(params) : null;
  };
}

/**
 * The bodies of a header, one per list item for the headers siprc parses as
 * lists (Via, Contact, Route, Record-Route), one per line otherwise.
 */
function headerBodies(ctx: ExecContext, name: string): string[] {
  const m = ctx.message;
  const items = (list: ReadonlyArray<{ readonly raw: string }> | SipError | undefined | '*'): string[] | undefined =>
    list === undefined || list === '*' || isSipError(list) ? undefined : list.map((v) => v.raw.trim());
  switch (headerKey(name)) {
    case 'via':
      return items(m.vias()) ?? m.headerValues(name);
    case 'contact':
      return items(m.contacts()) ?? m.headerValues(name);
    case 'route':
      return items(m.routes()) ?? m.headerValues(name);
    case 'record-route':
      return items(m.recordRoutes()) ?? m.headerValues(name);
    default:
      return m.headerValues(name);
  }
}

/** $(hfl(name)[i]): one body of a header (an item of a list header). */
const headerFieldList: PvClassDecl = {
  name: 'hfl',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    const nameOf = headerName(ref);
    const index = ref.index;
    if (index?.kind === 'append' || index?.kind === 'all') throw new FixupError('takes a number index');
    return {
      get(ctx) {
        const bodies = headerBodies(ctx, nameOf(ctx));
        const i = !index ? 0 : index.kind === 'int' ? index.value : Number(index.access.get(ctx) ?? 0);
        return bodies[i < 0 ? bodies.length + i : i] ?? null;
      },
    };
  },
};

/** $hflc(name): how many bodies $hfl sees. */
const headerFieldCount: PvClassDecl = {
  name: 'hflc',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    if (ref.index) throw new FixupError('takes no index');
    const nameOf = headerName(ref);
    return { get: (ctx) => headerBodies(ctx, nameOf(ctx)).length };
  },
};

/** The smallest and largest expiry the REGISTER asks for: its contacts' expires, else the Expires header. */
function expiresRange(ctx: ExecContext): [number, number] | undefined {
  const values: number[] = [];
  const contacts = ctx.message.contacts();
  if (contacts && contacts !== '*' && !isSipError(contacts)) {
    for (const c of contacts) {
      const e = c.params.find((p) => p.name.toLowerCase() === 'expires')?.value;
      if (e !== undefined && /^\d+$/.test(e)) values.push(Number(e));
    }
  }
  if (values.length === 0) {
    const header = parsed(ctx.message.expires());
    if (header !== undefined) values.push(header);
  }
  return values.length === 0 ? undefined : [Math.min(...values), Math.max(...values)];
}

/** The header lines after the first line, without the line end of the last one and the blank line (as Kamailio gives them). */
function headersPart(ctx: ExecContext): string {
  const text = ctx.message.text;
  const firstEnd = text.indexOf('\n') + 1;
  return text.slice(firstEnd, ctx.message.bodyStart).replace(/\r?\n\r?\n$/, '');
}

/** The method: the request's, or for a reply the one its CSeq names. */
function method(ctx: ExecContext): Value {
  if (ctx.message.isRequest) return ctx.message.method;
  return parsed(ctx.message.cseq())?.method ?? null;
}

/** Kamailio's id of the method (its bit; one for all methods it does not know). */
function methodId(ctx: ExecContext): Value {
  const name = method(ctx);
  return name === null ? null : (METHOD_IDS[String(name).toUpperCase()] ?? METHOD_OTHER);
}

/** The destination set as a Contact header value would list it (without the line end); null when it is empty. */
function destinationSet(ctx: ExecContext): Value {
  return destinationSetContact(ctx, 0)?.slice(0, -2) ?? null;
}

export const messageClasses: readonly PvClassDecl[] = [
  header,
  headerCount,
  readOnly('ci', (ctx) => parsed(ctx.message.callId()) ?? null),
  readOnly('cs', (ctx) => parsed(ctx.message.cseq())?.seq ?? null),
  readOnly('rm', method),
  readOnly('rmid', methodId),
  readOnly('rs', (ctx) => (ctx.message.isRequest ? null : ctx.message.status)),
  readOnly('rr', (ctx) => (ctx.message.isRequest ? null : ctx.message.reasonText)),
  readOnly('rv', (ctx) => {
    const text = ctx.message.text;
    const firstLine = text.slice(0, text.search(/\r?\n/));
    return ctx.message.isRequest ? firstLine.slice(firstLine.lastIndexOf(' ') + 1) : firstLine.slice(0, firstLine.indexOf(' '));
  }),
  readOnly('ua', (ctx) => ctx.message.userAgent() ?? null),
  readOnly('ct', (ctx) => ctx.message.header('contact') ?? null),
  readOnly('cl', (ctx) => parsed(ctx.message.contentLength()) ?? null),
  readOnly('cT', (ctx) => ctx.message.header('content-type') ?? null),
  readOnly('mb', (ctx) => ctx.wire?.data ?? ctx.message.text),
  readOnly('mbu', (ctx) => ctx.edits.toBuffer().toString('latin1')),
  readOnly('ds', destinationSet),
  readOnly('pp', () => process.pid),
  readOnly('ml', (ctx) => ctx.message.text.length),
  readOnly('rb', (ctx) => (ctx.message.bodyEnd > ctx.message.bodyStart ? ctx.message.body.toString('latin1') : null)),
  readOnly('au', credential((p) => {
    const user = p.get('username');
    return user === undefined ? null : user.includes('@') ? user.slice(0, user.indexOf('@')) : user;
  })),
  readOnly('aU', credential((p) => p.get('username') ?? null)),
  readOnly('ar', credential((p) => p.get('realm') ?? null)),
  // The domain part of the username ('' when it has none, as Kamailio gives it).
  readOnly('ad', credential((p) => {
    const user = p.get('username');
    if (user === undefined) return null;
    return user.includes('@') ? user.slice(user.indexOf('@') + 1) : '';
  })),
  readOnly('adu', credential((p) => p.get('uri') ?? null)),
  readOnly('mt', (ctx) => (ctx.message.isRequest ? 1 : 2)),
  headerFieldList,
  headerFieldCount,
  named('expires', {
    min: (ctx) => expiresRange(ctx)?.[0] ?? null,
    max: (ctx) => expiresRange(ctx)?.[1] ?? null,
  }),
  readOnly('bs', (ctx) => ctx.message.bodyEnd - ctx.message.bodyStart),
  named('msg', {
    len: (ctx) => ctx.message.text.length,
    buf: (ctx) => ctx.message.text,
    body: (ctx) => ctx.message.text.slice(ctx.message.bodyStart, ctx.message.bodyEnd),
    body_len: (ctx) => ctx.message.bodyEnd - ctx.message.bodyStart,
    fline: (ctx) => ctx.message.text.slice(0, ctx.message.text.search(/\r?\n/)),
    hdrs: (ctx) => headersPart(ctx),
    hdrs_len: (ctx) => headersPart(ctx).length,
  }),
  readOnly('aa', credential((p) => p.get('algorithm') ?? null)),
];
