// The Redis backend (db_redis), on ioredis: Kamailio's tables kept as the
// layout in redis-layout.ts describes (a hash per row, a set of every row
// per table, index sets). A query reads the rows its equality conditions name
// through the entry key or an index when they cover one, else every row of
// the table, and applies all its conditions, order and limit here; writes
// change a row's hash, its membership of the table's set and its index sets
// in one MULTI. One connection per db_url: when it is lost, operations
// reject with DbError(connectionLost) and the next operation connects again.

import { Redis } from 'ioredis';
import { DbError, type DbBackend, type DbCondition, type DbConnection, type DbQuery, type DbRow, type DbUrl, type DbValue } from './api.js';
import { TABLES, type TableSchema } from './schema.js';
import { allRowsKey, decodeRow, DEFAULT_SCHEMA_PATH, describeTable, encodeValue, idCounterKey, keyOf, type KeySpec, type RedisTable } from './redis-layout.js';

const MODULE = 'db_redis';

/** db_redis's parameters. */
export interface RedisOptions {
  /** The tables' keys (the `keys` parameter, parsed), by table. */
  readonly keys?: ReadonlyMap<string, KeySpec>;
  /** Where schema files of tables siprc does not know are read (schema_path). */
  readonly schemaPath?: string;
  /** How long connecting may take, in ms. */
  readonly connectTimeoutMs?: number;
}

const LOST_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;
const LOST_MESSAGES = /Connection is closed|Stream isn't writeable|max retries per request|connect ETIMEDOUT|LOADING/i;

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (typeof e.code === 'string' && LOST_CODES.test(e.code)) || (typeof e.message === 'string' && LOST_MESSAGES.test(e.message));
}

/** Thrown for a bad operation (not a lost connection). */
class Refused extends Error {}

type Row = Record<string, DbValue>;

/** A row's value against a condition's, as SQL compares them: NULL matches only `= NULL` / `!= NULL`. */
function matches(row: Row, condition: DbCondition): boolean {
  const op = condition.op ?? '=';
  const have = row[condition.column];
  const want = condition.value;
  if (want === null) {
    if (op !== '=' && op !== '!=') throw new Refused(`${condition.column} ${op} NULL: only = and != compare with NULL`);
    return (have === null) === (op === '=');
  }
  if (have === null || have === undefined) return false;
  const order = compare(have, want);
  switch (op) {
    case '=': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    case '>=': return order >= 0;
  }
}

/** Orders two non-NULL values: numbers and times by value, text by code unit (a number given for a text column as its text). */
function compare(a: Exclude<DbValue, null>, b: Exclude<DbValue, null>): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return x - Number(y);
  const s = String(y);
  return x < s ? -1 : x > s ? 1 : 0;
}

/** NULLs first, as MySQL and SQLite order them. */
function compareNullable(a: DbValue | undefined, b: DbValue | undefined): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return compare(a, b);
}

class RedisConnection implements DbConnection {
  private client: Redis | undefined;
  private connecting: Promise<Redis> | undefined;
  private readonly tables = new Map<string, RedisTable>();

  constructor(
    readonly url: DbUrl,
    private readonly options: RedisOptions,
  ) {}

