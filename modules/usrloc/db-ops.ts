// usrloc's operations on a location table in the database: loading every
// row or one AOR's, writing a contact (insert, update by ruid or by AOR,
// contact and Call-ID, as db_ops_ruid says), deleting one, an AOR's or the
// expired ones, and checking the table's version.

import type { DbCondition, DbConnection } from '../db/api.js';
import type { Contact } from './contact.js';
import { aorColumns, contactToRow, rowToContact } from './rows.js';
import type { Settings } from './settings.js';

/** The version of `location` this code reads and writes (Kamailio 5.6's). */
export const LOCATION_VERSION = 9;

export class LocationDb {
  constructor(
    readonly db: DbConnection,
    private readonly s: Settings,
    /** The server_id core parameter, written with each contact. */
    private readonly serverId = 0,
  ) {}

  /** Refuses a table of another version (unless version_table is 0). */
  async checkVersion(table: string): Promise<string | undefined> {
    if (!this.s.versionTable) return undefined;
    const v = await this.db.tableVersion(table);
    if (v === undefined) return `table ${table} is not listed in the version table of ${this.db.url.redacted}`;
    return v === LOCATION_VERSION ? undefined : `table ${table} has version ${v}, siprc's usrloc needs version ${LOCATION_VERSION}`;
  }

  async loadAll(table: string): Promise<Contact[]> {
    return (await this.db.query({ table, orderBy: 'id' })).map((r) => rowToContact(r, this.s.useDomain, this.s.columns));
  }

  private aorWhere(aor: string): DbCondition[] {
    const cols = aorColumns(aor, this.s.useDomain, this.s.columns);
    const where: DbCondition[] = [{ column: this.s.columns.user, value: cols[this.s.columns.user]! }];
    if (this.s.useDomain) where.push({ column: this.s.columns.domain, value: cols[this.s.columns.domain] ?? null });
    return where;
  }

  async loadAor(table: string, aor: string): Promise<Contact[]> {
    return (await this.db.query({ table, where: this.aorWhere(aor), orderBy: 'id' })).map((r) => rowToContact(r, this.s.useDomain, this.s.columns));
  }

  async loadRuid(table: string, ruid: string): Promise<Contact | undefined> {
    const rows = await this.db.query({ table, where: [{ column: this.s.columns.ruid, value: ruid }], limit: 1 });
    return rows[0] && rowToContact(rows[0], this.s.useDomain, this.s.columns);
  }

  private contactWhere(c: Contact): DbCondition[] {
    if (this.s.opsByRuid) return [{ column: this.s.columns.ruid, value: c.ruid }];
    return [...this.aorWhere(c.aor), { column: this.s.columns.contact, value: c.uri }, { column: this.s.columns.callid, value: c.callid }];
  }

  async insert(table: string, c: Contact): Promise<void> {
    const row = contactToRow(c, this.s.useDomain, this.s.columns, this.serverId);
    await (this.s.insertUpdate ? this.db.replace(table, row) : this.db.insert(table, row));
  }

  /** Writes the contact's new values over `old`'s row. */
  async update(table: string, old: Contact, c: Contact): Promise<void> {
    if (this.s.updateAsInsert) return this.insert(table, c);
    const n = await this.db.update(table, this.contactWhere(old), contactToRow(c, this.s.useDomain, this.s.columns, this.serverId));
    if (n === 0 && this.s.checkUpdate) await this.insert(table, c);
  }

  async delete(table: string, c: Contact): Promise<void> {
    await this.db.delete(table, this.contactWhere(c));
  }

  async deleteAor(table: string, aor: string): Promise<number> {
    return this.db.delete(table, this.aorWhere(aor));
  }

  /** Deletes the contacts that expired before `before` (seconds); never those that do not expire (stored as the epoch). */
  async deleteExpired(table: string, before: number): Promise<number> {
    return this.db.delete(table, [
      { column: this.s.columns.expires, op: '<', value: new Date(before * 1000) },
      { column: this.s.columns.expires, op: '>', value: new Date(0) },
    ]);
  }
}
