// auth_db on a SQLite subscriber table (siprc alone; the commands are
// called one by one and awaited): the right and wrong passwords, a user not
// in the table, a username with @domain checked against ha1b,
// calculate_ha1 with the plain password, use_domain, load_credentials and
// force_generate_avps, auth_check's identity checks, is_subscriber, a
// table of another version, and a storage that cannot be opened.

import { answer, parseChallenge } from '../auth/digest-client.js';
import { linkScript, requestContext, subscriberDb, type Linked } from './harness.js';

const HEAD = (dbPath: string, modparams = ''): string => `loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
modparam("auth_db", "db_url", "sqlite://${dbPath}")
${modparams}
request_route { drop; }
`;

const USERS = [
  { username: 'alice', domain: 'example.com', password: 'secret', extra: { rpid: 'sip:+123@example.com', email_address: 'alice@example.com' } },
  { username: 'bob', domain: 'example.org', password: 'hunter2' },
];

const lines = (method: string, extra: readonly string[] = [], to = '<sip:alice@example.com>', from = '<sip:alice@example.com>;tag=f1'): string[] => [
  `${method} sip:example.com SIP/2.0`,
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
  `From: ${from}`,
  `To: ${to}`,
  'Call-ID: c1',
  `CSeq: 1 ${method}`,
  ...extra,
];

/** Asks for a challenge (www for REGISTER, else proxy) and answers it with the options; resolves with the code and the context. */
async function attempt(l: Linked, options: { method?: string; username?: string; password?: string; to?: string; from?: string; command?: [string, readonly unknown[]] } = {}) {
  const method = options.method ?? 'REGISTER';
  const kind = method === 'REGISTER' ? 'www' : 'proxy';
  const c = requestContext(l.worker, lines(method, [], options.to, options.from));
  expect(await l.call(c, 'auth', `${kind}_challenge`, ['example.com', 0])).toBe(1);
  const header = kind === 'www' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
  const challenge = parseChallenge(new RegExp(`\\r\\n${header}: (.*)\\r\\n`).exec(c.sent[0]!.data.toString('latin1'))![1]!);
  const auth = answer(challenge, { method, uri: 'sip:example.com', username: options.username, password: options.password });
  const ctx = requestContext(l.worker, lines(method, [`${kind === 'www' ? 'Authorization' : 'Proxy-Authorization'}: ${auth}`], options.to, options.from));
  const [name, args] = options.command ?? [`${kind}_authorize`, ['example.com', 'subscriber']];
  return { code: await l.call(ctx, 'auth_db', name, args), ctx };
}