  /** The live client, connecting a new one when there is none or the last one was lost. */
  link(): Promise<Redis> {
    if (this.client && this.client.status === 'ready') return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Redis> {
    if (this.client) drop(this.client);
    this.client = undefined;
    const client = new Redis({
      host: this.url.host,
      port: this.url.port ?? 6379,
      db: Number(this.url.database),
      ...(this.url.user !== undefined ? { username: this.url.user } : {}),
      ...(this.url.password !== undefined ? { password: this.url.password } : {}),
      lazyConnect: true,
      // Fail at once while disconnected, and do not reconnect in the background: the next operation does.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: this.options.connectTimeoutMs ?? 5000,
    });
    client.on('error', () => undefined); // a failure reaches the operation that meets it
    try {
      await client.connect();
    } catch (e) {
      drop(client);
      throw e;
    }
    this.client = client;
    return client;
  }

  private table(name: string): RedisTable {
    let table = this.tables.get(name);
    if (!table) {
      table = describeTable(name, this.options.keys ?? new Map(), this.options.schemaPath ?? DEFAULT_SCHEMA_PATH);
      this.tables.set(name, table);
    }
    return table;
  }

  /** Runs an operation; its failures as DbErrors naming it and the URL, a lost connection marked. */
  private async run<T>(what: string, operation: (client: Redis) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.link());
    } catch (e) {
      const lost = !(e instanceof Refused) && isConnectionError(e);
      throw new DbError(`${what} in ${this.url.redacted}: ${lost ? 'connection lost: ' : ''}${(e as Error).message}`, MODULE, lost);
    }
  }

  /** The entry keys the conditions can match: through the entry key or an index their equalities cover, else every row. */
  private async candidates(client: Redis, table: RedisTable, where: readonly DbCondition[]): Promise<string[]> {
    const equal = new Map<string, DbValue>();
    for (const c of where) if ((c.op ?? '=') === '=') equal.set(c.column, c.value);
    const covers = (columns: readonly string[]) => columns.every((c) => equal.has(c));
    const values = Object.fromEntries(equal);
    if (covers(table.entry)) return [keyOf(table.name, 'entry', table.entry, values)];
    for (const [name, columns] of table.indexes) if (covers(columns)) return client.smembers(keyOf(table.name, name, columns, values));
    return client.smembers(allRowsKey(table.name));
  }

  /** The rows matching the conditions, with their entry keys. */
  private async find(client: Redis, table: RedisTable, where: readonly DbCondition[]): Promise<{ key: string; row: Row }[]> {
    for (const c of where) if (!table.types.has(c.column)) throw new Refused(`${table.name} has no column ${c.column}`);
    const keys = await this.candidates(client, table, where);
    if (keys.length === 0) return [];
    const pipeline = client.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const hashes = await exec(pipeline);
    const found: { key: string; row: Row }[] = [];
    keys.forEach((key, i) => {
      const hash = hashes[i] as Record<string, string>;
      if (Object.keys(hash).length === 0) return; // an index naming a row being removed
      const row = decodeRow(table, hash);
      if (where.every((c) => matches(row, c))) found.push({ key, row });
    });
    return found;
  }

  /**
   * Adds the writes that store `row` under its keys to a MULTI. `old` is the
   * row it takes the place of: its index memberships go, and its hash too
   * when the entry key changes or `whole` replaces every field.
   */
  private write(multi: ReturnType<Redis['multi']>, table: RedisTable, row: Row, old?: { key: string; row: Row }, whole = false): void {
    const key = keyOf(table.name, 'entry', table.entry, row);
    const rewrite = !old || whole || old.key !== key;
    if (old) {
      if (rewrite) multi.del(old.key);
      if (old.key !== key) multi.srem(allRowsKey(table.name), old.key);
      for (const [name, columns] of table.indexes) multi.srem(keyOf(table.name, name, columns, old.row), old.key);
    }
    const fields = Object.entries(row).filter((e): e is [string, Exclude<DbValue, null>] => e[1] !== null);
    const nulls = Object.entries(row).filter((e) => e[1] === null).map((e) => e[0]);
    if (!rewrite && nulls.length > 0) multi.hdel(key, ...nulls);
    if (fields.length > 0) multi.hset(key, Object.fromEntries(fields.map(([c, v]) => [c, encodeValue(v)])));
    multi.sadd(allRowsKey(table.name), key);
    for (const [name, columns] of table.indexes) multi.sadd(keyOf(table.name, name, columns, row), key);
  }

  /** Adds the writes that remove a row (its hash, its place in the table's set and its indexes) to a MULTI. */
  private unlink(multi: ReturnType<Redis['multi']>, table: RedisTable, old: { key: string; row: Row }): void {
    multi.del(old.key).srem(allRowsKey(table.name), old.key);
    for (const [name, columns] of table.indexes) multi.srem(keyOf(table.name, name, columns, old.row), old.key);
  }

  /** The row with the table's defaults for the columns it leaves out, and an `id` when the table has one. */
  private async complete(client: Redis, table: RedisTable, row: DbRow, id?: DbValue): Promise<Row> {
    for (const column of Object.keys(row)) if (!table.types.has(column)) throw new Refused(`${table.name} has no column ${column}`);
    const full: Row = { ...table.defaults, ...row };
    if (table.types.get('id') === 'id' && (full.id === undefined || full.id === null)) full.id = id ?? (await client.incr(idCounterKey(table.name)));
    return full;
  }

  query(query: DbQuery): Promise<DbRow[]> {
    return this.run(`query on ${query.table}`, async (client) => {
      const table = this.table(query.table);
      let rows = (await this.find(client, table, query.where ?? [])).map((f) => f.row);
      for (const c of [...(query.columns ?? []), ...(query.orderBy !== undefined ? [query.orderBy] : [])]) {
        if (!table.types.has(c)) throw new Refused(`${table.name} has no column ${c}`);
      }
      if (query.orderBy !== undefined) {
        const by = query.orderBy;
        rows.sort((a, b) => compareNullable(a[by], b[by]));
      }
      if (query.limit !== undefined) rows = rows.slice(0, query.limit);
      const columns = query.columns && query.columns.length > 0 ? query.columns : undefined;
      return columns ? rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) : rows;
    });
  }

  insert(tableName: string, row: DbRow): Promise<void> {
    return this.run(`insert into ${tableName}`, async (client) => {
      const table = this.table(tableName);
      const full = await this.complete(client, table, row);
      const key = keyOf(table.name, 'entry', table.entry, full);
      if (await client.exists(key)) throw new Refused(`a row with the same ${table.entry.join(', ')} exists (${key})`);
      const multi = client.multi();
      this.write(multi, table, full);
      await exec(multi);
    });
  }

  update(tableName: string, where: readonly DbCondition[], values: DbRow): Promise<number> {
    return this.run(`update of ${tableName}`, async (client) => {
      const table = this.table(tableName);
      for (const column of Object.keys(values)) if (!table.types.has(column)) throw new Refused(`${table.name} has no column ${column}`);
      const found = await this.find(client, table, where);
      if (found.length === 0) return 0;
      const rows = found.map((old) => ({ old, row: { ...old.row, ...values } }));
      for (const { old, row } of rows) {
        const key = keyOf(table.name, 'entry', table.entry, row);
        if (key !== old.key && (await client.exists(key))) throw new Refused(`a row with the same ${table.entry.join(', ')} exists (${key})`);
      }
      const multi = client.multi();
      for (const { old, row } of rows) this.write(multi, table, row, old);
      await exec(multi);
      return found.length;
    });
  }

  delete(tableName: string, where: readonly DbCondition[]): Promise<number> {
    return this.run(`delete from ${tableName}`, async (client) => {
      const table = this.table(tableName);
      const found = await this.find(client, table, where);
      if (found.length === 0) return 0;
      const multi = client.multi();
      for (const old of found) this.unlink(multi, table, old);
      await exec(multi);
      return found.length;
    });
  }

  replace(tableName: string, row: DbRow): Promise<void> {
    return this.run(`replace into ${tableName}`, async (client) => {
      const table = this.table(tableName);
      const missing = table.entry.filter((c) => row[c] === undefined);
      if (missing.length > 0) throw new Refused(`a replace names the row by ${table.entry.join(', ')}: ${missing.join(', ')} not given`);
      const key = keyOf(table.name, 'entry', table.entry, row);
      const hash = await client.hgetall(key);
      const old = Object.keys(hash).length > 0 ? { key, row: decodeRow(table, hash) } : undefined;
      // The whole row is replaced, as MySQL's REPLACE does; it keeps its id.
      const full = await this.complete(client, table, row, old?.row.id);
      const multi = client.multi();
      this.write(multi, table, full, old, true);
      await exec(multi);
    });
  }

  async tableVersion(table: string): Promise<number | undefined> {
    const rows = await this.query({ table: 'version', columns: ['table_version'], where: [{ column: 'table_name', value: table }] });
    const version = rows[0]?.table_version;
    return typeof version === 'number' ? version : undefined;
  }

  /** Nothing to create in Redis: the tables' `version` rows are written where missing. */
  async createTables(tables: readonly TableSchema[] = TABLES): Promise<void> {
    const listed = tables.some((t) => t.name === 'version') ? tables : [TABLES.find((t) => t.name === 'version')!, ...tables];
    for (const t of listed) {
      if ((await this.tableVersion(t.name)) === undefined) await this.insert('version', { table_name: t.name, table_version: t.version });
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.status === 'ready') await client.quit().catch(() => drop(client));
    else if (client) drop(client);
  }
}

/** Closes a client's connection, unless it is closed already (disconnecting then leaves a timer behind for seconds). */
function drop(client: Redis): void {
  if (client.status !== 'end') client.disconnect();
}

/** Runs a pipeline or MULTI; the first command's error, if any, rejects. */
async function exec(batch: { exec(): Promise<[Error | null, unknown][] | null> }): Promise<unknown[]> {
  const results = await batch.exec();
  if (!results) throw new Error('the transaction was aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0]!;
  return results.map(([, value]) => value);
}

/** The Redis backend with db_redis's parameters. */
export function redisBackend(options: RedisOptions = {}): DbBackend {
  return {
    module: MODULE,
    schemes: ['redis'],
    async connect(url: DbUrl): Promise<DbConnection> {
      const connection = new RedisConnection(url, options);
      try {
        await connection.link();
      } catch (e) {
        throw new DbError(`cannot connect to ${url.redacted}: ${(e as Error).message}`, MODULE, isConnectionError(e));
      }
      return connection;
    },
  };
}

/** The backend a redis:// URL uses when the script loads no db_redis (its defaults). */
export const backend: DbBackend = redisBackend();
