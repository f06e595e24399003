// The storage operations every server backend must get right, run by each
// backend's test on a real server (servers.ts): Kamailio's tables created,
// query with conditions, order and limit, insert, update, delete, replace,
// table versions, DATETIME and NULL round trips, errors; then the server is
// stopped under an open connection (operations reject with connectionLost)
// and started again (the same connection works again, nothing stored lost).

import { DbError, type DbBackend, type DbConnection, type DbRow } from '../../../modules/db/api.js';
import { parseDbUrl } from '../../../modules/db/url.js';
import type { DbServer, ServerKind } from './servers.js';
import { describeWithServer, startServer } from './servers.js';

/** Whole seconds: MySQL's DATETIME keeps no fraction. */
const EXPIRES = new Date(2031, 4, 6, 7, 8, 9);
const MODIFIED = new Date(2026, 11, 3, 4, 5, 6);

const contact = (ruid: string, username: string, domain: string | null, extra: Partial<Record<string, string | number | Date | null>> = {}): DbRow => ({
  ruid,
  username,
  domain,
  contact: `sip:${username}@127.0.0.1:${5000 + Number(ruid.slice(1))};transport=udp`,
  expires: EXPIRES,
  q: 0.5,
  callid: `call-${ruid}`,
  cseq: Number(ruid.slice(1)),
  last_modified: MODIFIED,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<DbError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DbError);
    return e as DbError;
  }
  throw new Error('the operation did not reject');
}

