// usrloc's control methods, with Kamailio 5.6's names, parameters, faults and
// result shapes (compared with its ul.dump and ul.lookup on loopback):
// ul.dump [brief], ul.lookup, ul.rm, ul.rm_contact, ul.add and ul.flush,
// over the tables in use. In db_mode 3 nothing is kept in memory, so ul.dump
// lists no AoRs (as Kamailio's); lookups and changes go to the database.

import type { ModuleInstance, RpcDecl } from '../api.js';
import { FL_MEM, Q_UNSPECIFIED, type Contact } from './contact.js';
import type { Change, Domain } from './domain.js';
import { usrlocApi } from './api.js';
import { aorHash, type Record } from './record.js';
import type { Usrloc } from './service.js';

const fault = (code: number, message: string): Error => Object.assign(new Error(message), { code });
const NOT_SET = '[not set]';
const STATES = { new: 'CS_NEW', synced: 'CS_SYNC', dirty: 'CS_DIRTY' } as const;

async function running(): Promise<Usrloc> {
  const ul = usrlocApi.started();
  if (!ul) throw fault(500, 'usrloc is not running');
  return ul;
}

/** The table a call names; Kamailio's fault when no module uses it. */
async function table(params: readonly unknown[], count: number, missing: string): Promise<{ ul: Usrloc; domain: Domain; args: string[] }> {
  const args = params.slice(0, count);
  if (args.length < count || args.some((a) => typeof a !== 'string')) throw fault(500, `Not enough parameters (${missing})`);
  const ul = await running();
  if (!ul.hasDomain(args[0] as string)) throw fault(500, 'Domain table not found');
  return { ul, domain: ul.domain(args[0] as string), args: args as string[] };
}

function contactView(c: Contact, now: number): { Contact: globalThis.Record<string, string | number> } {
  return {
    Contact: {
      Address: c.uri,
      Expires: c.expires === 0 ? 'permanent' : c.expires <= now ? 'expired' : c.expires - now,
      Q: c.q === Q_UNSPECIFIED ? -1 : c.q / 1000,
      'Call-ID': c.callid,
      CSeq: c.cseq,
      'User-Agent': c.userAgent,
      Received: c.received ?? NOT_SET,
      Path: c.path ?? NOT_SET,
      State: STATES[c.sync],
      Flags: c.flags,
      CFlags: c.cflags,
      Socket: c.socket ?? NOT_SET,
      Methods: c.methods,
      Ruid: c.ruid,
      Instance: c.instance ?? NOT_SET,
      'Reg-Id': c.regId,
      'Server-Id': c.serverId,
      'Tcpconn-Id': c.connectionId > 0 ? c.connectionId : -1,
      Keepalive: c.keepalive,
      // siprc keeps no separate keepalive time: the last change is when the UA was last heard.
      'Last-Keepalive': c.lastModified,
      'KA-Roundtrip': 0,
      'Last-Modified': c.lastModified,
    },
  };
}

function recordView(r: Record, now: number): { AoR: string; Contacts: ReturnType<typeof contactView>[] } {
  return { AoR: r.aor, Contacts: r.contacts.map((c) => contactView(c, now)) };
}

function dumpDomain(ul: Usrloc, domain: Domain, brief: boolean, size: number) {
  const slots = new Map<number, number>();
  const aors = [];
  let records = 0;
  const now = ul.now();
  for (const r of domain.all()) {
    records++;
    const slot = aorHash(r.aor) % size;
    slots.set(slot, (slots.get(slot) ?? 0) + 1);
    aors.push(brief ? { AoR: r.aor } : { Info: { AoR: r.aor, HashID: aorHash(r.aor), Contacts: r.contacts.map((c) => contactView(c, now)) } });
  }
  return { Domain: { Domain: domain.name, Size: size, AoRs: aors, Stats: { Records: records, 'Max-Slots': Math.max(0, ...slots.values()) } } };
}

