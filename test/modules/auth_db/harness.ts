// Test helper: a script linked with siprc's modules (auth, auth_db, ...)
// whose commands a test calls one by one on a message and awaits, and a
// SQLite file with Kamailio 5.6's subscriber table (made through the
// storage layer) holding the users a test adds.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { compileFile } from '../../../cli/compile.js';
import { link } from '../../../compiler/link.js';
import { connectDb } from '../../../modules/db/connect.js';
import { tableSchema } from '../../../modules/db/schema.js';
import { ExecContext, WorkerState } from '../../../runtime/exec/context.js';
import { SipMessage } from '../../../runtime/sip/message.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-auth-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

export const md5 = (text: string): string => createHash('md5').update(text, 'latin1').digest('hex');

export interface User {
  readonly username: string;
  readonly domain: string;
  readonly password: string;
  readonly extra?: Record<string, string | number | null>;
}

/** A SQLite file with the subscriber table and the users, ha1 and ha1b computed as kamctl does for the realm = domain; returns its path. */
export async function subscriberDb(users: readonly User[], extraColumns: readonly string[] = []): Promise<string> {
  const path = join(dir, `db${files++}.sqlite`);
  const db = await connectDb(`sqlite://${path}`);
  await db.createTables!([tableSchema('version')!, tableSchema('subscriber')!]);
  await db.close();
  // Extra columns (rpid, email_address) are added with SQL, as an operator would.
  if (extraColumns.length > 0) {
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    for (const column of extraColumns) raw.exec(`ALTER TABLE subscriber ADD COLUMN ${column} VARCHAR(64) DEFAULT NULL`);
    raw.close();
  }
  const again = await connectDb(`sqlite://${path}`);
  for (const u of users) {
    await again.insert('subscriber', {
      username: u.username,
      domain: u.domain,
      password: u.password,
      ha1: md5(`${u.username}:${u.domain}:${u.password}`),
      ha1b: md5(`${u.username}@${u.domain}:${u.domain}:${u.password}`),
      ...u.extra,
    });
  }
  await again.close();
  return path;
}

export interface Linked {
  /** Runs a command of a module on the context; resolves with its return code. */
  call(ctx: ExecContext, module: string, name: string, args: readonly unknown[]): Promise<number>;
  readonly worker: WorkerState;
}

/** Compiles and links the script; throws with the errors or the refusal to start. */
export async function linkScript(script: string): Promise<Linked> {
  const path = join(dir, `s${files++}.cfg`);
  writeFileSync(path, script);
  const checked = compileFile(path, []);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  const linked = link(checked);
  if ('error' in linked) throw new Error(linked.error);
  const ready = (linked as { ready?: Promise<string | undefined> }).ready;
  const refused = ready ? await ready : undefined;
  if (refused) throw new Error(refused);
  const worker = new WorkerState();
  return {
    worker,
    call: async (ctx, module, name, args) => {
      const command = linked.commands(module, name, args.length);
      if (!command) throw new Error(`no command ${module}.${name}/${args.length}`);
      return await command(ctx, [...args]);
    },
  };
}

/** A request's context, received from 127.0.0.1:5070 over UDP. */
export function requestContext(worker: WorkerState, lines: readonly string[]): ExecContext {
  const text = [...lines, 'Content-Length: 0', '', ''].join('\r\n');
  return new ExecContext(SipMessage.parse(Buffer.from(text, 'latin1')) as SipMessage, { address: '127.0.0.1', port: 5070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [] }, worker);
}
