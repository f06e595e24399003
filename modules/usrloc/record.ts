// An address-of-record with its contacts (Kamailio's urecord_t), kept in the
// order lookup hands them out: by q, highest first, a new contact after those
// of equal q; or, with desc_time_order, the last changed first.

import type { Contact } from './contact.js';

export class Record {
  readonly contacts: Contact[] = [];

  constructor(
    /** The location table (usrloc's "domain") it is kept in. */
    readonly domain: string,
    readonly aor: string,
    private readonly timeOrder: boolean,
  ) {}

  /** Places a new or changed contact at its place in the order (removing it first if it is there). */
  place(c: Contact): void {
    this.remove(c);
    if (this.timeOrder) {
      this.contacts.unshift(c);
      return;
    }
    let i = 0;
    while (i < this.contacts.length && this.contacts[i]!.q >= c.q) i++;
    this.contacts.splice(i, 0, c);
  }

  remove(c: Contact): boolean {
    const i = this.contacts.indexOf(c);
    if (i < 0) return false;
    this.contacts.splice(i, 1);
    return true;
  }

  byRuid(ruid: string): Contact | undefined {
    return this.contacts.find((c) => c.ruid === ruid);
  }
}

/** The 32-bit hash Kamailio's $ulc(aorhash) shows for an AOR (core_hash: its characters four at a time). */
export function aorHash(aor: string): number {
  let v: number;
  let h = 0;
  let i = 0;
  const b = Buffer.from(aor, 'latin1');
  for (; i + 4 <= b.length; i += 4) {
    v = ((b[i]! << 24) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!) >>> 0;
    h = (h + v) ^ (v >>> 3);
  }
  v = 0;
  for (; i < b.length; i++) v = ((v << 8) + b[i]!) >>> 0;
  h = (h + v) ^ (v >>> 3);
  h = (h + (h >>> 11) + (h >>> 13) + (h >>> 23)) >>> 0;
  return h;
}
