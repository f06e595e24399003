// What a REGISTER does to an AOR's record (RFC 3261 10.3 steps 6-8), worked
// out before anything is stored: each Contact matched against the stored
// contacts (usrloc's matching, CSeq checks), inserted, updated or removed
// (expires 0), `*` removing every contact, flag 0x04 keeping only this
// registration's contact, max_contacts enforced; with the contacts the 200
// lists afterwards and save()'s return code (1 inserted, 2 updated, 3
// removed, 4 only listed).

import type { ExecContext } from '../api.js';
import { findContact, isValid, type Change, type Contact, type Record, type Usrloc } from '../usrloc/api.js';
import { contactValues, cfgValue, SAVE_SINGLE_CONTACT, type ContactValues } from './contact-values.js';
import { contactParam, type RegisterRequest } from './request.js';
import { E, type RegError } from './errors.js';
import type { Registrar } from './state.js';

export interface SavePlan {
  readonly changes: Change[];
  readonly rc: number;
  /** The record's contacts once the changes are made, in lookup order. */
  readonly after: Contact[];
}

function newContact(ul: Usrloc, aor: string, uri: string, v: ContactValues, now: number): Contact {
  return { ...v.info, aor, uri, ruid: ul.newRuid(), expires: now + v.expires, lastModified: now, sync: 'synced' };
}

/** The contacts in order after the changes (the record itself is not touched). */
function contactsAfter(record: Record | undefined, changes: readonly Change[], timeOrder: boolean): Contact[] {
  const list = record ? [...record.contacts] : [];
  const place = (c: Contact): void => {
    if (timeOrder) return void list.unshift(c);
    let i = 0;
    while (i < list.length && list[i]!.q >= c.q) i++;
    list.splice(i, 0, c);
  };
  for (const ch of changes) {
    if (ch.op !== 'insert') list.splice(list.indexOf(ch.op === 'update' ? ch.old : ch.contact), 1);
    if (ch.op !== 'delete') place(ch.contact);
  }
  return list;
}

export function planSave(ctx: ExecContext, r: Registrar, req: RegisterRequest, aor: string, record: Record | undefined, flags: number, now: number): SavePlan | RegError {
  const ul = r.ul;
  const changes: Change[] = [];
  if (req.star) {
    for (const c of record?.contacts ?? []) changes.push({ op: 'delete', contact: c });
    return { changes, rc: 3, after: [] };
  }
  if (req.contacts.length === 0) return { changes, rc: 4, after: record ? [...record.contacts] : [] };
  const max = Number(cfgValue(ctx, r.s, 'max_contacts') ?? r.s.maxContacts);
  const uls = ul.settings;
  // Each Contact's values first: a bad one refuses the whole REGISTER.
  const values: ContactValues[] = [];
  for (const c of req.contacts) {
    const v = contactValues(ctx, c, req, r.s, flags, uls.natBflag);
    if ('code' in v) {
      // Kamailio counts contacts before it checks each one's expires: too many wins over too brief.
      if (v.code === 423 && record && max > 0 && tooMany(record, req, max, now)) return E.tooMany(r.s.retryAfter);
      return v;
    }
    values.push(v);
  }
  const matched = new Set<Contact>();
  let inserted = 0;
  let updated = 0;
  let deleted = 0;
  let valid = record ? record.contacts.filter((c) => isValid(c, now)).length : 0;
  for (let i = 0; i < req.contacts.length; i++) {
    const c = req.contacts[i]!;
    const v = values[i]!;
    const key = { uri: c.uriText, callid: req.callid, cseq: req.cseq, path: req.path, instance: v.info.instance, regId: v.info.regId };
    const pending = contactsAfter(record, changes, uls.timeOrder);
    const found = findContact(pending, key, uls.matchingMode, uls.cseqDelay, now);
    if (found.kind === 'old-cseq') return E.invalidCseq;
    if (found.kind === 'retransmission') {
      matched.add(found.contact);
      continue;
    }
    if (found.kind === 'none') {
      if (v.expires === 0) continue;
      if (max > 0 && ++valid > max) return E.tooMany(r.s.retryAfter);
      const fresh = newContact(ul, aor, c.uriText, v, now);
      matched.add(fresh);
      changes.push({ op: 'insert', contact: fresh });
      inserted++;
      continue;
    }
    const old = found.contact;
    if (v.expires === 0) {
      if (isValid(old, now)) valid--;
      changes.push({ op: 'delete', contact: old });
      deleted++;
      continue;
    }
    if (!isValid(old, now) && max > 0 && ++valid > max) return E.tooMany(r.s.retryAfter);
    const next: Contact = { ...old, ...v.info, uri: c.uriText, expires: now + v.expires, lastModified: now };
    matched.add(next);
    changes.push({ op: 'update', old, contact: next });
    updated++;
  }
  if (flags & SAVE_SINGLE_CONTACT) {
    for (const c of contactsAfter(record, changes, uls.timeOrder)) {
      if (matched.has(c)) continue;
      changes.push({ op: 'delete', contact: c });
      deleted++;
    }
  }
  const rc = inserted > 0 ? 1 : updated > 0 ? 2 : deleted > 0 ? 3 : 2;
  return { changes, rc, after: contactsAfter(record, changes, uls.timeOrder) };
}

/** Whether the REGISTER would leave more than `max` valid contacts (new ones with an expires other than 0 counting). */
function tooMany(record: Record, req: RegisterRequest, max: number, now: number): boolean {
  let n = record.contacts.filter((c) => isValid(c, now)).length;
  for (const c of req.contacts) {
    const stored = record.contacts.some((s) => s.uri === c.uriText);
    const zero = contactParam(c, 'expires') === '0' || (contactParam(c, 'expires') === undefined && req.expires === 0);
    if (!stored && !zero) n++;
    if (stored && zero) n--;
  }
  return n > max;
}