function number(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** ul.add's contact from its parameters: contact, expires, q, path, flags, cflags, methods. */
function addedContact(ul: Usrloc, aor: string, p: readonly unknown[]): Contact {
  const [uri, expires, q, path, flags, cflags, methods] = [p[2], number(p[3]), number(p[4]), p[5], number(p[6]), number(p[7]), number(p[8])];
  if (typeof uri !== 'string' || typeof path !== 'string' || [expires, q, flags, cflags, methods].some((n) => n === undefined)) {
    throw fault(500, 'Not enough parameters or wrong format');
  }
  const now = ul.now();
  return {
    aor,
    uri,
    ruid: ul.newRuid(),
    expires: expires! === 0 ? 0 : now + expires!,
    q: Math.round(q! * 1000),
    callid: `rpc-${now}@siprc`,
    cseq: 1,
    flags: flags!,
    cflags: cflags!,
    userAgent: 'siprc - RPC',
    received: undefined,
    path: path === '' ? undefined : path,
    socket: undefined,
    methods: methods!,
    instance: undefined,
    regId: 0,
    serverId: 0,
    connectionId: 0,
    keepalive: 0,
    lastModified: now,
    sync: 'new',
  };
}

export const usrlocRpc: readonly RpcDecl[] = [
  {
    name: 'ul.dump',
    help: 'Dump user location tables ("brief": the AoRs only).',
    run: async (m: ModuleInstance, params) => {
      const ul = await running();
      const size = 1 << Number(m.params.get('hash_size'));
      return { Domains: ul.domainNames().map((n) => dumpDomain(ul, ul.domain(n), params[0] === 'brief', size)) };
    },
  },
  {
    name: 'ul.lookup',
    help: 'Returns the contacts of an AoR: table, AoR.',
    run: async (_m, params) => {
      const { ul, domain, args } = await table(params, 2, 'table and AOR to lookup');
      const r = await domain.get(args[1]!);
      if (!r || r.contacts.length === 0) throw fault(500, 'AOR not found in location table');
      return recordView(r, ul.now());
    },
  },
  {
    name: 'ul.rm',
    help: 'Deletes an AoR with all its contacts: table, AoR.',
    run: async (_m, params) => {
      const { domain, args } = await table(params, 2, 'table and AOR to lookup');
      const aor = args[1]!;
      await domain.exclusive(aor, async () => {
        const r = await domain.get(aor);
        if (r) await domain.apply(aor, r.contacts.map((contact): Change => ({ op: 'delete', contact })));
      });
      return {};
    },
  },
  {
    name: 'ul.rm_contact',
    help: 'Deletes one contact of an AoR: table, AoR, contact URI.',
    run: async (_m, params) => {
      const { domain, args } = await table(params, 3, 'table, AOR and contact');
      const [, aor, uri] = args as [string, string, string];
      await domain.exclusive(aor, async () => {
        const r = await domain.get(aor);
        if (!r || r.contacts.length === 0) throw fault(404, 'AOR not found');
        const c = r.contacts.find((x) => x.uri === uri);
        if (!c) throw fault(404, 'Contact not found');
        await domain.apply(aor, [{ op: 'delete', contact: c }]);
      });
      return {};
    },
  },
  {
    name: 'ul.add',
    help: 'Add a new contact for an address of record: table, AoR, contact, expires, q, path, flags, cflags, methods.',
    run: async (_m, params) => {
      if (params.length < 9 || typeof params[0] !== 'string' || typeof params[1] !== 'string') throw fault(500, 'Not enough parameters or wrong format');
      const { ul, domain } = await table(params, 2, 'table and AOR');
      const aor = params[1];
      const contact = addedContact(ul, aor, params);
      await domain.exclusive(aor, async () => {
        const r = await domain.get(aor);
        const old = r?.contacts.find((c) => c.uri === contact.uri);
        await domain.apply(aor, [old ? { op: 'update', old, contact: { ...contact, ruid: old.ruid, flags: contact.flags & ~FL_MEM } } : { op: 'insert', contact }]);
      });
      return {};
    },
  },
  {
    name: 'ul.flush',
    help: 'Writes the changed contacts to the database now (db_mode 2).',
    run: async () => {
      const ul = await running();
      for (const name of ul.domainNames()) await ul.domain(name).flush();
      return {};
    },
  },
];
