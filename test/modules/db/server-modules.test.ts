// db_postgres, db_mysql and db_redis as a script loads them: their
// parameters are checked at start (a bad one stops it, naming it), and
// db_redis's keys reach the connections redis:// db_urls open.

import { Redis } from 'ioredis';
import { link } from '../../../compiler/link.js';
import { connectDb } from '../../../modules/db/connect.js';
import { dbMysql } from '../../../modules/db_mysql/index.js';
import { dbPostgres } from '../../../modules/db_postgres/index.js';
import { dbRedis } from '../../../modules/db_redis/index.js';
import { checkText } from '../../helpers.js';
import { describeWithServer, startServer, type DbServer } from './servers.js';

const MODULES = [dbPostgres, dbMysql, dbRedis];

function start(module: string, modparams: string): ReturnType<typeof link> {
  const checked = checkText(`loadmodule "${module}.so"\n${modparams}request_route {\n drop;\n}\n`, { modules: MODULES });
  expect(checked.diagnostics).toEqual([]);
  return link(checked);
}

afterEach(() => {
  for (const m of MODULES) m.destroy!(undefined as never);
});

it('accepts the parameters Kamailio 5.6 documents', () => {
  expect('error' in start('db_postgres', 'modparam("db_postgres", "retries", 3)\nmodparam("db_postgres", "timeout", 10)\nmodparam("db_postgres", "tcp_keepalive", 600)\nmodparam("db_postgres", "lockset", 6)\nmodparam("db_postgres", "bytea_output_escape", 0)\nmodparam("db_postgres", "con_param", "connect_timeout=15;application_name=siprc")\n')).toBe(false);
  expect('error' in start('db_mysql', 'modparam("db_mysql", "ping_interval", 600)\nmodparam("db_mysql", "timeout_interval", 2)\nmodparam("db_mysql", "auto_reconnect", 0)\nmodparam("db_mysql", "insert_delayed", 1)\nmodparam("db_mysql", "update_affected_found", 1)\n')).toBe(false);
  expect('error' in start('db_redis', 'modparam("db_redis", "schema_path", "/usr/share/kamailio/db_redis/kamailio")\nmodparam("db_redis", "keys", "version=entry:table_name;location=entry:ruid&usrdom:username,domain")\nmodparam("db_redis", "verbosity", 0)\n')).toBe(false);
});

it('refuses to start on a bad con_param or keys, naming it', () => {
  expect(start('db_postgres', 'modparam("db_postgres", "con_param", "tcp_user_timeout=5000")\n')).toEqual({
    error: 'module db_postgres cannot start: con_param "tcp_user_timeout=5000": siprc does not apply "tcp_user_timeout" (it applies connect_timeout, application_name, options, keepalives, keepalives_idle, sslmode)',
  });
  expect(start('db_redis', 'modparam("db_redis", "keys", "location=entry:ruid&usrdom")\n')).toEqual({ error: 'module db_redis cannot start: keys "location=entry:ruid&usrdom": "usrdom" is not name:column,...' });
  expect(start('db_redis', 'modparam("db_redis", "keys", "acc=entry:id")\nmodparam("db_redis", "keys", "acc=entry:callid")\n')).toEqual({ error: 'module db_redis cannot start: keys "acc=entry:callid": the keys of acc are set twice' });
});

describeWithServer('redis')('db_redis loaded', () => {
  let server: DbServer;
  beforeAll(async () => {
    server = await startServer('redis', 26384);
  }, 60_000);
  afterAll(() => server?.destroy());

  it('keeps the rows of a redis:// db_url under the keys its keys parameter names', async () => {
    expect('error' in start('db_redis', 'modparam("db_redis", "keys", "subscriber=entry:id&dom:domain")\n')).toBe(false);
    const db = await connectDb(server.url);
    await db.insert('subscriber', { username: 'alice', domain: 'example.com' });
    await db.close();
    const raw = new Redis({ host: '127.0.0.1', port: server.port });
    expect((await raw.keys('subscriber:*')).sort()).toEqual(['subscriber::entries', 'subscriber::id', 'subscriber:dom::example.com', 'subscriber:entry::1']);
    raw.disconnect();
  });
});
