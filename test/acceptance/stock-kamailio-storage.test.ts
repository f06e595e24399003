// Acceptance for issue 6, item 2: Debian's stock kamailio.cfg, unchanged,
// served by siprc with -A WITH_AUTH -A WITH_USRLOCDB and a DBURL naming an
// SQLite file (the embedded default: no server) or a PostgreSQL database the
// test starts on 127.0.0.1:30432; tables made by `siprc db init`, subscribers
// by `siprc db add`. Two SIPp phones register with digest authentication and
// call; siprc is stopped (SIGTERM: db_mode 2 writes the contacts back) and
// started again, and the contact is still there: in the location table, and
// for lookup(), which routes a new call to it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithServer, startServer, type DbServer } from '../modules/db/servers.js';
import { STOCK_CFG, call, describeStock, locationRows, register, serveWithin, siprcDb, stopServer, type Phone } from './registrations.js';
import type { RunningServer } from './sipp-harness.js';

const DEFINES = ['WITH_AUTH', 'WITH_USRLOCDB'];
const PROXY = 30260;
const alice: Phone = { user: 'alice', password: 'alice-secret', port: 30270 };
const bob: Phone = { user: 'bob', password: 'bob-secret', port: 30280 };

/** A storage for the script: its db_url, and how to remove it afterwards. */
interface Storage {
  readonly url: string;
  destroy(): Promise<void>;
}

/** The acceptance on one storage: register, call, restart, call again. */
function survivesRestart(base: jest.Describe, name: string, open: () => Promise<Storage>): void {
  describeStock(base)(`the stock kamailio.cfg with WITH_AUTH, WITH_USRLOCDB on ${name}`, () => {
    let storage: Storage | undefined;
    let proxy: RunningServer | undefined;
    const serve = () => serveWithin(STOCK_CFG, [...DEFINES.flatMap((d) => ['-A', d]), '-A', `DBURL="${storage!.url}"`, '-l', `udp:127.0.0.1:${PROXY}`]);

    beforeAll(async () => {
      storage = await open();
      siprcDb(['init', '--url', storage.url]);
      for (const phone of [alice, bob]) siprcDb(['add', `${phone.user}@127.0.0.1`, phone.password, '--url', storage.url]);
      proxy = await serve();
    }, 180_000);

    afterAll(async () => {
      try {
        await proxy?.stop();
      } finally {
        await storage?.destroy();
      }
    }, 60_000);

    it('registers both subscribers with digest authentication, and routes a call between them', async () => {
      expect(await register(proxy!, PROXY, bob)).toEqual({ successful: 1, failed: 0 });
      expect(await register(proxy!, PROXY, alice)).toEqual({ successful: 1, failed: 0 });
      expect(await call(proxy!, PROXY, alice, bob)).toEqual({ caller: { successful: 1, failed: 0 }, callee: { successful: 1, failed: 0 } });
    }, 120_000);

    it('stopped with SIGTERM, it has written the contacts to the location table', async () => {
      const running = proxy;
      proxy = undefined;
      await stopServer(running);
      expect(await locationRows(storage!.url, 'bob')).toEqual([{ username: 'bob', contact: `sip:bob@127.0.0.1:${bob.port}`, socket: `udp:127.0.0.1:${PROXY}` }]);
    }, 60_000);

    it('started again, it still has the contact: lookup() routes a new call to bob without his registering again', async () => {
      proxy = await serve();
      expect(await call(proxy, PROXY, alice, bob)).toEqual({ caller: { successful: 1, failed: 0 }, callee: { successful: 1, failed: 0 } });
    }, 120_000);
  });
}

survivesRestart(describe, 'SQLite (sqlite:///...)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-stock-sqlite-'));
  return { url: `sqlite://${join(dir, 'siprc.db')}`, destroy: async () => rmSync(dir, { recursive: true, force: true }) };
});

survivesRestart(describeWithServer('postgres'), 'PostgreSQL (postgres://...)', async () => {
  const server: DbServer = await startServer('postgres', 30432);
  return { url: server.url, destroy: () => server.destroy() };
});