describe('auth_db on SQLite', () => {
  let db: string;
  beforeAll(async () => {
    db = await subscriberDb(USERS, ['rpid', 'email_address']);
  });

  it('authenticates with ha1, refuses a wrong password and a user not in the table', async () => {
    const l = await linkScript(HEAD(db));
    expect((await attempt(l)).code).toBe(1);
    expect((await attempt(l, { password: 'wrong' })).code).toBe(-2);
    expect((await attempt(l, { username: 'carol' })).code).toBe(-3);
    expect((await attempt(l, { method: 'INVITE' })).code).toBe(1);
  });

  it('checks a username with @domain against ha1b (password_column_2), or computes HA1 with calculate_ha1', async () => {
    expect((await attempt(await linkScript(HEAD(db)), { username: 'alice@example.com' })).code).toBe(1);
    const plain = await linkScript(HEAD(db, 'modparam("auth_db", "calculate_ha1", 1)\nmodparam("auth_db", "password_column", "password")'));
    expect((await attempt(plain)).code).toBe(1);
    expect((await attempt(plain, { username: 'alice@example.com' })).code).toBe(1);
    expect((await attempt(plain, { password: 'nope' })).code).toBe(-2);
  });

  it('with use_domain looks the user up in the realm', async () => {
    const l = await linkScript(HEAD(db, 'modparam("auth_db", "use_domain", 1)'));
    expect((await attempt(l)).code).toBe(1);
    // bob is in example.org: not a subscriber of the realm example.com.
    expect((await attempt(l, { username: 'bob', password: 'hunter2', to: '<sip:bob@example.com>', from: '<sip:bob@example.com>;tag=1' })).code).toBe(-3);
  });

  it('loads load_credentials into AVPs when authenticated, and also on failure with force_generate_avps', async () => {
    const l = await linkScript(HEAD(db, 'modparam("auth_db", "load_credentials", "$avp(i:123)=rpid;email_address")'));
    const ok = await attempt(l);
    expect([ok.code, ok.ctx.avps.get('123'), ok.ctx.avps.get('email_address')]).toEqual([1, 'sip:+123@example.com', 'alice@example.com']);
    const failed = await attempt(l, { password: 'wrong' });
    expect([failed.code, failed.ctx.avps.get('123')]).toEqual([-2, null]);
    const forced = await attempt(await linkScript(HEAD(db, 'modparam("auth_db", "load_credentials", "rpid")\nmodparam("auth_db", "force_generate_avps", 1)')), { password: 'wrong' });
    expect([forced.code, forced.ctx.avps.get('rpid')]).toEqual([-2, 'sip:+123@example.com']);
  });

  it('auth_check: the authenticated user must be the one From (and To for REGISTER) names; flag 2 spares INVITE', async () => {
    const l = await linkScript(HEAD(db));
    const check = (flags: number): [string, readonly unknown[]] => ['auth_check', ['example.com', 'subscriber', flags]];
    expect((await attempt(l, { command: check(1) })).code).toBe(1);
    expect((await attempt(l, { command: check(1), to: '<sip:bob@example.com>' })).code).toBe(-8);
    expect((await attempt(l, { command: check(0), to: '<sip:bob@example.com>' })).code).toBe(1);
    expect((await attempt(l, { method: 'INVITE', command: check(1), from: '<sip:anonymous@anonymous.invalid>;tag=a' })).code).toBe(-8);
    expect((await attempt(l, { method: 'INVITE', command: check(3), from: '<sip:anonymous@anonymous.invalid>;tag=a' })).code).toBe(1);
  });

  it('is_subscriber: by user, by user and domain (flag 1), loading the credentials unless flag 2', async () => {
    const l = await linkScript(HEAD(db, 'modparam("auth_db", "load_credentials", "email_address")'));
    const ask = async (uri: string, flags: number) => {
      const ctx = requestContext(l.worker, lines('INVITE'));
      return [await l.call(ctx, 'auth_db', 'is_subscriber', [uri, 'subscriber', flags]), ctx.avps.get('email_address')];
    };
    expect(await ask('sip:alice@example.net', 0)).toEqual([1, 'alice@example.com']);
    expect(await ask('sip:alice@example.net', 1)).toEqual([-1, null]);
    expect(await ask('sip:alice@example.com', 3)).toEqual([1, null]);
    expect(await ask('sip:carol@example.com', 0)).toEqual([-1, null]);
    expect(await ask('not a uri', 0)).toEqual([-1, null]);
  });
});

describe('auth_db refuses', () => {
  it('a subscriber table of another version (unless version_table is 0), logging why', async () => {
    const db = await subscriberDb(USERS.map(({ extra: _extra, ...u }) => u));
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec("UPDATE version SET table_version = 6 WHERE table_name = 'subscriber'");
    raw.close();
    const l = await linkScript(HEAD(db));
    const r = await attempt(l);
    expect(r.code).toBe(-1);
    expect(r.ctx.logs.map((x) => x.text)).toEqual(['auth_db: table subscriber has version 6, auth_db needs version 7']);
    expect((await attempt(await linkScript(HEAD(db, 'modparam("auth_db", "version_table", 0)')))).code).toBe(1);
  });

  it('to start without auth, or with a load_credentials it cannot read', async () => {
    await expect(linkScript('loadmodule "sl.so"\nloadmodule "auth_db.so"\nrequest_route { drop; }')).rejects.toThrow(/module auth_db cannot start: auth_db checks credentials through the auth module/);
    await expect(linkScript(HEAD('/tmp/x.db', 'modparam("auth_db", "load_credentials", "$var(x)=rpid")'))).rejects.toThrow(/load_credentials: "\$var\(x\)" in "\$var\(x\)=rpid" is not \$avp\(name\)/);
  });

  it('a storage it cannot open: -1 and a log line naming it (never a crash)', async () => {
    const l = await linkScript(HEAD('/nonexistent/dir/x.db')).catch((e: Error) => e);
    if (l instanceof Error) {
      expect(l.message).toMatch(/module auth_db cannot start: cannot use sqlite:\/\/\/nonexistent\/dir\/x\.db/);
      return;
    }
    const r = await attempt(l);
    expect(r.code).toBe(-1);
    expect(r.ctx.logs[0]!.text).toMatch(/^auth_db: cannot use sqlite:\/\/\/nonexistent\/dir\/x\.db/);
  });
});
