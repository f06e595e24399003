// The Redis backend (modules/db/redis.ts) on a real Redis started by the
// test (port 26379): the operations every backend passes, then what is
// particular to Redis: the keys a row is kept under, conditions no index
// covers, the `keys` parameter and tables known only by a schema file.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { DbConnection } from '../../../modules/db/api.js';
import { redisBackend } from '../../../modules/db/redis.js';
import { DEFAULT_KEYS, parseKeys, type KeySpec } from '../../../modules/db/redis-layout.js';
import { parseDbUrl } from '../../../modules/db/url.js';
import { testBackend } from './operations.js';
import { describeWithServer, startServer, type DbServer } from './servers.js';

testBackend('redis', 26379, () => redisBackend(), 'db_redis');

describe('the keys parameter', () => {
  it('reads an entry key and named indexes', () => {
    const parsed = parseKeys('location=entry:ruid&usrdom:username,domain&timer:partition,keepalive');
    expect(parsed).toEqual({ table: 'location', spec: { entry: ['ruid'], indexes: new Map([['usrdom', ['username', 'domain']], ['timer', ['partition', 'keepalive']]]) } });
    expect(parseKeys('acc=cid:callid')).toEqual({ table: 'acc', spec: { indexes: new Map([['cid', ['callid']]]) } });
    for (const text of Object.values(DEFAULT_KEYS)) expect(typeof parseKeys(`t=${text}`)).toBe('object');
  });
  it('names what is wrong', () => {
    expect(parseKeys('entry:ruid')).toMatch(/expected table=entry:column/);
    expect(parseKeys('location=entry')).toMatch(/"entry" is not name:column/);
    expect(parseKeys('location=entry:ruid&x:a b')).toMatch(/"a b" in "x:a b" is not a column name/);
    expect(parseKeys('location=entry:ruid&x:a&x:b')).toMatch(/the key "x" is declared twice/);
  });
});

describeWithServer('redis')('the Redis layout', () => {
  let server: DbServer;
  let raw: Redis;
  let schemaDir: string;
  const connections: DbConnection[] = [];
  const connect = async (keys: ReadonlyMap<string, KeySpec> = new Map()) => {
    const db = await redisBackend({ keys, schemaPath: schemaDir }).connect(parseDbUrl(server.url.replace(/\/0$/, '/3')));
    connections.push(db);
    return db;
  };

  beforeAll(async () => {
    server = await startServer('redis', 26382);
    raw = new Redis({ host: '127.0.0.1', port: 26382, db: 3 });
    schemaDir = mkdtempSync(join(tmpdir(), 'siprc-redis-schema-'));
  }, 60_000);
  afterAll(async () => {
    for (const db of connections) await db.close();
    raw?.disconnect();
    await server?.destroy();
    rmSync(schemaDir, { recursive: true, force: true });
  });
  beforeEach(() => raw.flushdb());

  it('keeps a row as a hash under its entry key, listed in the table set and its index sets', async () => {
    const db = await connect();
    await db.insert('location', { ruid: 'u:1', username: 'al:ice', domain: null, contact: 'sip:a@127.0.0.1', expires: new Date(1_800_000_000_500), q: 0.5 });
    expect((await raw.keys('location*')).sort()).toEqual(['location::entries', 'location::id', 'location:entry::u%3A1', 'location:timer::0:0', 'location:usrdom::al%3Aice:%00']);
    const hash = await raw.hgetall('location:entry::u%3A1');
    expect(hash).toMatchObject({ id: '1', ruid: 'u:1', username: 'al:ice', contact: 'sip:a@127.0.0.1', expires: '1800000000.5', q: '0.5', cseq: '1', callid: 'Default-Call-ID' });
    expect(hash).not.toHaveProperty('domain');
    expect(await raw.smembers('location:usrdom::al%3Aice:%00')).toEqual(['location:entry::u%3A1']);
    expect(await raw.smembers('location::entries')).toEqual(['location:entry::u%3A1']);
    // Moving the row to another account moves it between index sets; deleting it leaves no key but the id counter.
    await db.update('location', [{ column: 'ruid', value: 'u:1' }], { domain: 'example.com' });
    expect(await raw.exists('location:usrdom::al%3Aice:%00')).toBe(0);
    expect(await raw.smembers('location:usrdom::al%3Aice:example.com')).toEqual(['location:entry::u%3A1']);
    expect(await db.delete('location', [{ column: 'username', value: 'al:ice' }, { column: 'domain', value: 'example.com' }])).toBe(1);
    expect(await raw.keys('location*')).toEqual(['location::id']);
  });

  it('finds rows through an index only among its members, and through other conditions by reading the table', async () => {
    const db = await connect();
    await db.insert('location', { ruid: 'a', username: 'alice', domain: 'example.com', contact: 'sip:a@127.0.0.1' });
    await db.insert('location', { ruid: 'b', username: 'bob', domain: 'example.com', contact: 'sip:b@127.0.0.1' });
    // A row reached by the account's index set only: it is not listed in the table's set.
    await raw.srem('location::entries', 'location:entry::a');
    const account = [{ column: 'username', value: 'alice' }, { column: 'domain', value: 'example.com' }];
    expect(await db.query({ table: 'location', where: account, columns: ['ruid'] })).toEqual([{ ruid: 'a' }]);
    expect(await db.query({ table: 'location', where: [{ column: 'domain', value: 'example.com' }], columns: ['ruid'] })).toEqual([{ ruid: 'b' }]);
  });

  it('takes the keys parameter over the defaults', async () => {
    const db = await connect(new Map([['subscriber', (parseKeys('subscriber=entry:id&dom:domain') as { spec: KeySpec }).spec]]));
    await db.insert('subscriber', { username: 'carol', domain: 'example.com', password: 'pw' });
    await db.insert('subscriber', { username: 'carol', domain: 'example.com', password: 'pw2' }); // no unique key but the id now
    expect((await raw.keys('subscriber*')).sort()).toEqual(['subscriber::entries', 'subscriber::id', 'subscriber:dom::example.com', 'subscriber:entry::1', 'subscriber:entry::2']);
    expect(await db.query({ table: 'subscriber', where: [{ column: 'domain', value: 'example.com' }], columns: ['password'], orderBy: 'password' })).toEqual([{ password: 'pw' }, { password: 'pw2' }]);
  });

  it('reads a table siprc does not know through its db_redis schema file, and refuses one without', async () => {
    writeFileSync(join(schemaDir, 'address'), 'id/int,grp/int,ip_addr/string,mask/int,port/int,tag/string,\n6\n');
    const db = await connect(new Map([['address', (parseKeys('address=entry:id&grp:grp') as { spec: KeySpec }).spec]]));
    await raw.hset('address:entry::1', { id: '1', grp: '1', ip_addr: '127.0.0.1', mask: '32', port: '0' });
    await raw.sadd('address::entries', 'address:entry::1');
    await db.insert('address', { id: 2, grp: 2, ip_addr: '127.0.0.2', mask: 32, port: 5060, tag: 't' });
    expect(await db.query({ table: 'address', where: [{ column: 'mask', op: '>=', value: 32 }], orderBy: 'id' })).toEqual([
      { id: 1, grp: 1, ip_addr: '127.0.0.1', mask: 32, port: 0, tag: null },
      { id: 2, grp: 2, ip_addr: '127.0.0.2', mask: 32, port: 5060, tag: 't' },
    ]);
    await expect(db.query({ table: 'nothing' })).rejects.toThrow(/siprc does not know the table nothing .*no db_redis schema file/);
  });
});