export function testBackend(kind: ServerKind, port: number, backend: () => DbBackend, module: string): void {
  describeWithServer(kind)(`${module} on a real server`, () => {
    let server: DbServer;
    let db: DbConnection;

    beforeAll(async () => {
      server = await startServer(kind, port);
      db = await backend().connect(parseDbUrl(server.url));
      await db.createTables!();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await server?.destroy();
    });

    it('reads the versions of the tables it created, and undefined for an unknown table', async () => {
      expect(await db.tableVersion('location')).toBe(9);
      expect(await db.tableVersion('subscriber')).toBe(7);
      expect(await db.tableVersion('version')).toBe(1);
      expect(await db.tableVersion('no_such_table')).toBeUndefined();
      await db.createTables!(); // again: nothing changes
      expect(await db.query({ table: 'version', where: [{ column: 'table_name', value: 'location' }] })).toHaveLength(1);
    });

    it('inserts rows and reads them back with their types, DATETIME and NULL included', async () => {
      await db.insert('location', contact('r1', 'alice', 'example.com'));
      await db.insert('location', contact('r2', 'alice', 'example.com', { q: 1, path: '<sip:edge@127.0.0.1;lr>' }));
      await db.insert('location', contact('r3', 'bob', null, { methods: 4095, expires: new Date(2030, 0, 1, 0, 0, 0) }));
      const [row] = await db.query({ table: 'location', where: [{ column: 'ruid', value: 'r1' }] });
      expect(row).toMatchObject({
        ruid: 'r1', username: 'alice', domain: 'example.com', contact: 'sip:alice@127.0.0.1:5001;transport=udp', received: null, path: null,
        q: 0.5, callid: 'call-r1', cseq: 1, flags: 0, cflags: 0, user_agent: '', socket: null, methods: null, instance: null, reg_id: 0, partition: 0,
      });
      expect(row!.expires).toBeInstanceOf(Date);
      expect((row!.expires as Date).getTime()).toBe(EXPIRES.getTime());
      expect((row!.last_modified as Date).getTime()).toBe(MODIFIED.getTime());
      expect(typeof row!.id).toBe('number');
    });

    it('fills a column left out with its default', async () => {
      await db.insert('subscriber', { username: 'carol', domain: 'example.com', ha1: 'h1' });
      const rows = await db.query({ table: 'subscriber', columns: ['username', 'password', 'ha1', 'ha1b'], where: [{ column: 'username', value: 'carol' }] });
      expect(rows).toEqual([{ username: 'carol', password: '', ha1: 'h1', ha1b: '' }]);
    });

    it('queries with conditions, columns, order and limit', async () => {
      const alice = [{ column: 'username', value: 'alice' }, { column: 'domain', value: 'example.com' }] as const;
      expect((await db.query({ table: 'location', where: alice, columns: ['ruid'], orderBy: 'ruid' })).map((r) => r.ruid)).toEqual(['r1', 'r2']);
      expect(await db.query({ table: 'location', where: alice, columns: ['ruid', 'q'], orderBy: 'q', limit: 1 })).toEqual([{ ruid: 'r1', q: 0.5 }]);
      const ruids = async (where: Parameters<DbConnection['delete']>[1]) => (await db.query({ table: 'location', where, columns: ['ruid'], orderBy: 'ruid' })).map((r) => r.ruid);
      expect(await ruids([{ column: 'domain', value: null }])).toEqual(['r3']);
      expect(await ruids([{ column: 'domain', op: '!=', value: null }])).toEqual(['r1', 'r2']);
      expect(await ruids([{ column: 'username', op: '!=', value: 'alice' }])).toEqual(['r3']);
      expect(await ruids([{ column: 'cseq', op: '>', value: 1 }])).toEqual(['r2', 'r3']);
      expect(await ruids([{ column: 'cseq', op: '<=', value: 2 }, { column: 'q', op: '>=', value: 0.75 }])).toEqual(['r2']);
      expect(await ruids([{ column: 'expires', op: '<', value: new Date(2031, 0, 1) }])).toEqual(['r3']);
      expect(await ruids([{ column: 'expires', value: EXPIRES }])).toEqual(['r1', 'r2']);
      expect(await ruids([{ column: 'username', value: 'nobody' }])).toEqual([]);
      expect(await ruids([])).toEqual(['r1', 'r2', 'r3']);
      expect((await db.query({ table: 'location', orderBy: 'cseq', limit: 2 })).map((r) => r.ruid)).toEqual(['r1', 'r2']);
    });

    it('updates the matching rows and says how many matched, changed or not', async () => {
      const alice = [{ column: 'username', value: 'alice' }];
      expect(await db.update('location', alice, { cseq: 2, received: 'sip:127.0.0.2:5062' })).toBe(2);
      expect(await db.update('location', alice, { cseq: 2 })).toBe(2);
      expect(await db.update('location', [{ column: 'ruid', value: 'none' }], { cseq: 9 })).toBe(0);
      const rows = await db.query({ table: 'location', where: alice, columns: ['cseq', 'received'] });
      expect(rows).toEqual([{ cseq: 2, received: 'sip:127.0.0.2:5062' }, { cseq: 2, received: 'sip:127.0.0.2:5062' }]);
      // Back to NULL; a column of an index changed moves the row.
      expect(await db.update('location', [{ column: 'ruid', value: 'r2' }], { received: null, username: 'alice2' })).toBe(1);
      expect(await db.query({ table: 'location', where: [{ column: 'username', value: 'alice2' }], columns: ['ruid', 'received'] })).toEqual([{ ruid: 'r2', received: null }]);
      expect(await db.query({ table: 'location', where: [{ column: 'username', value: 'alice' }], columns: ['ruid'] })).toEqual([{ ruid: 'r1' }]);
    });

    it('replaces the row with the same unique key, or inserts one', async () => {
      await db.replace('location', contact('r1', 'alice', 'example.com', { cseq: 77, user_agent: 'phone/2' }));
      await db.replace('location', contact('r4', 'dave', 'example.com'));
      const rows = await db.query({ table: 'location', where: [{ column: 'ruid', op: '!=', value: 'r3' }], columns: ['ruid', 'username', 'cseq', 'user_agent'], orderBy: 'ruid' });
      expect(rows).toEqual([
        { ruid: 'r1', username: 'alice', cseq: 77, user_agent: 'phone/2' },
        { ruid: 'r2', username: 'alice2', cseq: 2, user_agent: '' },
        { ruid: 'r4', username: 'dave', cseq: 4, user_agent: '' },
      ]);
      await db.replace('subscriber', { username: 'carol', domain: 'example.com', password: 'secret', ha1: 'h2', ha1b: 'h3' });
      expect(await db.query({ table: 'subscriber', columns: ['username', 'password', 'ha1'] })).toEqual([{ username: 'carol', password: 'secret', ha1: 'h2' }]);
    });

    it('deletes the matching rows and says how many', async () => {
      expect(await db.delete('location', [{ column: 'username', value: 'dave' }])).toBe(1);
      expect(await db.delete('location', [{ column: 'username', value: 'dave' }])).toBe(0);
      expect(await db.delete('location', [{ column: 'expires', op: '<', value: new Date(2031, 0, 1) }])).toBe(1);
      expect((await db.query({ table: 'location', columns: ['ruid'], orderBy: 'ruid' })).map((r) => r.ruid)).toEqual(['r1', 'r2']);
    });

    it('rejects a duplicate unique key and a bad name with a DbError naming the table, not as a lost connection', async () => {
      const duplicate = await rejection(db.insert('location', contact('r1', 'x', 'y')));
      expect(duplicate).toMatchObject({ backend: module, connectionLost: false });
      expect(duplicate.message).toContain('location');
      expect(duplicate.message).not.toContain('siprc-pw');
      const bad = await rejection(db.query({ table: 'location', where: [{ column: 'user name', value: 'x' }] }));
      expect(bad).toMatchObject({ backend: module, connectionLost: false });
      expect(bad.message).toContain('user name');
    });

    it('rejects with connectionLost while the server is down, and works again on the same connection once it is back', async () => {
      await server.stop();
      for (const operation of [
        () => db.query({ table: 'location' }),
        () => db.insert('location', contact('r5', 'eve', 'example.com')),
        () => db.update('location', [], { cseq: 1 }),
        () => db.delete('location', []),
        () => db.replace('location', contact('r5', 'eve', 'example.com')),
        () => db.tableVersion('location'),
      ]) {
        const error = await rejection(operation());
        expect(error).toMatchObject({ backend: module, connectionLost: true });
        expect(error.message).not.toContain('siprc-pw');
      }
      await server.start();
      expect((await db.query({ table: 'location', columns: ['ruid'], orderBy: 'ruid' })).map((r) => r.ruid)).toEqual(['r1', 'r2']);
      await db.insert('location', contact('r5', 'eve', 'example.com'));
      expect(await db.tableVersion('location')).toBe(9);
      expect(await db.delete('location', [{ column: 'ruid', value: 'r5' }])).toBe(1);
    }, 60_000);

    it('refuses to connect to a server that is not there, as a lost connection', async () => {
      const url = parseDbUrl(server.url.replace(`:${port}/`, `:${port + 1}/`));
      const error = await rejection(backend().connect(url));
      expect(error).toMatchObject({ backend: module, connectionLost: true });
      expect(error.message).toContain(url.redacted);
    });
  });
}
