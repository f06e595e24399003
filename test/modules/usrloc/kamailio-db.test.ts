// siprc taking over a location table Kamailio 5.6 wrote: Kamailio (usrloc
// db_mode 1 through db_sqlite, on loopback) registers contacts into a
// SQLite file made with siprc's DDL; siprc's usrloc then loads that file
// and lookup() finds the contacts with what Kamailio stored (q, Path,
// received, expires, ruid), and siprc's own writes land in the same table.
// Skipped where Kamailio (or its db_sqlite module) is not installed.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDb } from '../../../modules/db/connect.js';
import { lookup } from '../../../modules/registrar/lookup.js';
import { save } from '../../../modules/registrar/save.js';
import { register } from '../registrar/harness.js';
import { kamailioReplies } from '../registrar/kamailio.js';
import { contextOf, registrarOver, startUsrloc } from './direct.js';
import { hasKamailio, KAMAILIO_MODULES } from '../../kamailio-process.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-kam-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const withSqlite = hasKamailio && existsSync(`${KAMAILIO_MODULES}/db_sqlite.so`);

const PORT = 24260;
const CLIENT = 24270;

(withSqlite ? describe : describe.skip)('a location table written by Kamailio 5.6', () => {
  it('is loaded and served by siprc', async () => {
    const path = join(dir, 'kamailio.db');
    const url = `sqlite://${path}`;
    const setup = await connectDb(url);
    await setup.createTables!();
    await setup.close();
    const script = `debug=2
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "db_sqlite.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
modparam("usrloc", "db_url", "sqlite:///${path}")  # Kamailio reads the path after "sqlite://" as written: /${path} is absolute
modparam("usrloc", "db_mode", 1)
modparam("registrar", "use_path", 1)
modparam("registrar", "path_mode", 0)
modparam("registrar", "received_avp", "$avp(rcv)")
request_route { $avp(rcv) = "sip:127.0.0.1:${CLIENT}"; save("location"); exit; }
`;
    const regs = [
      register('alice', ['Contact: <sip:alice@10.0.0.1:5060>;q=0.7;expires=900', 'User-Agent: kam-test', 'Path: <sip:edge@127.0.0.1:24280;lr>'], { cseq: 1 }),
      register('alice', ['Contact: <sip:alice@10.0.0.2:5060>;expires=600'], { cseq: 2 }),
    ].map((m) => m.replace(/127\.0\.0\.1:24070;rport/, `127.0.0.1:${CLIENT};rport`));
    const kam = await kamailioReplies(script, regs, PORT, CLIENT);
    expect(kam.replies.map((r) => r.split("\r\n")[0])).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 200 OK']);

    const ul = await startUsrloc({ db_url: url, db_mode: 1 });
    const r = registrarOver(ul);
    const record = ul.domain('location').get('alice') as unknown as { contacts: Array<Record<string, unknown>> };
    expect(record.contacts.map((c) => [c.uri, c.q, c.path, c.received, c.userAgent, c.callid, c.cseq])).toEqual([
      ['sip:alice@10.0.0.1:5060', 700, '<sip:edge@127.0.0.1:24280;lr>', `sip:127.0.0.1:${CLIENT}`, 'kam-test', 'reg-alice', 1],
      ['sip:alice@10.0.0.2:5060', -1, undefined, `sip:127.0.0.1:${CLIENT}`, 'n/a', 'reg-alice', 2],
    ]);
    const left = (record.contacts[0]!.expires as number) - ul.now();
    expect(left).toBeGreaterThan(890);
    expect(left).toBeLessThanOrEqual(900);
    expect(record.contacts[0]!.ruid).toMatch(/^uloc-/);

    const inv = contextOf(register('alice', [], { method: 'INVITE' }));
    expect(await lookup(inv, r, 'location')).toBe(1);
    expect([inv.edits.requestUri, inv.edits.destination, inv.branches.map((b) => b.uri)]).toEqual(['sip:alice@10.0.0.1:5060', 'sip:edge@127.0.0.1:24280;lr', ['sip:alice@10.0.0.2:5060']]);

    // An update of Kamailio's row by siprc: the same row (by ruid), new values.
    expect(await save(contextOf(register('alice', ['Contact: <sip:alice@10.0.0.2:5060>;q=0.9;expires=300'], { cseq: 3 })), r, 'location', 0)).toBe(2);
    const db = await connectDb(url);
    const rows = await db.query({ table: 'location', orderBy: 'id' });
    expect(rows.map((x) => [x.contact, x.q, x.cseq])).toEqual([
      ['sip:alice@10.0.0.1:5060', 0.7, 1],
      ['sip:alice@10.0.0.2:5060', 0.9, 3],
    ]);
    await db.close();
    await ul.stop();
  }, 20000);
});
