// reg_fetch_contacts / reg_free_contacts and $ulc(profile=>attr)[i]: a copy
// of an AOR's contacts kept under a profile name in the worker (as Kamailio
// keeps it in the process) until freed or fetched again; `exp` holds the
// contact the expiry timer just removed.

import { FixupError, toInt, type ExecContext, type PvClassDecl, type Value } from '../api.js';
import { guard, then, type Maybe } from '../kit/maybe.js';
import { aorHash, isValid, type Contact } from '../usrloc/api.js';
import { aorFor, type Registrar } from './state.js';

export interface Profile {
  readonly aor: string;
  readonly domain: string;
  readonly contacts: readonly Contact[];
}

const KEY = 'registrar.ulc';

export function profiles(ctx: ExecContext): Map<string, Profile> {
  let p = ctx.worker.modules.get(KEY) as Map<string, Profile> | undefined;
  if (!p) ctx.worker.modules.set(KEY, (p = new Map()));
  return p;
}

export function fetchContacts(ctx: ExecContext, r: Registrar, table: string, uri: string, profile: string): Maybe<number> {
  const all = profiles(ctx);
  all.delete(profile);
  const aor = aorFor(r, uri);
  if (aor === 'parse') return -1;
  const now = r.ul.now();
  return guard(
    () =>
      then(r.ul.domain(table).get(aor), (record) => {
        const contacts = record?.contacts.filter((c) => isValid(c, now)).map((c) => ({ ...c })) ?? [];
        if (contacts.length === 0) return -1;
        all.set(profile, { aor, domain: table, contacts });
        return 1;
      }),
    (e) => {
      ctx.log(-1, `registrar: reg_fetch_contacts("${table}"): storage failed: ${(e as Error).message}`);
      return -1;
    },
  );
}

export function freeContacts(ctx: ExecContext, profile: string): number {
  profiles(ctx).delete(profile);
  return 1;
}

type Attr = (c: Contact) => Value;

const nonEmpty = (v: string | undefined): Value => (v === undefined || v === '' ? null : v);

const CONTACT_ATTRS: Readonly<Record<string, Attr>> = {
  addr: (c) => c.uri,
  path: (c) => c.path ?? '',
  received: (c) => c.received ?? '',
  expires: (c) => c.expires,
  callid: (c) => c.callid,
  q: (c) => c.q,
  cseq: (c) => c.cseq,
  flags: (c) => c.flags,
  cflags: (c) => c.cflags,
  user_agent: (c) => c.userAgent,
  socket: (c) => c.socket ?? '',
  modified: (c) => c.lastModified,
  methods: (c) => c.methods >>> 0,
  ruid: (c) => c.ruid,
  regid: (c) => c.regId,
  instance: (c) => nonEmpty(c.instance),
  conid: (c) => (c.connectionId > 0 ? c.connectionId : null),
  server_id: (c) => c.serverId,
};

const RECORD_ATTRS: Readonly<Record<string, (p: Profile) => Value>> = {
  aor: (p) => p.aor,
  domain: (p) => p.domain,
  aorhash: (p) => aorHash(p.aor),
  count: (p) => p.contacts.length,
};

export const ulcClass: PvClassDecl = {
  name: 'ulc',
  inner: 'required',
  writable: false,
  compile(ref) {
    if (ref.name?.dynamic) throw new FixupError('the name must be constant: profile=>attribute');
    const m = /^([^=]+)=>(\w+)$/.exec(ref.name?.text ?? '');
    if (!m) throw new FixupError(`"${ref.name?.text ?? ''}" is not profile=>attribute`);
    const [, profile, attr] = m as unknown as [string, string, string];
    const index = ref.index;
    if (index && index.kind !== 'int' && index.kind !== 'pv') throw new FixupError('takes a number index');
    const ofRecord = RECORD_ATTRS[attr];
    const ofContact = CONTACT_ATTRS[attr];
    if (!ofRecord && !ofContact) throw new FixupError(`unknown attribute \`${attr}\` (one of ${[...Object.keys(RECORD_ATTRS), ...Object.keys(CONTACT_ATTRS)].join(', ')})`);
    return {
      get: (ctx) => {
        const p = profiles(ctx).get(profile);
        if (!p) return null;
        if (ofRecord) return ofRecord(p);
        const i = !index ? 0 : index.kind === 'int' ? index.value : toInt(index.access.get(ctx));
        const c = p.contacts[i];
        return c ? ofContact!(c) : null;
      },
    };
  },
};
