// A contact as a row of Kamailio 5.6's `location` table and back, with the
// column names usrloc's *_column parameters give: the AOR split into
// username and domain (domain NULL without use_domain), times as DATETIME
// (a contact that never expires as the epoch), q as a float (-1: none).

import type { DbRow, DbValue } from '../db/api.js';
import type { ParamValues } from '../api.js';
import { ALL_METHODS, type Contact } from './contact.js';

/** The columns by what they hold, named as the parameters say. */
export interface Columns {
  readonly user: string;
  readonly domain: string;
  readonly contact: string;
  readonly expires: string;
  readonly q: string;
  readonly callid: string;
  readonly cseq: string;
  readonly flags: string;
  readonly cflags: string;
  readonly userAgent: string;
  readonly received: string;
  readonly path: string;
  readonly socket: string;
  readonly methods: string;
  readonly instance: string;
  readonly regId: string;
  readonly serverId: string;
  readonly connectionId: string;
  readonly keepalive: string;
  readonly partition: string;
  readonly ruid: string;
  readonly lastModified: string;
}

const PARAM_OF: Readonly<Record<Exclude<keyof Columns, 'lastModified'>, string>> = {
  user: 'user_column',
  domain: 'domain_column',
  contact: 'contact_column',
  expires: 'expires_column',
  q: 'q_column',
  callid: 'callid_column',
  cseq: 'cseq_column',
  flags: 'flags_column',
  cflags: 'cflags_column',
  userAgent: 'user_agent_column',
  received: 'received_column',
  path: 'path_column',
  socket: 'socket_column',
  methods: 'methods_column',
  instance: 'instance_column',
  regId: 'reg_id_column',
  serverId: 'server_id_column',
  connectionId: 'connection_id_column',
  keepalive: 'keepalive_column',
  partition: 'partition_column',
  ruid: 'ruid_column',
};

/** The column parameters as declared (name and default), for the module's parameter list. */
export const COLUMN_PARAMS: ReadonlyArray<{ readonly name: string; readonly type: 'str'; readonly default: string }> = Object.values(PARAM_OF).map((name) => ({
  name,
  type: 'str',
  default: name === 'user_column' ? 'username' : name.replace(/_column$/, ''),
}));

export function columnsOf(params: ParamValues): Columns {
  const out: Record<string, string> = { lastModified: 'last_modified' };
  for (const [key, param] of Object.entries(PARAM_OF)) out[key] = params.get(param) as string;
  return out as unknown as Columns;
}

const toDate = (seconds: number): Date => new Date(seconds * 1000);
const fromDate = (v: DbValue): number => (v instanceof Date ? Math.floor(v.getTime() / 1000) : typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Math.floor(new Date(v.replace(' ', 'T')).getTime() / 1000) : 0);
const text = (v: DbValue): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));
const int = (v: DbValue, fallback = 0): number => (typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : fallback);

/** The username and domain columns of an AOR. */
export function aorColumns(aor: string, useDomain: boolean, cols: Columns): Record<string, DbValue> {
  if (!useDomain) return { [cols.user]: aor, [cols.domain]: null };
  const at = aor.indexOf('@');
  return at < 0 ? { [cols.user]: aor, [cols.domain]: null } : { [cols.user]: aor.slice(0, at), [cols.domain]: aor.slice(at + 1) };
}

export function contactToRow(c: Contact, useDomain: boolean, cols: Columns, serverId: number): DbRow {
  return {
    ...aorColumns(c.aor, useDomain, cols),
    [cols.ruid]: c.ruid,
    [cols.contact]: c.uri,
    [cols.received]: c.received ?? null,
    [cols.path]: c.path ?? null,
    [cols.expires]: toDate(c.expires),
    // Kamailio writes an unspecified q as -1.
    [cols.q]: c.q < 0 ? -1 : c.q / 1000,
    [cols.callid]: c.callid,
    [cols.cseq]: c.cseq,
    [cols.lastModified]: toDate(c.lastModified),
    [cols.flags]: c.flags,
    [cols.cflags]: c.cflags,
    [cols.userAgent]: c.userAgent,
    [cols.socket]: c.socket ?? null,
    // Stored as Kamailio stores its unsigned mask in a signed column.
    [cols.methods]: c.methods | 0,
    [cols.instance]: c.instance ?? null,
    [cols.regId]: c.regId,
    [cols.serverId]: serverId,
    [cols.connectionId]: c.connectionId,
    [cols.keepalive]: c.keepalive,
  };
}

/** The AOR a row belongs to. */
export function rowAor(row: DbRow, useDomain: boolean, cols: Columns): string {
  const user = text(row[cols.user] ?? null) ?? '';
  const domain = useDomain ? text(row[cols.domain] ?? null) : undefined;
  return domain ? `${user}@${domain}` : user;
}

export function rowToContact(row: DbRow, useDomain: boolean, cols: Columns): Contact {
  const get = (name: string): DbValue => row[name] ?? null;
  const methods = get(cols.methods);
  const q = get(cols.q);
  return {
    aor: rowAor(row, useDomain, cols),
    uri: text(get(cols.contact)) ?? '',
    ruid: text(get(cols.ruid)) ?? '',
    expires: fromDate(get(cols.expires)),
    q: typeof q !== 'number' ? 1000 : q < 0 ? -1 : Math.round(q * 1000),
    callid: text(get(cols.callid)) ?? '',
    cseq: int(get(cols.cseq)),
    flags: int(get(cols.flags)),
    cflags: int(get(cols.cflags)),
    userAgent: text(get(cols.userAgent)) ?? '',
    received: text(get(cols.received)),
    path: text(get(cols.path)),
    socket: text(get(cols.socket)),
    methods: methods === null ? ALL_METHODS : int(methods) >>> 0,
    instance: text(get(cols.instance)),
    regId: int(get(cols.regId)),
    serverId: int(get(cols.serverId)),
    connectionId: int(get(cols.connectionId)),
    keepalive: int(get(cols.keepalive)),
    lastModified: fromDate(get(cols.lastModified)),
    sync: 'synced',
  };
}
