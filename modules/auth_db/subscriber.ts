// Reading the subscriber table through the storage interface: the row of a
// user (by username, and domain with use_domain), each table's version
// checked once against Kamailio 5.6's, and the load_credentials columns of
// a row copied into AVPs.

import type { ExecContext } from '../api.js';
import type { DbConnection, DbRow, DbValue } from '../db/api.js';
import { SUBSCRIBER_VERSION, type AuthDbSettings } from './settings.js';

export class Subscribers {
  /** The version verdict of each table asked for: undefined when fine, else why not. */
  private readonly versions = new Map<string, Promise<string | undefined>>();

  constructor(
    readonly db: DbConnection,
    readonly settings: AuthDbSettings,
  ) {}

  /** Why the table cannot be used (its version is not Kamailio 5.6's), or undefined; asked once per table. */
  checkTable(table: string): Promise<string | undefined> {
    if (!this.settings.versionTable) return Promise.resolve(undefined);
    let verdict = this.versions.get(table);
    if (!verdict) {
      verdict = this.db.tableVersion(table).then((v) =>
        v === undefined ? `table ${table} is not listed in the version table of ${this.db.url.redacted}` : v === SUBSCRIBER_VERSION ? undefined : `table ${table} has version ${v}, auth_db needs version ${SUBSCRIBER_VERSION}`,
      );
      this.versions.set(table, verdict);
    }
    return verdict;
  }

  /** The first row of the user (and domain, when given), with the columns asked for; undefined when there is none. */
  async find(table: string, user: string, domain: string | undefined, columns: readonly string[]): Promise<DbRow | undefined> {
    const where = [{ column: this.settings.userColumn, value: user }];
    if (domain !== undefined) where.push({ column: this.settings.domainColumn, value: domain });
    const rows = await this.db.query({ table, where, columns: [...new Set(columns)], limit: 1 });
    return rows[0];
  }

  /** The load_credentials columns. */
  get credentialColumns(): string[] {
    return this.settings.credentials.map((c) => c.column);
  }

  /** Copies the load_credentials columns of the row into their AVPs (NULL columns are skipped). */
  loadCredentials(ctx: ExecContext, row: DbRow): void {
    for (const { avp, column } of this.settings.credentials) {
      const value: DbValue | undefined = row[column];
      if (value === null || value === undefined) continue;
      ctx.avps.add(avp, value instanceof Date ? Math.floor(value.getTime() / 1000) : value);
    }
  }
}
