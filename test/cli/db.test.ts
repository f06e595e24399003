import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain as run } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-cli-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rows(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT username, domain, password, ha1, ha1b FROM subscriber ORDER BY username').all();
  } finally {
    db.close();
  }
}

describe('siprc db', () => {
  const path = join(dir, 'sub', 'siprc.db');
  const url = `sqlite://${path}`;

  it('init creates the file, its directory and the tables, and says their versions; again, it changes nothing', async () => {
    const expected = { code: 0, stdout: `${url}: tables ready (version 1, location 9, location_attrs 1, subscriber 7, acc 5, missed_calls 4)\n`, stderr: '' };
    expect(await run('db', 'init', '--url', url)).toEqual(expected);
    expect(await run('db', 'init', '--url', url)).toEqual(expected);
  });

  it('add writes the username, domain, password and kamctl’s ha1 and ha1b', async () => {
    expect(await run('db', 'add', 'alice@example.test', 's3cret', '--url', url)).toEqual({ code: 0, stdout: 'alice@example.test added\n', stderr: '' });
    expect(rows(path)).toEqual([
      // md5("alice:example.test:s3cret") and md5("alice@example.test:example.test:s3cret").
      { username: 'alice', domain: 'example.test', password: 's3cret', ha1: 'd815d6ca18261dac9caedec28c6dc58a', ha1b: '89ae26bd8db3f9bfe6da38da81ccde8b' },
    ]);
  });

  it('add refuses an account that exists, and an argument that is not USER@DOMAIN', async () => {
    expect(await run('db', 'add', 'alice@example.test', 'other', '--url', url)).toEqual({ code: 1, stdout: '', stderr: `siprc: alice@example.test already exists in ${url}\n` });
    expect(await run('db', 'add', 'alice', 'pw', '--url', url)).toEqual({ code: 1, stdout: '', stderr: 'siprc: "alice" is not USER@DOMAIN\n' });
  });

  it('list prints the accounts, all or one domain’s', async () => {
    await run('db', 'add', 'bob@other.test', 'pw', '--url', url, '--no-plaintext');
    expect((await run('db', 'list', '--url', url)).stdout).toBe('alice@example.test\nbob@other.test\n');
    expect((await run('db', 'list', 'other.test', '--url', url)).stdout).toBe('bob@other.test\n');
    expect(rows(path)).toContainEqual(expect.objectContaining({ username: 'bob', password: '' }));
  });

  it('passwd changes the password and both digests; rm removes the account', async () => {
    expect(await run('db', 'passwd', 'alice@example.test', 'n3w', '--url', url)).toEqual({ code: 0, stdout: 'alice@example.test: password changed\n', stderr: '' });
    expect(rows(path)[0]).toMatchObject({ password: 'n3w', ha1: '99600a5777edc6cd8339b14a86572afb' });
    expect(await run('db', 'rm', 'bob@other.test', '--url', url)).toEqual({ code: 0, stdout: 'bob@other.test removed\n', stderr: '' });
    expect(await run('db', 'rm', 'bob@other.test', '--url', url)).toEqual({ code: 1, stdout: '', stderr: `siprc: bob@other.test is not in ${url}\n` });
    expect(await run('db', 'passwd', 'bob@other.test', 'x', '--url', url)).toEqual({ code: 1, stdout: '', stderr: `siprc: bob@other.test is not in ${url}\n` });
  });

  it('takes the URL from SIPRC_DB_URL when --url is left out', async () => {
    process.env.SIPRC_DB_URL = url;
    try {
      expect((await run('db', 'list')).stdout).toBe('alice@example.test\n');
    } finally {
      delete process.env.SIPRC_DB_URL;
    }
  });

  it('names the URL, with its password hidden, and the cause when it fails', async () => {
    expect(await run('db', 'list', '--url', 'mysql://kam:secret@127.0.0.1:99999/kamailio')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'siprc: bad db_url "mysql://kam:***@127.0.0.1:99999/kamailio": bad port "99999" (1..65535)\n',
    });
    const empty = `sqlite://${join(dir, 'empty.db')}`;
    expect(await run('db', 'add', 'a@b', 'pw', '--url', empty)).toEqual({
      code: 1,
      stdout: '',
      stderr: `siprc: query on subscriber in ${empty}: no such table: subscriber (create the tables with \`siprc db init\`)\n`,
    });
    expect((await run('db', 'list', '--url', `sqlite://${dir}/no/such/dir.db`)).stderr).toBe(`siprc: cannot open sqlite://${dir}/no/such/dir.db: Cannot open database because the directory does not exist\n`);
  });

  it('init reports a table whose version is not Kamailio 5.6’s', async () => {
    const old = join(dir, 'old.db');
    const db = new Database(old);
    db.exec("CREATE TABLE version (id INTEGER PRIMARY KEY NOT NULL, table_name VARCHAR(32) NOT NULL, table_version INTEGER DEFAULT 0 NOT NULL, CONSTRAINT version_table_name_idx UNIQUE (table_name)); INSERT INTO version (table_name, table_version) VALUES ('location', 8)");
    db.close();
    expect(await run('db', 'init', '--url', `sqlite://${old}`)).toEqual({ code: 1, stdout: '', stderr: `siprc: sqlite://${old}: location has version 8, siprc uses 9 (Kamailio 5.6)\n` });
  });
});
