// A database made by Kamailio's own `kamdbctl create` on a real MariaDB
// (port 23308) is read and written by the mysql backend as Kamailio would:
// the versions kamdbctl wrote, rows the mariadb client inserted as `kamctl
// add` does, and rows siprc wrote as the client reads them (DATETIME as local
// wall-clock text). kamdbctl and its MySQL scripts come with Debian's
// kamailio and kamailio-mysql-modules packages.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbConnection } from '../../../modules/db/api.js';
import { mysqlBackend } from '../../../modules/db/mysql.js';
import { parseDbUrl } from '../../../modules/db/url.js';
import { DB_PASSWORD, DB_USER, describeWithServer, startServer, type DbServer } from './servers.js';

const PORT = 23308;
const hasKamdbctl = existsSync('/usr/sbin/kamdbctl') && existsSync('/usr/share/kamailio/mysql/standard-create.sql');
if (!hasKamdbctl && process.env.CI) throw new Error('kamdbctl and its MySQL scripts are missing: CI must install kamailio and kamailio-mysql-modules');

/** kamdbctl's settings, as an operator writes them in ~/.kamctlrc (our test account has the GRANT option it needs). */
const KAMCTLRC = `DBENGINE=MYSQL
DBHOST=127.0.0.1
DBPORT=${PORT}
DBNAME=kamailio
DBRWUSER=kamailio
DBRWPW=kamailiorw
DBROUSER=kamailioro
DBROPW=kamailioro
DBACCESSHOST='%'
DBROOTUSER=${DB_USER}
DBROOTPW=${DB_PASSWORD}
CHARSET=utf8mb4
INSTALL_EXTRA_TABLES=no
INSTALL_PRESENCE_TABLES=no
INSTALL_DBUID_TABLES=no
`;

(hasKamdbctl ? describeWithServer('mariadb') : describe.skip)('a database made by kamdbctl create', () => {
  let server: DbServer;
  let home: string;
  let db: DbConnection;

  /** Runs SQL with the mariadb client as Kamailio's read-write account; its tab-separated output. */
  const client = (sql: string): string => {
    const r = spawnSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${PORT}`, '-ukamailio', '-pkamailiorw', '-N', '-B', 'kamailio', '-e', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };

  beforeAll(async () => {
    server = await startServer('mariadb', PORT);
    home = mkdtempSync(join(tmpdir(), 'siprc-kamctlrc-'));
    writeFileSync(join(home, '.kamctlrc'), KAMCTLRC);
    const created = spawnSync('kamdbctl', ['create'], { env: { ...process.env, HOME: home }, encoding: 'utf8', input: '', timeout: 120_000 });
    if (created.status !== 0) throw new Error(`kamdbctl create failed:\n${created.stdout}${created.stderr}`);
    db = await mysqlBackend().connect(parseDbUrl(`mysql://kamailio:kamailiorw@127.0.0.1:${PORT}/kamailio`));
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await server?.destroy();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('reads the versions kamdbctl wrote', async () => {
    expect(await db.tableVersion('version')).toBe(1);
    expect(await db.tableVersion('location')).toBe(9);
    expect(await db.tableVersion('location_attrs')).toBe(1);
    expect(await db.tableVersion('subscriber')).toBe(7);
    expect(await db.tableVersion('acc')).toBe(5);
    expect(await db.tableVersion('missed_calls')).toBe(4);
  });

  it('creating the tables siprc keeps changes nothing there', async () => {
    const before = client('SELECT table_name, table_version FROM version ORDER BY id; SHOW CREATE TABLE location');
    await db.createTables!();
    expect(client('SELECT table_name, table_version FROM version ORDER BY id; SHOW CREATE TABLE location')).toBe(before);
  });

  it('reads a subscriber the mariadb client inserted as kamctl add does', async () => {
    client("INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES ('alice', 'example.com', 'secret', 'a1', 'b1')");
    expect(await db.query({ table: 'subscriber', columns: ['username', 'domain', 'password', 'ha1', 'ha1b'], where: [{ column: 'username', value: 'alice' }, { column: 'domain', value: 'example.com' }] })).toEqual([
      { username: 'alice', domain: 'example.com', password: 'secret', ha1: 'a1', ha1b: 'b1' },
    ]);
  });

  it('writes location rows the client reads as Kamailio wrote them: DATETIME as local time, NULLs, defaults', async () => {
    await db.insert('location', { ruid: 'k1', username: 'alice', domain: 'example.com', contact: 'sip:alice@127.0.0.1:5070', expires: new Date(2031, 1, 3, 4, 5, 6), q: -1 });
    expect(client("SELECT ruid, expires, q, received IS NULL, callid, last_modified FROM location WHERE ruid = 'k1'")).toBe('k1\t2031-02-03 04:05:06\t-1.00\t1\tDefault-Call-ID\t2000-01-01 00:00:01\n');
    client("UPDATE location SET expires = '2032-03-04 05:06:07' WHERE ruid = 'k1'");
    const [row] = await db.query({ table: 'location', where: [{ column: 'ruid', value: 'k1' }], columns: ['expires', 'last_modified'] });
    expect(row).toEqual({ expires: new Date(2032, 2, 4, 5, 6, 7), last_modified: new Date(2000, 0, 1, 0, 0, 1) });
  });
});
