// The PostgreSQL backend (db_postgres), on pg: a small pool of connections
// per db_url, statements with bound parameters ($1...), Kamailio's replace as
// INSERT ... ON CONFLICT on the table's unique key. Values come back as
// DbValues: integers (BIGINT and NUMERIC included) and floats as numbers,
// TIMESTAMP WITHOUT TIME ZONE as a Date read in local time (Kamailio writes
// local time there; a Date is written back the same way). A connection the
// server closed leaves the pool, and the next operation opens a new one.

import pg from 'pg';
import { DbError, type DbBackend, type DbConnection, type DbUrl, type DbValue } from './api.js';
import { SqlServerConnection, type SqlClient } from './sql-server.js';

const MODULE = 'db_postgres';

/** db_postgres's parameters. */
export interface PostgresOptions {
  /** How many times an operation whose connection broke is run again on a new connection (default 2). */
  readonly retries?: number;
  /** Seconds a query, and a connection attempt when con_param sets no connect_timeout, may take; 0 for no limit. */
  readonly timeoutSeconds?: number;
  /** Seconds of idleness before TCP keepalive probes start; 0 for none. */
  readonly tcpKeepaliveSeconds?: number;
  /** libpq connection keywords (db_postgres's con_param): connect_timeout, application_name, options, keepalives, keepalives_idle, sslmode. */
  readonly conParams?: ReadonlyMap<string, string>;
}

/** How long a connection attempt may take when nothing sets it: a script waiting on storage must not hang for minutes. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** Integers beyond 32 bits (BIGINT, COUNT) and NUMERIC as numbers, as the other backends give them. */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Connection failures by Node's error code, PostgreSQL's SQLSTATE (class 08, shutdown and start-up) or pg's message. */
const LOST_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|08...|57P0[123])$/;
const LOST_MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect|Connection is closed|not queryable/i;

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (typeof e.code === 'string' && LOST_CODES.test(e.code)) || (typeof e.message === 'string' && LOST_MESSAGES.test(e.message));
}

function poolConfig(url: DbUrl, options: PostgresOptions): pg.PoolConfig {
  const con = options.conParams ?? new Map<string, string>();
  const timeoutMs = (options.timeoutSeconds ?? 0) * 1000;
  const connectTimeout = con.has('connect_timeout') ? Number(con.get('connect_timeout')) * 1000 : timeoutMs || DEFAULT_CONNECT_TIMEOUT_MS;
  const keepaliveSeconds = con.has('keepalives_idle') ? Number(con.get('keepalives_idle')) : (options.tcpKeepaliveSeconds ?? 0);
  const sslmode = con.get('sslmode');
  return {
    host: url.host,
    port: url.port ?? 5432,
    user: url.user,
    password: url.password,
    database: url.database,
    max: 4,
    connectionTimeoutMillis: connectTimeout,
    ...(timeoutMs > 0 ? { query_timeout: timeoutMs } : {}),
    keepAlive: con.get('keepalives') !== '0' && keepaliveSeconds > 0,
    keepAliveInitialDelayMillis: keepaliveSeconds * 1000,
    ...(con.has('application_name') ? { application_name: con.get('application_name') } : {}),
    ...(con.has('options') ? { options: con.get('options') } : {}),
    ...(sslmode === undefined || sslmode === 'disable' || sslmode === 'allow' || sslmode === 'prefer'
      ? {}
      : { ssl: { rejectUnauthorized: sslmode !== 'require' } }),
    types: TYPES,
  };
}

function client(pool: pg.Pool): SqlClient {
  return {
    async run(statement) {
      const result = await pool.query<Record<string, DbValue>>(statement.text, statement.values);
      return { rows: result.rows, count: result.rowCount ?? 0 };
    },
    isConnectionError,
    end: () => pool.end(),
  };
}

/** The PostgreSQL backend with db_postgres's parameters. */
export function postgresBackend(options: PostgresOptions = {}): DbBackend {
  return {
    module: MODULE,
    schemes: ['postgres', 'postgresql'],
    async connect(url: DbUrl): Promise<DbConnection> {
      const pool = new pg.Pool(poolConfig(url, options));
      // An idle connection the server closed is dropped from the pool; the next operation opens another.
      pool.on('error', () => undefined);
      try {
        await pool.query('SELECT 1');
      } catch (e) {
        await pool.end().catch(() => undefined);
        throw new DbError(`cannot connect to ${url.redacted}: ${(e as Error).message}`, MODULE, isConnectionError(e));
      }
      return new SqlServerConnection(url, client(pool), { module: MODULE, dialect: 'postgres', retries: options.retries ?? 2 });
    },
  };
}

/** The backend a postgres:// URL uses when the script loads no db_postgres (its defaults). */
export const backend: DbBackend = postgresBackend();
