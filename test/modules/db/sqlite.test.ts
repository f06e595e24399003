import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbError, type DbConnection } from '../../../modules/db/api.js';
import { connectDb } from '../../../modules/db/connect.js';
import { dateToJulianDay, julianDayToDate, sqliteBackend } from '../../../modules/db/sqlite.js';
import { parseDbUrl } from '../../../modules/db/url.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function fresh(): Promise<{ db: DbConnection; path: string }> {
  const path = join(dir, `t${++n}.db`);
  const db = await connectDb(`sqlite://${path}`);
  await db.createTables!();
  return { db, path };
}

describe('the SQLite backend', () => {
  it('creates the file and the tables, in WAL mode, with the version rows', async () => {
    const { db, path } = await fresh();
    expect(existsSync(path)).toBe(true);
    expect(await db.tableVersion('location')).toBe(9);
    expect(await db.tableVersion('subscriber')).toBe(7);
    expect(await db.tableVersion('no_such_table')).toBeUndefined();
    await db.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('inserts, queries with conditions, order and limit, updates, replaces and deletes', async () => {
    const { db } = await fresh();
    await db.insert('subscriber', { username: 'bob', domain: 'b.test', password: 'x', ha1: '1', ha1b: '2' });
    await db.insert('subscriber', { username: 'alice', domain: 'a.test', password: 'y', ha1: '3', ha1b: '4' });
    expect(await db.query({ table: 'subscriber', columns: ['username'], orderBy: 'username' })).toEqual([{ username: 'alice' }, { username: 'bob' }]);
    expect(await db.query({ table: 'subscriber', columns: ['username'], where: [{ column: 'username', op: '>', value: 'alice' }] })).toEqual([{ username: 'bob' }]);
    expect(await db.query({ table: 'subscriber', columns: ['domain'], orderBy: 'username', limit: 1 })).toEqual([{ domain: 'a.test' }]);
    expect(await db.update('subscriber', [{ column: 'username', value: 'bob' }], { password: 'z' })).toBe(1);
    expect(await db.update('subscriber', [{ column: 'username', value: 'nobody' }], { password: 'z' })).toBe(0);
    // The same username@domain: replaced, not added.
    await db.replace('subscriber', { username: 'bob', domain: 'b.test', password: 'w', ha1: '5', ha1b: '6' });
    expect(await db.query({ table: 'subscriber', columns: ['password', 'ha1'], where: [{ column: 'username', value: 'bob' }] })).toEqual([{ password: 'w', ha1: '5' }]);
    expect(await db.delete('subscriber', [{ column: 'domain', value: 'a.test' }])).toBe(1);
    expect(await db.delete('subscriber', [])).toBe(1);
    expect(await db.query({ table: 'subscriber' })).toEqual([]);
    await db.close();
  });

  it('compares NULL with IS NULL and IS NOT NULL', async () => {
    const { db } = await fresh();
    await db.insert('location', { ruid: 'r1', username: 'u', domain: null, contact: 'sip:u@h' });
    await db.insert('location', { ruid: 'r2', username: 'u', domain: 'd', contact: 'sip:u@h' });
    expect(await db.query({ table: 'location', columns: ['ruid'], where: [{ column: 'domain', value: null }] })).toEqual([{ ruid: 'r1' }]);
    expect(await db.query({ table: 'location', columns: ['ruid'], where: [{ column: 'domain', op: '!=', value: null }] })).toEqual([{ ruid: 'r2' }]);
    await db.close();
  });

  it('stores a DATETIME as a Julian day (Kamailio’s db_sqlite) and reads it, and the schema’s text defaults, back as Dates', async () => {
    const { db, path } = await fresh();
    const expires = new Date('2026-12-03T05:17:46.500Z');
    await db.insert('location', { ruid: 'r1', username: 'u', contact: 'sip:u@h', expires });
    const [row] = await db.query({ table: 'location', where: [{ column: 'ruid', value: 'r1' }] });
    expect(row!.expires).toEqual(expires);
    // Left to its default, '2000-01-01 00:00:01', read in local time as Kamailio does.
    expect(row!.last_modified).toEqual(new Date(2000, 0, 1, 0, 0, 1));
    expect(row!.q).toBe(1);
    expect(row!.methods).toBeNull();
    expect(await db.query({ table: 'location', columns: ['ruid'], where: [{ column: 'expires', op: '<', value: new Date('2027-01-01T00:00:00Z') }] })).toEqual([{ ruid: 'r1' }]);
    await db.close();
    const raw = new Database(path, { readonly: true });
    // 2461377.72067708 is what Kamailio 5.6 wrote for 2026-12-03 05:17:46.5 UTC.
    expect(raw.prepare("SELECT expires, typeof(expires) AS t FROM location WHERE ruid = 'r1'").get()).toEqual({ expires: expect.closeTo(2461377.72067708, 7), t: 'real' });
    raw.close();
    expect(julianDayToDate(dateToJulianDay(expires))).toEqual(expires);
  });

  it('rejects a bad table, column or statement with a DbError naming the backend, the table and the file', async () => {
    const { db, path } = await fresh();
    await expect(db.query({ table: 'nope' })).rejects.toThrow(new DbError(`query on nope in sqlite://${path}: no such table: nope`, 'db_sqlite'));
    await expect(db.insert('subscriber', { 'bad name': 'x' })).rejects.toThrow('"bad name" is not a table or column name');
    await expect(db.insert('subscriber', { username: 'a', domain: 'd' }).then(() => db.insert('subscriber', { username: 'a', domain: 'd' }))).rejects.toThrow(
      /insert into subscriber in .*UNIQUE constraint failed/,
    );
    await db.close();
  });

  it('cannot open a file in a missing directory: the error names the URL', async () => {
    await expect(connectDb(`sqlite://${dir}/missing/x.db`)).rejects.toThrow(`cannot open sqlite://${dir}/missing/x.db`);
  });

  it('opens a db_set_readonly file read-only and keeps a db_set_journal_mode', async () => {
    const { db, path } = await fresh();
    await db.close();
    const ro = await sqliteBackend({ readonly: [path] }).connect(parseDbUrl(`sqlite://${path}`));
    expect(await ro.tableVersion('acc')).toBe(5);
    await expect(ro.insert('acc', { method: 'INVITE', time: new Date() })).rejects.toThrow('readonly');
    await ro.close();
    const other = join(dir, 'delete-mode.db');
    const dm = await sqliteBackend({ journalModes: new Map([[other, 'DELETE']]) }).connect(parseDbUrl(`sqlite://${other}`));
    await dm.close();
    const raw = new Database(other, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
  });
});

// A database made by Kamailio's own DDL (the sqlite3 shell runs kamdbctl's files): siprc reads and writes it.
const kamailioSql = ['standard', 'usrloc', 'auth_db'].map((f) => `/usr/share/kamailio/db_sqlite/${f}-create.sql`);
const haveSqlite3 = spawnSync('sqlite3', ['-version']).status === 0 && kamailioSql.every((f) => existsSync(f));
(haveSqlite3 ? it : it.skip)('works on a database created by Kamailio’s kamdbctl files', async () => {
  const path = join(dir, 'kamailio.db');
  expect(spawnSync('sqlite3', [path], { input: kamailioSql.map((f) => readFileSync(f, 'utf8')).join('\n') }).status).toBe(0);
  const db = await connectDb(`sqlite://${path}`);
  await db.createTables!();
  expect(await db.tableVersion('location')).toBe(9);
  await db.insert('location', { ruid: 'k1', username: 'alice', contact: 'sip:alice@127.0.0.1', expires: new Date('2030-01-01T00:00:00Z') });
  await db.close();
  expect(spawnSync('sqlite3', [path, "SELECT username, datetime(expires) FROM location; SELECT COUNT(*) FROM version WHERE table_name='location';"]).stdout.toString()).toBe(
    'alice|2030-01-01 00:00:00\n1\n',
  );
});
