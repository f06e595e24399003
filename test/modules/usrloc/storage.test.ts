// usrloc's db_mode 1 (write-through), 2 (write-back on the timer) and 3
// (database only) on real SQLite files with Kamailio 5.6's location table,
// driven through registrar's save() and lookup(): what is written, when,
// what a restart loads, and a storage failure (500, logged, nothing stored
// lost).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDb } from '../../../modules/db/connect.js';
import type { DbConnection } from '../../../modules/db/api.js';
import { lookup } from '../../../modules/registrar/lookup.js';
import { save } from '../../../modules/registrar/save.js';
import { register } from '../registrar/harness.js';
import { contextOf, registrarOver, replyOf, startUsrloc } from './direct.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-usrloc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function freshDb(): Promise<{ url: string; db: DbConnection }> {
  const url = `sqlite://${join(dir, `l${++n}.db`)}`;
  const db = await connectDb(url);
  await db.createTables!();
  return { url, db };
}

const rows = (db: DbConnection) => db.query({ table: 'location', orderBy: 'id' });

describe('db_mode 1 (write-through)', () => {
  it('writes each change before it answers, in Kamailio 5.6 form, and a restart loads the table', async () => {
    const { url, db } = await freshDb();
    const ul = await startUsrloc({ db_url: url, db_mode: 1 });
    const r = registrarOver(ul);
    const ctx = contextOf(register('alice', ['Contact: <sip:alice@10.0.0.1:5060>;q=0.5;expires=600', 'User-Agent: phone/1'], { cseq: 7 }));
    expect(await save(ctx, r, 'location', 0)).toBe(1);
    expect(replyOf(ctx).contact).toBe('Contact: <sip:alice@10.0.0.1:5060>;q=0.5;expires=600');
    const [row] = await rows(db);
    expect(row).toMatchObject({ username: 'alice', domain: null, contact: 'sip:alice@10.0.0.1:5060', q: 0.5, callid: 'reg-alice', cseq: 7, user_agent: 'phone/1', socket: 'udp:127.0.0.1:5060', methods: -1, reg_id: 0, flags: 0, cflags: 0 });
    expect((row!.expires as Date).getTime()).toBe((ul.now() + 600) * 1000);
    await ul.stop();
    const again = await startUsrloc({ db_url: url, db_mode: 1 });
    const found = contextOf(register('alice', [], { method: 'INVITE' }));
    expect(await lookup(found, registrarOver(again), 'location')).toBe(1);
    expect(found.edits.requestUri).toBe('sip:alice@10.0.0.1:5060');
    // Removing it deletes the row.
    const del = contextOf(register('alice', ['Contact: <sip:alice@10.0.0.1:5060>;expires=0'], { cseq: 8 }));
    expect(await save(del, registrarOver(again), 'location', 0)).toBe(3);
    expect(await rows(db)).toEqual([]);
    await again.stop();
    await db.close();
  });

  it('answers 500 and logs when the database fails, and keeps what it had', async () => {
    const { url, db } = await freshDb();
    const ul = await startUsrloc({ db_url: url, db_mode: 1 });
    const r = registrarOver(ul);
    await save(contextOf(register('bob', ['Contact: <sip:bob@10.0.0.1>'], { cseq: 1 })), r, 'location', 0);
    // usrloc's connection goes away under it.
    await ul.db!.db.close();
    const ctx = contextOf(register('bob', ['Contact: <sip:bob@10.0.0.2>'], { cseq: 2 }));
    expect(await save(ctx, r, 'location', 0)).toBe(-1);
    // Kamailio's reason for the failed write, and the contacts still stored (Kamailio 5.6.3 lists the refused one too).
    expect(replyOf(ctx)).toEqual({ status: 'SIP/2.0 500 Server Internal Error', contact: expect.stringMatching(/^Contact: <sip:bob@10\.0\.0\.1>;expires=\d+$/), error: 'P-Registrar-Error: usrloc_contact_insert failed' });
    expect(ctx.logs.map((l) => l.text)).toEqual([expect.stringMatching(/^registrar: save\("location"\) for bob: storage failed: /)]);
    expect(r.stats.get('rejected_regs')).toBe(1);
    const record = ul.domain('location').get('bob') as { contacts: Array<{ uri: string }> };
    expect(record.contacts.map((c) => c.uri)).toEqual(['sip:bob@10.0.0.1']);
    expect((await rows(db)).map((x) => x.contact)).toEqual(['sip:bob@10.0.0.1']);
    await db.close();
  });
});

