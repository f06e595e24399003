// db_sqlite as a script loads it: its parameters reach the connections that
// sqlite:// db_urls open, a bad one stops the start, and without the module a
// sqlite:// URL still connects, with the defaults.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { link } from '../../../compiler/link.js';
import { connectDb } from '../../../modules/db/connect.js';
import { dbSqlite } from '../../../modules/db_sqlite/index.js';
import { checkText } from '../../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-db-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(modparams: string): ReturnType<typeof link> {
  const checked = checkText(`loadmodule "db_sqlite.so"\n${modparams}request_route {\n drop;\n}\n`, { modules: [dbSqlite] });
  expect(checked.diagnostics).toEqual([]);
  return link(checked);
}

function journalMode(path: string): unknown {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.pragma('journal_mode', { simple: true });
  } finally {
    raw.close();
  }
}

afterEach(() => dbSqlite.destroy!(undefined as never));

it('opens the files db_set_readonly names read-only and applies db_set_journal_mode', async () => {
  const ro = join(dir, 'ro.db');
  const setup = await connectDb(`sqlite://${ro}`);
  await setup.createTables!();
  await setup.close();
  const del = join(dir, 'delete.db');
  const linked = start(`modparam("db_sqlite", "db_set_readonly", "${ro}")\nmodparam("db_sqlite", "db_set_journal_mode", "/${del}=delete;")\n`);
  expect('error' in linked).toBe(false);
  const conn = await connectDb(`sqlite:///${ro}`);
  expect(await conn.tableVersion('subscriber')).toBe(7);
  await expect(conn.insert('subscriber', { username: 'a' })).rejects.toThrow('readonly');
  await conn.close();
  await (await connectDb(`sqlite://${del}`)).close();
  expect(journalMode(del)).toBe('delete');
});

it('refuses to start on a bad journal mode, naming the parameter', () => {
  expect(start(`modparam("db_sqlite", "db_set_journal_mode", "${dir}/x.db=FAST")\n`)).toEqual({
    error: `module db_sqlite cannot start: db_set_journal_mode "${dir}/x.db=FAST": unknown journal mode FAST (DELETE, TRUNCATE, PERSIST, MEMORY, WAL, OFF)`,
  });
  expect(start(`modparam("db_sqlite", "db_set_journal_mode", "WAL")\n`)).toEqual({ error: 'module db_sqlite cannot start: db_set_journal_mode "WAL": expected /path/to/file.db=MODE' });
});

it('without the module, a sqlite:// URL opens read-write in WAL mode', async () => {
  const path = join(dir, 'default.db');
  const conn = await connectDb(`sqlite://${path}`);
  await conn.createTables!();
  await conn.insert('subscriber', { username: 'a', domain: 'd' });
  await conn.close();
  expect(journalMode(path)).toBe('wal');
});
