// The storage operations over a SQL server (PostgreSQL, MySQL/MariaDB), shared
// by their backends: statements built by sql.ts, run through the backend's
// client pool, rows handed back as DbRows. A failure becomes a DbError naming
// the operation and the URL (password hidden); one caused by the server
// going away is marked connectionLost, and is first retried on a fresh
// connection as many times as the backend allows (db_postgres's retries,
// db_mysql's auto_reconnect). The pools open new connections by themselves,
// so a later operation works again once the server is back.

import { DbError, type DbCondition, type DbConnection, type DbQuery, type DbRow, type DbUrl, type DbValue } from './api.js';
import { createStatements, type SqlDialect, type TableSchema } from './schema.js';
import { deleteSql, insertSql, replaceSql, selectSql, updateSql, type SqlStatement } from './sql.js';

export interface SqlResult {
  readonly rows: Record<string, DbValue>[];
  /** Rows matched by an UPDATE or DELETE. */
  readonly count: number;
}

/** What a backend provides: a client that runs one statement, and how to tell a lost connection. */
export interface SqlClient {
  run(statement: SqlStatement): Promise<SqlResult>;
  /** Whether the error means the server could not be reached or the connection broke. */
  isConnectionError(error: unknown): boolean;
  end(): Promise<void>;
}

export interface SqlServerOptions {
  readonly module: string;
  readonly dialect: SqlDialect;
  /** How many times an operation whose connection broke is run again on a new one. */
  readonly retries: number;
}

export class SqlServerConnection implements DbConnection {
  constructor(
    readonly url: DbUrl,
    private readonly client: SqlClient,
    private readonly options: SqlServerOptions,
  ) {}

  /** Builds the statement (a bad name throws) and runs it, retrying after a lost connection. */
  private async run(what: string, build: () => SqlStatement): Promise<SqlResult> {
    let statement: SqlStatement;
    try {
      statement = build();
    } catch (e) {
      throw new DbError(`${what} in ${this.url.redacted}: ${(e as Error).message}`, this.options.module);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.run(statement);
      } catch (e) {
        const lost = this.client.isConnectionError(e);
        if (lost && attempt < this.options.retries) continue;
        const cause = (e as Error).message || String((e as { code?: unknown }).code ?? e);
        throw new DbError(`${what} in ${this.url.redacted}: ${lost ? 'connection lost: ' : ''}${cause}`, this.options.module, lost);
      }
    }
  }

  async query(query: DbQuery): Promise<DbRow[]> {
    return (await this.run(`query on ${query.table}`, () => selectSql(this.options.dialect, query))).rows;
  }

  async insert(table: string, row: DbRow): Promise<void> {
    await this.run(`insert into ${table}`, () => insertSql(this.options.dialect, table, row));
  }

  async update(table: string, where: readonly DbCondition[], values: DbRow): Promise<number> {
    return (await this.run(`update of ${table}`, () => updateSql(this.options.dialect, table, where, values))).count;
  }

  async delete(table: string, where: readonly DbCondition[]): Promise<number> {
    return (await this.run(`delete from ${table}`, () => deleteSql(this.options.dialect, table, where))).count;
  }

  async replace(table: string, row: DbRow): Promise<void> {
    await this.run(`replace into ${table}`, () => replaceSql(this.options.dialect, table, row));
  }

  async tableVersion(table: string): Promise<number | undefined> {
    const rows = await this.query({ table: 'version', columns: ['table_version'], where: [{ column: 'table_name', value: table }] });
    const version = rows[0]?.table_version;
    return typeof version === 'number' ? version : undefined;
  }

  async createTables(tables?: readonly TableSchema[]): Promise<void> {
    for (const text of createStatements(this.options.dialect, tables)) await this.run('creating the tables', () => ({ text, values: [] }));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
