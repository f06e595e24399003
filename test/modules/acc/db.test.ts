// acc's database accounting on an SQLite file with Kamailio 5.6's acc and
// missed_calls tables (plus the db_extra columns, as the stock script's
// comments tell operators to add): the same flow as the log test gives one
// acc row per accounted transaction and one missed_calls row for the 486
// call, with the columns Kamailio writes; acc_db_request writes to the table
// it names; a table that does not exist is a logged error, the call goes on;
// parameters of what is not provided refuse the start.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDb } from '../../../modules/db/connect.js';
import { tableSchema } from '../../../modules/db/schema.js';
import { playFlow } from '../../runtime/stats/call-flow.js';
import { serveScript } from '../../runtime/server/serve-script.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-acc-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXTRA = ['src_user', 'src_domain', 'src_ip', 'dst_ouser', 'dst_user', 'dst_domain'];

async function database(name: string): Promise<string> {
  const path = join(dir, name);
  const db = await connectDb(`sqlite://${path}`);
  await db.createTables!([tableSchema('version')!, tableSchema('acc')!, tableSchema('missed_calls')!]);
  await db.close();
  const raw = new Database(path);
  for (const t of ['acc', 'missed_calls']) for (const c of EXTRA) raw.exec(`ALTER TABLE ${t} ADD COLUMN ${c} VARCHAR(128) NOT NULL DEFAULT ''`);
  raw.close();
  return path;
}

const script = (path: string, body: string): string => `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "textops.so"
loadmodule "acc.so"
modparam("acc", "db_flag", 1)
modparam("acc", "db_missed_flag", 2)
modparam("acc", "failed_transaction_flag", 3)
modparam("acc", "db_url", "sqlite://${path}")
modparam("acc", "db_extra",
	"src_user=$fU;src_domain=$fd;src_ip=$si;"
	"dst_ouser=$tU;dst_user=$rU;dst_domain=$rd")
request_route {
  if (is_method("REGISTER|OPTIONS")) { sl_send_reply("200", "OK"); exit; }
  ${body}
  t_relay();
}
`;

function rows(path: string, table: string): Array<Record<string, unknown>> {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Array<Record<string, unknown>>;
  } finally {
    raw.close();
  }
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('acc to a database', () => {
  it('acc and missed_calls rows for the flow, with the columns Kamailio writes and the extras', async () => {
    const path = await database('flow.db');
    const before = Date.now();
    const served = await serveScript(script(path, 'if (is_method("INVITE|MESSAGE|BYE")) { setflag(1); setflag(2); setflag(3); }\n  if (is_method("MESSAGE")) acc_db_request("403 Refused here", "acc");'));
    try {
      await playFlow(served.port, 27402, 27401);
      await wait(100);
    } finally {
      await served.stop();
    }
    const acc = rows(path, 'acc');
    const core = acc.map((r) => [r.method, r.from_tag, r.to_tag, r.callid, r.sip_code, r.sip_reason]);
    expect(core).toEqual([
      ['INVITE', 'fromtag-call-ok', 'uastag1', 'call-ok', '200', 'OK'],
      ['BYE', 'fromtag-call-ok', 'uastag1', 'call-ok', '200', 'OK'],
      ['INVITE', 'fromtag-call-busy', 'uastag1', 'call-busy', '486', 'Busy Here'],
      ['MESSAGE', 'fromtag-msg-404', '', 'msg-404', '403', 'Refused here'],
      ['MESSAGE', 'fromtag-msg-404', 'uastag1', 'msg-404', '404', 'Not Found'],
    ]);
    expect(EXTRA.map((c) => acc[0]![c])).toEqual(['alice', 'example.com', '127.0.0.1', 'bob', 'bob', '127.0.0.1']);
    // DATETIME as db_sqlite stores it: a Julian day (UTC), within the test's run.
    const julian = (ms: number): number => ms / 86400000 + 2440587.5;
    expect(acc[0]!.time as number).toBeGreaterThanOrEqual(julian(before - 1000));
    expect(acc[0]!.time as number).toBeLessThanOrEqual(julian(Date.now() + 1000));
    const missed = rows(path, 'missed_calls');
    expect(missed.map((r) => [r.method, r.callid, r.sip_code, r.sip_reason, r.to_tag, r.dst_user])).toEqual([['INVITE', 'call-busy', '486', 'Busy Here', 'uastag1', 'bob']]);
  }, 15000);

  it('a negative reply without failed_transaction_flag writes no acc row; a missing table is logged and routing goes on', async () => {
    const path = await database('nofail.db');
    const served = await serveScript(script(path, 'if (is_method("INVITE")) { setflag(1); }\n  if (is_method("MESSAGE")) { acc_db_request("a comment", "no_such_table"); }'));
    let got: string[];
    try {
      got = await playFlow(served.port, 27412, 27411);
      await wait(100);
    } finally {
      await served.stop();
    }
    expect(rows(path, 'acc').map((r) => [r.method, r.callid, r.sip_code])).toEqual([['INVITE', 'call-ok', '200']]);
    expect(rows(path, 'missed_calls')).toEqual([]);
    expect(served.logs.join('')).toMatch(/acc: failed to insert into table no_such_table \(Call-ID msg-404\)/);
    expect(got).toContain('UAC< SIP/2.0 404 Not Found');
  }, 15000);

  it.each([
    ['cdr_enable', '1', 'cdr_enable: CDRs (they need the dialog module) is not provided'],
    ['report_ack', '1', 'report_ack: accounting end-to-end ACKs is not provided'],
    ['log_flag', '40', 'log_flag 40: a flag is 0..31'],
    ['log_facility', '"LOG_NOPE"', 'log_facility "LOG_NOPE": not a syslog facility'],
    ['log_extra', '"ua=User-Agent"', 'log_extra "ua=User-Agent": expected name=$pseudo-variable'],
  ])('%s %s refuses the start', async (name, value, message) => {
    await expect(serveScript(`loadmodule "tm.so"\nloadmodule "pv.so"\nloadmodule "acc.so"\nmodparam("acc", "${name}", ${value})\nrequest_route { exit; }`)).rejects.toThrow(message);
  });

  it('without tm: refused at start', async () => {
    await expect(serveScript(`loadmodule "acc.so"\nrequest_route { exit; }`)).rejects.toThrow('load module tm before acc');
  });
});
