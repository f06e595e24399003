// The storage interface modules keep their tables through (Kamailio's DB API,
// db_func_t): a connection chosen by a db_url, on which a module queries,
// inserts, updates and deletes rows of Kamailio 5.6's tables (`version`,
// `location`, `subscriber`, `acc`, `missed_calls`, ...). Every operation is
// asynchronous, because only SQLite answers in-process; a module command that
// waits on one returns a Promise of its return code and the script waits for
// it (see docs/architecture.md, "Commands that wait"). A failed operation
// rejects with a DbError that names the backend and the table; a backend whose
// server went away reconnects by itself on a later operation.

import type { TableSchema } from './schema.js';

/** A column's value: integers and floats as numbers, DATETIME as a Date, NULL as null. */
export type DbValue = string | number | Date | null;

/** A row, by column name. */
export type DbRow = Readonly<Record<string, DbValue>>;

/** One condition of a WHERE clause; conditions of a list are ANDed. */
export interface DbCondition {
  readonly column: string;
  /** `=` when left out. */
  readonly op?: '=' | '!=' | '<' | '>' | '<=' | '>=';
  readonly value: DbValue;
}

export interface DbQuery {
  readonly table: string;
  /** All rows when left out or empty. */
  readonly where?: readonly DbCondition[];
  /** Every column when left out. */
  readonly columns?: readonly string[];
  /** Ordered by this column, ascending, when given. */
  readonly orderBy?: string;
  readonly limit?: number;
}

/** A db_url taken apart: `scheme://user:password@host:port/database` (SQLite: `sqlite:///path/to/file.db`). */
export interface DbUrl {
  readonly scheme: string;
  readonly user?: string;
  readonly password?: string;
  readonly host?: string;
  readonly port?: number;
  /** The database name, or for SQLite the file's path. */
  readonly database: string;
  /** The URL with its password replaced by `***`, for logs and errors. */
  readonly redacted: string;
}

export interface DbConnection {
  readonly url: DbUrl;
  query(query: DbQuery): Promise<DbRow[]>;
  insert(table: string, row: DbRow): Promise<void>;
  /** Sets `values` on the rows matching `where`; resolves to how many matched. */
  update(table: string, where: readonly DbCondition[], values: DbRow): Promise<number>;
  /** Deletes the rows matching `where` (every row when empty); resolves to how many. */
  delete(table: string, where: readonly DbCondition[]): Promise<number>;
  /** Inserts the row, or replaces the row with the same unique key (Kamailio's db replace). */
  replace(table: string, row: DbRow): Promise<void>;
  /** The table's version from the `version` table; undefined when the table is not listed. */
  tableVersion(table: string): Promise<number | undefined>;
  /**
   * Creates the tables that are missing (Kamailio 5.6's, modules/db/schema.ts;
   * all of them when left out) with their `version` rows, leaving those that
   * exist alone: what `siprc db init` runs.
   */
  createTables?(tables?: readonly TableSchema[]): Promise<void>;
  close(): Promise<void>;
}

/** A storage backend: what a db_* module provides, chosen by the db_url's scheme. */
export interface DbBackend {
  /** The module that provides it (`db_sqlite`). */
  readonly module: string;
  /** The db_url schemes it serves (`sqlite`; `postgres` and `postgresql`). */
  readonly schemes: readonly string[];
  connect(url: DbUrl): Promise<DbConnection>;
}

/** A failed storage operation: what was tried, on which backend and table, and why. */
export class DbError extends Error {
  constructor(
    message: string,
    /** The backend's module (`db_postgres`). */
    readonly backend: string,
    /** True when the server could not be reached (the operation may work after a reconnect). */
    readonly connectionLost = false,
  ) {
    super(message);
    this.name = 'DbError';
  }
}
