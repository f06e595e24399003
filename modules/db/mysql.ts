// The MySQL/MariaDB backend (db_mysql), on mysql2: a small pool of
// connections per db_url, values escaped by the client, Kamailio's replace
// as MySQL's REPLACE. Values come back as DbValues: integers, FLOAT and
// DECIMAL as numbers, DATETIME as a Date in local time (Kamailio's default,
// server_timezone 0: times written and read as local wall-clock text, whole
// seconds). An UPDATE reports the rows it matched, changed or not. A
// connection the server closed leaves the pool, and the next operation opens
// a new one.

import mysql from 'mysql2/promise';
import { DbError, type DbBackend, type DbConnection, type DbUrl, type DbValue } from './api.js';
import { SqlServerConnection, type SqlClient } from './sql-server.js';

const MODULE = 'db_mysql';

/** db_mysql's parameters. */
export interface MysqlOptions {
  /** Seconds a connection may stay idle before it is closed and a fresh one opened for the next operation (ping_interval, default 300). */
  readonly pingIntervalSeconds?: number;
  /** Seconds for a read or write (a connection attempt: three times that), as timeout_interval (default 2). */
  readonly timeoutSeconds?: number;
  /** Whether an operation whose connection broke is run again once on a new connection (auto_reconnect, default true). */
  readonly autoReconnect?: boolean;
  /** INSERT DELAYED instead of INSERT (insert_delayed). */
  readonly insertDelayed?: boolean;
}

/** Connection failures by mysql2's or Node's error code, or by message. */
const LOST_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED', 'ER_NORMAL_SHUTDOWN',
]);
const LOST_MESSAGES = /closed state|Connection lost|Pool is closed/i;

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (typeof e.code === 'string' && LOST_CODES.has(e.code)) || (typeof e.message === 'string' && LOST_MESSAGES.test(e.message));
}

function client(pool: mysql.Pool, options: MysqlOptions): SqlClient {
  const timeout = (options.timeoutSeconds ?? 2) * 1000;
  return {
    async run(statement) {
      const text = options.insertDelayed ? statement.text.replace(/^INSERT /, 'INSERT DELAYED ') : statement.text;
      const [result] = await pool.query({ sql: text, values: statement.values, timeout });
      if (Array.isArray(result)) return { rows: result as Record<string, DbValue>[], count: result.length };
      return { rows: [], count: (result as mysql.ResultSetHeader).affectedRows };
    },
    isConnectionError,
    end: () => pool.end(),
  };
}

/** The MySQL/MariaDB backend with db_mysql's parameters. */
export function mysqlBackend(options: MysqlOptions = {}): DbBackend {
  return {
    module: MODULE,
    schemes: ['mysql'],
    async connect(url: DbUrl): Promise<DbConnection> {
      const pool = mysql.createPool({
        host: url.host,
        port: url.port ?? 3306,
        user: url.user,
        password: url.password,
        database: url.database,
        connectionLimit: 4,
        // Idle connections are closed after ping_interval and replaced when needed, instead of being pinged.
        maxIdle: 0,
        idleTimeout: (options.pingIntervalSeconds ?? 300) * 1000,
        connectTimeout: 3 * (options.timeoutSeconds ?? 2) * 1000,
        timezone: 'local',
        dateStrings: false,
        decimalNumbers: true,
        supportBigNumbers: true,
        bigNumberStrings: false,
        charset: 'utf8mb4',
      });
      try {
        await pool.query('SELECT 1');
      } catch (e) {
        await pool.end().catch(() => undefined);
        throw new DbError(`cannot connect to ${url.redacted}: ${(e as Error).message}`, MODULE, isConnectionError(e));
      }
      return new SqlServerConnection(url, client(pool, options), { module: MODULE, dialect: 'mysql', retries: (options.autoReconnect ?? true) ? 1 : 0 });
    },
  };
}

/** The backend a mysql:// URL uses when the script loads no db_mysql (its defaults). */
export const backend: DbBackend = mysqlBackend();
