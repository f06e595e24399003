// One location table (Kamailio's udomain_t: "location" in save("location")):
// its records in memory and, by db_mode, the database behind them. Changes
// come as a list (insert, update, delete of contacts of one record) and are
// applied as the mode says: to memory only (0, 4), to the database then to
// memory, contact by contact (1: a failed write leaves memory as it was),
// to memory marked for the timer's flush (2), or to the database only (3,
// where every read queries it). Keeps the table's users/contacts/expires
// statistics.

import type { Statistics } from '../api.js';
import { sequence, then, type Maybe } from '../kit/maybe.js';
import { FL_MEM, isValid, type Contact } from './contact.js';
import type { LocationDb } from './db-ops.js';
import { Record } from './record.js';
import { DB_ONLY, DB_WRITE_BACK, DB_WRITE_THROUGH, type Settings } from './settings.js';

export type Change =
  | { readonly op: 'insert'; readonly contact: Contact }
  | { readonly op: 'update'; readonly old: Contact; readonly contact: Contact }
  | { readonly op: 'delete'; readonly contact: Contact };

/** A change the database refused: which kind it was, with the database's error as its cause (and its message). */
export class ChangeFailed extends Error {
  constructor(
    readonly op: Change['op'],
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ChangeFailed';
  }
}

export interface DomainContext {
  readonly settings: Settings;
  readonly db: LocationDb | undefined;
  readonly stats: Statistics;
  now(): number;
  log(text: string): void;
}

export class Domain {
  private readonly records = new Map<string, Record>();
  /** Write-back: rows to delete at the next flush (contacts gone from memory that had been written). */
  private readonly pendingDeletes: Contact[] = [];
  private loading: Promise<void> | undefined;
  /** Work on an AOR still waiting on the database: the next read-modify-write of that AOR waits for it (Kamailio locks the record). */
  private readonly busy = new Map<string, Promise<unknown>>();
  private loaded: boolean;

  constructor(
    readonly name: string,
    private readonly env: DomainContext,
  ) {
    const mode = env.settings.dbMode;
    // Modes 1, 2 and 4 keep the table in memory, loaded from the database first.
    this.loaded = !env.db || mode === DB_ONLY || !env.settings.dbLoad;
  }

  private get mode(): number {
    return this.env.db ? this.env.settings.dbMode : 0;
  }

  /** Whether records are kept in memory (every mode but 3). */
  get inMemory(): boolean {
    return this.mode !== DB_ONLY;
  }

  /** Loads the table into memory (modes 1, 2, 4); once. */
  load(): Maybe<void> {
    if (this.loaded) return undefined;
    this.loading ??= this.env.db!.loadAll(this.name).then((contacts) => {
      for (const c of contacts) this.memInsert(this.recordFor(c.aor), c);
      this.loaded = true;
    });
    return this.loading;
  }

  private recordFor(aor: string): Record {
    let r = this.records.get(aor);
    if (!r) {
      r = new Record(this.name, aor, this.env.settings.timeOrder);
      this.records.set(aor, r);
      this.env.stats.add(`${this.name}_users`);
      this.env.stats.add('registered_users');
    }
    return r;
  }

  /** The record of an AOR with its contacts (expired ones included); undefined when it has none. */
  get(aor: string): Maybe<Record | undefined> {
    if (this.mode === DB_ONLY) {
      return this.env.db!.loadAor(this.name, aor).then((contacts) => {
        if (contacts.length === 0) return undefined;
        const r = new Record(this.name, aor, this.env.settings.timeOrder);
        for (const c of contacts) r.place(c);
        return r;
      });
    }
    return then(this.load(), () => this.records.get(aor));
  }

  /** The record to add contacts to: the stored one, or a new empty one. */
  getOrNew(aor: string): Maybe<Record> {
    return then(this.get(aor), (r) => r ?? new Record(this.name, aor, this.env.settings.timeOrder));
  }

  /** Every record in memory (none in db_mode 3). */
  all(): IterableIterator<Record> {
    return this.records.values();
  }

  /** Finds a contact by its ruid. */
  byRuid(ruid: string): Maybe<Contact | undefined> {
    if (this.mode === DB_ONLY) return this.env.db!.loadRuid(this.name, ruid);
    return then(this.load(), () => {
      for (const r of this.records.values()) {
        const c = r.byRuid(ruid);
        if (c) return c;
      }
      return undefined;
    });
  }

