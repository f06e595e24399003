// save() and lookup() waiting on a database from a script: `siprc exec`
// runs twice on the same SQLite file (usrloc db_mode 1, then 3), the
// REGISTER of the first run found by the INVITE of the second; a database
// that cannot be opened refuses to start, naming it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDb } from '../../../modules/db/connect.js';
import { runScriptWaiting } from '../run-script.js';
import { HEAD, register } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-reg-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = (url: string, mode: number): string => `${HEAD}modparam("usrloc", "db_url", "${url}")
modparam("usrloc", "db_mode", ${mode})
request_route {
  if (method == "REGISTER") { save("location"); xlog("L_INFO", "save rc=$rc\\n"); exit; }
  lookup("location"); xlog("L_INFO", "lookup rc=$rc ru=$ru\\n");
}
`;

describe('registrar with a database, from a script', () => {
  it('waits for the database in request_route: what one run saves, the next run finds', async () => {
    const url = `sqlite://${join(dir, 'loc.db')}`;
    const setup = await connectDb(url);
    await setup.createTables!();
    await setup.close();
    const saved = await runScriptWaiting(script(url, 1), register('alice', ['Contact: <sip:alice@10.0.0.1>;expires=600'], { cseq: 1 }), { source: '127.0.0.1:24070' });
    expect(saved.stderr).toBe('');
    expect(saved.logs).toEqual(['save rc=1']);
    expect(saved.sent[0]!.text).toMatch(/^SIP\/2\.0 200 OK\r\n[^]*\r\nContact: <sip:alice@10\.0\.0\.1>;expires=600\r\n/);
    for (const mode of [1, 3]) {
      const found = await runScriptWaiting(script(url, mode), register('alice', [], { method: 'INVITE' }), { source: '127.0.0.1:24070' });
      expect(found.logs).toEqual(['lookup rc=1 ru=sip:alice@10.0.0.1']);
    }
  });

  it('refuses to start when the database has no location table', async () => {
    const url = `sqlite://${join(dir, 'empty.db')}`;
    const run = await runScriptWaiting(script(url, 1), register('bob', ['Contact: <sip:bob@10.0.0.1>'], { cseq: 1 }), { source: '127.0.0.1:24070' });
    expect(run.stderr).toMatch(/^module registrar cannot start: .*version/);
    expect(run.sent).toEqual([]);
  });
});
