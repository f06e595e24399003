// `siprc db init|add|rm|passwd|list`: creates Kamailio 5.6's tables on the
// storage a db_url names and manages the subscriber table, as kamdbctl create
// and kamctl add/rm/passwd/show do for Kamailio: a subscriber row holds the
// username, the domain, the password (unless --no-plaintext) and the digests
// auth_db checks, ha1 = MD5(user:realm:password) and ha1b =
// MD5(user@domain:realm:password), the realm being the domain.

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import type { DbConnection } from '../modules/db/api.js';
import { connectDb } from '../modules/db/connect.js';
import { TABLES } from '../modules/db/schema.js';
import { parseDbUrl, redact } from '../modules/db/url.js';

/** The storage `siprc db` uses when neither --url nor SIPRC_DB_URL names one. */
export const DEFAULT_DB_URL = 'sqlite:///var/lib/siprc/siprc.db';

export interface DbOptions {
  readonly url: string;
}

/** What a db subcommand prints and its exit code (0 done, 1 refused or failed). */
export interface DbResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const done = (stdout: string): DbResult => ({ code: 0, stdout, stderr: '' });
const failed = (stderr: string): DbResult => ({ code: 1, stdout: '', stderr: `${stderr}\n` });

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** The subscriber row of an account: kamctl's columns and digests. */
export function subscriberRow(username: string, domain: string, password: string, plaintext = true): Record<string, string> {
  return {
    username,
    domain,
    password: plaintext ? password : '',
    ha1: md5(`${username}:${domain}:${password}`),
    ha1b: md5(`${username}@${domain}:${domain}:${password}`),
  };
}

/** USER@DOMAIN split; a string saying what is wrong otherwise. */
function account(text: string): { username: string; domain: string } | string {
  const at = text.indexOf('@');
  if (at <= 0 || at === text.length - 1) return `"${text}" is not USER@DOMAIN`;
  return { username: text.slice(0, at), domain: text.slice(at + 1) };
}

/** Connects, runs `use`, closes; a failure as the URL (password hidden) and the cause. */
async function withDb(url: string, use: (db: DbConnection) => Promise<DbResult>, create = false): Promise<DbResult> {
  let db: DbConnection | undefined;
  try {
    const parsed = parseDbUrl(url);
    // `init` makes the SQLite file's directory, as kamdbctl makes the file.
    if (create && parsed.scheme === 'sqlite') mkdirSync(dirname(parsed.database), { recursive: true });
    db = await connectDb(parsed);
    return await use(db);
  } catch (e) {
    const message = (e as Error).message;
    const shown = redact(url);
    const hint = /no such table|Table '.*' doesn't exist|relation ".*" does not exist/.test(message) ? ' (create the tables with `siprc db init`)' : '';
    return failed(`${message.includes(shown) ? message : `${shown}: ${message}`}${hint}`);
  } finally {
    await db?.close().catch(() => undefined);
  }
}

export function dbInit(options: DbOptions): Promise<DbResult> {
  return withDb(
    options.url,
    async (db) => {
      if (!db.createTables) return failed(`${db.url.redacted}: db_${db.url.scheme} cannot create tables`);
      await db.createTables();
      const versions: string[] = [];
      const mismatched: string[] = [];
      for (const table of TABLES) {
        const version = await db.tableVersion(table.name);
        versions.push(`${table.name} ${version}`);
        if (version !== table.version) mismatched.push(`${table.name} has version ${version ?? 'none'}, siprc uses ${table.version} (Kamailio 5.6)`);
      }
      if (mismatched.length > 0) return failed(`${db.url.redacted}: ${mismatched.join('; ')}`);
      return done(`${db.url.redacted}: tables ready (${versions.join(', ')})\n`);
    },
    true,
  );
}

async function exists(db: DbConnection, username: string, domain: string): Promise<boolean> {
  const where = [
    { column: 'username', value: username },
    { column: 'domain', value: domain },
  ];
  return (await db.query({ table: 'subscriber', columns: ['id'], where, limit: 1 })).length > 0;
}