  /**
   * Runs `f` (a read of the AOR's record, then changes to it) once the work
   * on that AOR still waiting on the database has ended, so that two
   * REGISTERs of one AOR do not both work from the same record.
   */
  exclusive<T>(aor: string, f: () => Maybe<T>): Maybe<T> {
    const before = this.busy.get(aor);
    const result = before ? before.then(f, f) : f();
    if (!(result instanceof Promise)) return result;
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.busy.set(aor, done);
    void done.then(() => {
      if (this.busy.get(aor) === done) this.busy.delete(aor);
    });
    return result;
  }

  /** Applies the changes to one AOR's record, as the storage mode says. */
  apply(aor: string, changes: readonly Change[]): Maybe<void> {
    const mode = this.mode;
    const db = this.env.db;
    if (mode === DB_ONLY) return sequence(changes, (ch) => this.dbApply(ch));
    if (mode === DB_WRITE_THROUGH && db) return sequence(changes, (ch) => (ch.contact.flags & FL_MEM ? this.memApply(aor, ch) : this.dbApply(ch).then(() => this.memApply(aor, ch))));
    for (const ch of changes) this.memApply(aor, ch);
    return undefined;
  }

  private dbApply(ch: Change): Promise<void> {
    const db = this.env.db!;
    const written = ch.op === 'insert' ? db.insert(this.name, ch.contact) : ch.op === 'update' ? db.update(this.name, ch.old, ch.contact) : db.delete(this.name, ch.contact);
    return written.catch((e: unknown) => {
      throw new ChangeFailed(ch.op, e);
    });
  }

  private memInsert(r: Record, c: Contact): void {
    r.place(c);
    this.env.stats.add(`${this.name}_contacts`);
  }

  private memDelete(r: Record, c: Contact): void {
    if (!r.remove(c)) return;
    this.env.stats.add(`${this.name}_contacts`, -1);
    if (this.mode === DB_WRITE_BACK && c.sync !== 'new' && !(c.flags & FL_MEM)) this.pendingDeletes.push(c);
    if (r.contacts.length === 0 && this.records.get(r.aor) === r) {
      this.records.delete(r.aor);
      this.env.stats.add(`${this.name}_users`, -1);
      this.env.stats.add('registered_users', -1);
    }
  }

  private memApply(aor: string, ch: Change): void {
    const existing = this.records.get(aor);
    if (!existing && ch.op === 'delete') return;
    const r = existing ?? this.recordFor(aor);
    const writeBack = this.mode === DB_WRITE_BACK;
    if (ch.op === 'insert') {
      if (writeBack) ch.contact.sync = 'new';
      this.memInsert(r, ch.contact);
    } else if (ch.op === 'update') {
      if (writeBack) ch.contact.sync = ch.old.sync === 'new' ? 'new' : 'dirty';
      r.remove(ch.old);
      r.place(ch.contact);
    } else this.memDelete(r, ch.contact);
  }

  /**
   * The timer's work: in memory, drops the contacts expired at `now`
   * (counted in `expires`; deleted from the database in mode 1) and in mode
   * 2 writes what changed since the last run; in mode 3 deletes the expired
   * rows. Resolves to the contacts that expired in memory.
   */
  async timer(now: number): Promise<Contact[]> {
    const db = this.env.db;
    if (this.mode === DB_ONLY) {
      await db!.deleteExpired(this.name, now - this.env.settings.rmExpiredDelay);
      return [];
    }
    const expired: Contact[] = [];
    for (const r of [...this.records.values()]) {
      for (const c of [...r.contacts]) {
        if (isValid(c, now)) continue;
        expired.push(c);
        this.memDelete(r, c);
        this.env.stats.add(`${this.name}_expires`);
      }
    }
    if (db && this.mode === DB_WRITE_THROUGH) for (const c of expired) if (!(c.flags & FL_MEM)) await db.delete(this.name, c);
    if (db && this.mode === DB_WRITE_BACK) await this.flush();
    if (db && this.env.settings.timerClean && (this.mode === DB_WRITE_THROUGH || this.mode === DB_WRITE_BACK)) await db.deleteExpired(this.name, now);
    return expired;
  }

  /** Write-back: writes new and changed contacts and deletes removed ones. */
  async flush(): Promise<void> {
    const db = this.env.db;
    if (!db || this.mode !== DB_WRITE_BACK) return;
    for (const c of this.pendingDeletes.splice(0)) await db.delete(this.name, c);
    for (const r of this.records.values()) {
      for (const c of r.contacts) {
        if (c.flags & FL_MEM || c.sync === 'synced') continue;
        if (c.sync === 'new') await db.insert(this.name, c);
        else await db.update(this.name, c, c);
        c.sync = 'synced';
      }
    }
  }
}
