// The SQLite backend (db_sqlite), on better-sqlite3: one file per db_url,
// opened read-write and created when missing (read-only when db_sqlite's
// db_set_readonly names it), in WAL mode unless db_set_journal_mode says
// otherwise, statements prepared once per text. DATETIME values are stored
// as Kamailio's db_sqlite stores them, a REAL Julian day in UTC
// (2461377.72 is 2026-12-03 05:17:34 UTC), and read back as Dates, as are
// 'YYYY-MM-DD HH:MM:SS' texts (the schema's defaults; local time, as
// Kamailio reads them). better-sqlite3 answers synchronously; the
// operations resolve once it has.

import Database from 'better-sqlite3';
import { DbError, type DbBackend, type DbCondition, type DbConnection, type DbQuery, type DbRow, type DbUrl, type DbValue } from './api.js';
import { createStatements, type TableSchema } from './schema.js';
import { deleteSql, insertSql, replaceSql, selectSql, updateSql, type SqlStatement } from './sql.js';

const MODULE = 'db_sqlite';

export interface SqliteOptions {
  /** Files opened read-only (db_set_readonly). */
  readonly readonly?: readonly string[];
  /** Journal mode by file (db_set_journal_mode `path=MODE`); WAL otherwise. */
  readonly journalModes?: ReadonlyMap<string, string>;
  /** How long a statement waits on a lock held by another process, in ms. */
  readonly busyTimeoutMs?: number;
}

/** Julian day of the Unix epoch. */
const EPOCH_JULIAN_DAY = 2440587.5;
const DAY_MS = 86_400_000;

export function dateToJulianDay(date: Date): number {
  return date.getTime() / DAY_MS + EPOCH_JULIAN_DAY;
}

/** A Julian day, rounded to the millisecond (a REAL day holds about 10 µs of precision). */
export function julianDayToDate(day: number): Date {
  return new Date(Math.round((day - EPOCH_JULIAN_DAY) * DAY_MS));
}

const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** A stored DATETIME as a Date: a Julian day, or a 'YYYY-MM-DD HH:MM:SS' text in local time; other values as they are. */
function readDatetime(value: unknown): DbValue {
  if (typeof value === 'number') return julianDayToDate(value);
  if (typeof value === 'string') {
    const m = DATETIME_TEXT.exec(value);
    if (m) return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  return value as DbValue;
}

function bindable(value: DbValue): string | number | null {
  return value instanceof Date ? dateToJulianDay(value) : value;
}

/** A declared column type SQLite keeps and Kamailio's db_sqlite reads as DATETIME. */
const DATETIME_TYPE = /^(TIMESTAMP|DATETIME|DATE|TIME)\b/i;

interface Prepared {
  readonly statement: Database.Statement;
  /** For reading statements: the result columns declared DATETIME. */
  readonly datetimeColumns: readonly string[];
}

class SqliteConnection implements DbConnection {
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    readonly url: DbUrl,
    private readonly db: Database.Database,
  ) {}

  private fail(what: string, e: unknown): DbError {
    return new DbError(`${what} in ${this.url.redacted}: ${(e as Error).message}`, MODULE);
  }

  private prepare(text: string): Prepared {
    let p = this.prepared.get(text);
    if (!p) {
      const statement = this.db.prepare(text);
      const datetimeColumns = statement.reader ? statement.columns().filter((c) => c.type !== null && DATETIME_TYPE.test(c.type)).map((c) => c.name) : [];
      p = { statement, datetimeColumns };
      this.prepared.set(text, p);
    }
    return p;
  }

  /** Builds the statement and runs it; every failure (a bad name, SQLite's error) as a DbError. */
  private run<T>(what: string, build: () => SqlStatement, use: (p: Prepared, values: (string | number | null)[]) => T): Promise<T> {
    try {
      const sql = build();
      return Promise.resolve(use(this.prepare(sql.text), sql.values.map(bindable)));
    } catch (e) {
      return Promise.reject(this.fail(what, e));
    }
  }

  query(query: DbQuery): Promise<DbRow[]> {
    return this.run(`query on ${query.table}`, () => selectSql('sqlite', query), (p, values) => {
      const rows = p.statement.all(...values) as Record<string, DbValue>[];
      if (p.datetimeColumns.length > 0) for (const row of rows) for (const c of p.datetimeColumns) row[c] = readDatetime(row[c]);
      return rows;
    });
  }

  insert(table: string, row: DbRow): Promise<void> {
    return this.run(`insert into ${table}`, () => insertSql('sqlite', table, row), (p, values) => void p.statement.run(...values));
  }

  update(table: string, where: readonly DbCondition[], values: DbRow): Promise<number> {
    return this.run(`update of ${table}`, () => updateSql('sqlite', table, where, values), (p, v) => p.statement.run(...v).changes);
  }

  delete(table: string, where: readonly DbCondition[]): Promise<number> {
    return this.run(`delete from ${table}`, () => deleteSql('sqlite', table, where), (p, values) => p.statement.run(...values).changes);
  }

  replace(table: string, row: DbRow): Promise<void> {
    return this.run(`replace into ${table}`, () => replaceSql('sqlite', table, row), (p, values) => void p.statement.run(...values));
  }

  async tableVersion(table: string): Promise<number | undefined> {
    const rows = await this.query({ table: 'version', columns: ['table_version'], where: [{ column: 'table_name', value: table }] });
    const version = rows[0]?.table_version;
    return typeof version === 'number' ? version : undefined;
  }

  createTables(tables?: readonly TableSchema[]): Promise<void> {
    try {
      const statements = createStatements('sqlite', tables);
      this.db.transaction(() => {
        for (const s of statements) this.db.exec(s);
      })();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(this.fail('creating the tables', e));
    }
  }

  close(): Promise<void> {
    this.prepared.clear();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** The SQLite backend with db_sqlite's parameters. */
export function sqliteBackend(options: SqliteOptions = {}): DbBackend {
  return {
    module: MODULE,
    schemes: ['sqlite'],
    connect(url: DbUrl): Promise<DbConnection> {
      const path = url.database;
      const readonly = options.readonly?.includes(path) ?? false;
      let db: Database.Database | undefined;
      try {
        db = new Database(path, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 1000 });
        if (!readonly) db.pragma(`journal_mode = ${options.journalModes?.get(path) ?? 'WAL'}`);
        return Promise.resolve(new SqliteConnection(url, db));
      } catch (e) {
        db?.close();
        return Promise.reject(new DbError(`cannot open ${url.redacted}${readonly ? ' (read-only)' : ''}: ${(e as Error).message}`, MODULE));
      }
    },
  };
}

/** The backend a sqlite:// URL uses when the script loads no db_sqlite (Kamailio's defaults, WAL). */
export const backend: DbBackend = sqliteBackend();