describe('db_mode 2 (write-back)', () => {
  it('answers from memory and writes on the timer', async () => {
    const { url, db } = await freshDb();
    const ul = await startUsrloc({ db_url: url, db_mode: 2 });
    const r = registrarOver(ul);
    expect(await save(contextOf(register('carol', ['Contact: <sip:carol@10.0.0.1>'], { cseq: 1 })), r, 'location', 0)).toBe(1);
    expect(await rows(db)).toEqual([]);
    await ul.runTimer();
    expect((await rows(db)).map((x) => x.contact)).toEqual(['sip:carol@10.0.0.1']);
    await save(contextOf(register('carol', ['Contact: <sip:carol@10.0.0.1>;expires=100'], { cseq: 2 })), r, 'location', 0);
    await save(contextOf(register('carol', ['Contact: <sip:carol@10.0.0.2>'], { cseq: 3 })), r, 'location', 0);
    await ul.runTimer();
    expect((await rows(db)).map((x) => [x.contact, x.cseq])).toEqual([
      ['sip:carol@10.0.0.1', 2],
      ['sip:carol@10.0.0.2', 3],
    ]);
    // Expired contacts go from memory and from the table at the next run.
    ul.now = () => Math.floor(Date.now() / 1000) + 200;
    await ul.runTimer();
    expect((await rows(db)).map((x) => x.contact)).toEqual(['sip:carol@10.0.0.2']);
    expect(ul.stats.get('location_expires')).toBe(1);
    await ul.stop();
    await db.close();
  });
});

describe('db_mode 3 (database only)', () => {
  it('keeps nothing in memory: every lookup reads the table', async () => {
    const { url, db } = await freshDb();
    const ul = await startUsrloc({ db_url: url, db_mode: 3 });
    const r = registrarOver(ul);
    const ctx = contextOf(register('dave', ['Contact: <sip:dave@10.0.0.1>;q=0.2, <sip:dave@10.0.0.2>;q=0.9'], { cseq: 1 }));
    expect(await save(ctx, r, 'location', 0)).toBe(1);
    expect(replyOf(ctx).contact).toBe('Contact: <sip:dave@10.0.0.2>;q=0.9;expires=3600, <sip:dave@10.0.0.1>;q=0.2;expires=3600');
    expect([...ul.domain('location').all()]).toEqual([]);
    // Another server writing the same table is seen at once.
    await db.update('location', [{ column: 'contact', value: 'sip:dave@10.0.0.1' }], { q: 1 });
    const inv = contextOf(register('dave', [], { method: 'INVITE' }));
    expect(await lookup(inv, r, 'location')).toBe(1);
    expect(inv.edits.requestUri).toBe('sip:dave@10.0.0.1');
    expect(inv.branches.map((b) => b.uri)).toEqual(['sip:dave@10.0.0.2']);
    await ul.stop();
    await db.close();
  });
});

describe('REGISTERs of one AOR arriving together', () => {
  it('are applied one after the other: the second sees what the first stored', async () => {
    const { url, db } = await freshDb();
    const ul = await startUsrloc({ db_url: url, db_mode: 3 });
    const r = registrarOver(ul);
    const first = save(contextOf(register('erin', ['Contact: <sip:erin@10.0.0.1>'], { cseq: 1 })), r, 'location', 0);
    const second = save(contextOf(register('erin', ['Contact: <sip:erin@10.0.0.1>;expires=120'], { cseq: 2 })), r, 'location', 0);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect((await rows(db)).map((x) => [x.contact, x.cseq])).toEqual([['sip:erin@10.0.0.1', 2]]);
    await ul.stop();
    await db.close();
  });
});