export function dbAdd(user: string, password: string, options: DbOptions & { readonly plaintext: boolean }): Promise<DbResult> {
  const who = account(user);
  if (typeof who === 'string') return Promise.resolve(failed(who));
  return withDb(options.url, async (db) => {
    if (await exists(db, who.username, who.domain)) return failed(`${user} already exists in ${db.url.redacted}`);
    await db.insert('subscriber', subscriberRow(who.username, who.domain, password, options.plaintext));
    return done(`${user} added\n`);
  });
}

export function dbPasswd(user: string, password: string, options: DbOptions & { readonly plaintext: boolean }): Promise<DbResult> {
  const who = account(user);
  if (typeof who === 'string') return Promise.resolve(failed(who));
  return withDb(options.url, async (db) => {
    const { password: stored, ha1, ha1b } = subscriberRow(who.username, who.domain, password, options.plaintext);
    const where = [
      { column: 'username', value: who.username },
      { column: 'domain', value: who.domain },
    ];
    if ((await db.update('subscriber', where, { password: stored!, ha1: ha1!, ha1b: ha1b! })) === 0) return failed(`${user} is not in ${db.url.redacted}`);
    return done(`${user}: password changed\n`);
  });
}

export function dbRm(user: string, options: DbOptions): Promise<DbResult> {
  const who = account(user);
  if (typeof who === 'string') return Promise.resolve(failed(who));
  return withDb(options.url, async (db) => {
    const where = [
      { column: 'username', value: who.username },
      { column: 'domain', value: who.domain },
    ];
    if ((await db.delete('subscriber', where)) === 0) return failed(`${user} is not in ${db.url.redacted}`);
    return done(`${user} removed\n`);
  });
}

export function dbList(domain: string | undefined, options: DbOptions): Promise<DbResult> {
  return withDb(options.url, async (db) => {
    const where = domain === undefined ? [] : [{ column: 'domain', value: domain }];
    const rows = await db.query({ table: 'subscriber', columns: ['username', 'domain'], where });
    const accounts = rows.map((r) => `${String(r.username)}@${String(r.domain)}`).sort();
    return done(accounts.map((a) => `${a}\n`).join(''));
  });
}

/** Adds `siprc db ...` to the program; each subcommand's exit code goes to setExit. */
export function addDbCommand(program: Command, setExit: (code: number) => void): void {
  const report = (result: DbResult): void => {
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(`siprc: ${result.stderr}`);
    setExit(result.code);
  };
  const urlOption = (): Option =>
    new Option('--url <db_url>', 'the storage, as a db_url (sqlite:///path, mysql://user:password@host/db, postgres://..., redis://host:port/N)')
      .env('SIPRC_DB_URL')
      .default(DEFAULT_DB_URL);
  const db = program.command('db').description("create Kamailio 5.6's tables and manage subscribers (what kamdbctl create and kamctl add do)");
  db.command('init')
    .description('create the tables that are missing (version, location, location_attrs, subscriber, acc, missed_calls) and check the versions of those that exist')
    .addOption(urlOption())
    .action(async (options: DbOptions) => report(await dbInit(options)));
  db.command('add')
    .description('add a subscriber, with its password and the ha1/ha1b digests (realm: the domain)')
    .argument('<user@domain>', 'the account')
    .argument('<password>', 'its password')
    .addOption(urlOption())
    .option('--no-plaintext', 'store only the digests, with an empty password column (kamctl with STORE_PLAINTEXT_PW=0)')
    .action(async (user: string, password: string, options: DbOptions & { plaintext: boolean }) => report(await dbAdd(user, password, options)));
  db.command('passwd')
    .description("change a subscriber's password and digests")
    .argument('<user@domain>', 'the account')
    .argument('<password>', 'the new password')
    .addOption(urlOption())
    .option('--no-plaintext', 'store only the digests, with an empty password column')
    .action(async (user: string, password: string, options: DbOptions & { plaintext: boolean }) => report(await dbPasswd(user, password, options)));
  db.command('rm')
    .description('remove a subscriber')
    .argument('<user@domain>', 'the account')
    .addOption(urlOption())
    .action(async (user: string, options: DbOptions) => report(await dbRm(user, options)));
  db.command('list')
    .description('list the subscribers, as user@domain, one a line')
    .argument('[domain]', 'only those of this domain')
    .addOption(urlOption())
    .action(async (domain: string | undefined, options: DbOptions) => report(await dbList(domain, options)));
}
