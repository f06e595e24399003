// Acceptance for issue 6, item 1: Debian's stock kamailio.cfg, unchanged,
// served by siprc with -A WITH_MYSQL -A WITH_AUTH -A WITH_USRLOCDB against a
// MariaDB the test starts on 127.0.0.1:3306 (the script's DBURL is
// mysql://kamailio:kamailiorw@localhost/kamailio), on a database made by
// Kamailio's own tools: `kamdbctl create`, and `kamctl add` for the
// subscribers, both reading a kamctlrc in a temporary HOME. Two SIPp phones
// register with digest authentication, one calls the other through lookup(),
// the call completes and BYE goes through; siprc's shutdown writes the
// registrations back (db_mode 2) where the mariadb client reads them.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_PASSWORD, DB_USER, describeWithServer, startServer, type DbServer } from '../modules/db/servers.js';
import { STOCK_CFG, call, describeStock, register, serveWithin, stopServer, type Phone } from './registrations.js';
import type { RunningServer } from './sipp-harness.js';

const hasKamctl = ['/usr/sbin/kamdbctl', '/usr/sbin/kamctl', '/usr/share/kamailio/mysql/standard-create.sql'].every((f) => existsSync(f));
if (!hasKamctl && process.env.CI) throw new Error('kamdbctl, kamctl or their MySQL scripts are missing: CI must install kamailio and kamailio-mysql-modules (.ci/run)');

/** The port the stock script's DBURL names (localhost, MySQL's default port). */
const MYSQL_PORT = 3306;
const PROXY = 30060;
const alice: Phone = { user: 'alice', password: 'alice-secret', port: 30070 };
const bob: Phone = { user: 'bob', password: 'bob-secret', port: 30080 };

/** kamdbctl's and kamctl's settings, as an operator writes them in ~/.kamctlrc; the test account has the GRANT option kamdbctl needs. */
const KAMCTLRC = `DBENGINE=MYSQL
DBHOST=127.0.0.1
DBPORT=${MYSQL_PORT}
DBNAME=kamailio
DBRWUSER=kamailio
DBRWPW=kamailiorw
DBROUSER=kamailioro
DBROPW=kamailioro
DBROOTUSER=${DB_USER}
DBROOTPW=${DB_PASSWORD}
SIP_DOMAIN=127.0.0.1
CHARSET=utf8mb4
INSTALL_EXTRA_TABLES=no
INSTALL_PRESENCE_TABLES=no
INSTALL_DBUID_TABLES=no
`;

/** Fails, saying why, when something already listens on the port the stock DBURL needs. */
function portFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e) => reject(new Error(`127.0.0.1:${port} is taken (${(e as Error).message}): the stock script's DBURL needs MariaDB there; stop the server using it`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

const DEFINES = ['WITH_MYSQL', 'WITH_AUTH', 'WITH_USRLOCDB'];

(hasKamctl ? describeStock(describeWithServer('mariadb')) : describe.skip)('the stock kamailio.cfg with WITH_MYSQL, WITH_AUTH, WITH_USRLOCDB on MariaDB', () => {
  let mariadb: DbServer;
  let home: string;
  let proxy: RunningServer | undefined;

  /** Runs kamdbctl or kamctl with the temporary kamctlrc; their output. */
  const kamailioTool = (argv: readonly string[]): string => {
    const r = spawnSync(argv[0]!, argv.slice(1), { env: { ...process.env, HOME: home }, encoding: 'utf8', input: '', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    return r.stdout + r.stderr;
  };
  /** SQL through the mariadb client as Kamailio's read-write account; its tab-separated rows. */
  const client = (sql: string): string => {
    const r = spawnSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${MYSQL_PORT}`, '-ukamailio', '-pkamailiorw', '-N', '-B', 'kamailio', '-e', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };

  beforeAll(async () => {
    await portFree(MYSQL_PORT);
    mariadb = await startServer('mariadb', MYSQL_PORT);
    home = mkdtempSync(join(tmpdir(), 'siprc-kamctlrc-'));
    writeFileSync(join(home, '.kamctlrc'), KAMCTLRC);
    kamailioTool(['kamdbctl', 'create']);
    for (const phone of [alice, bob]) kamailioTool(['kamctl', 'add', phone.user, phone.password]);
    proxy = await serveWithin(STOCK_CFG, [...DEFINES.flatMap((d) => ['-A', d]), '-l', `udp:127.0.0.1:${PROXY}`]);
  }, 300_000);

  afterAll(async () => {
    try {
      await proxy?.stop();
    } finally {
      await mariadb?.destroy();
      if (home) rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  it('has the subscribers kamctl added, with the digests auth_db checks', () => {
    const digest = (p: Phone) => createHash('md5').update(`${p.user}:127.0.0.1:${p.password}`).digest('hex');
    expect(client('SELECT username, domain, password, ha1 FROM subscriber ORDER BY username')).toBe(
      `alice\t127.0.0.1\t${alice.password}\t${digest(alice)}\nbob\t127.0.0.1\t${bob.password}\t${digest(bob)}\n`,
    );
  });

  it('registers both subscribers with digest authentication', async () => {
    expect(await register(proxy!, PROXY, bob)).toEqual({ successful: 1, failed: 0 });
    expect(await register(proxy!, PROXY, alice)).toEqual({ successful: 1, failed: 0 });
  }, 90_000);

  it('routes alice\'s authenticated call to bob through lookup(): the call completes and BYE goes through', async () => {
    expect(await call(proxy!, PROXY, alice, bob)).toEqual({ caller: { successful: 1, failed: 0 }, callee: { successful: 1, failed: 0 } });
  }, 90_000);

  it('writes the registrations to the location table when it stops (db_mode 2)', async () => {
    const running = proxy;
    proxy = undefined;
    await stopServer(running);
    expect(client('SELECT username, contact, socket FROM location ORDER BY username')).toBe(
      `alice\tsip:alice@127.0.0.1:${alice.port}\tudp:127.0.0.1:${PROXY}\nbob\tsip:bob@127.0.0.1:${bob.port}\tudp:127.0.0.1:${PROXY}\n`,
    );
  }, 60_000);
});
