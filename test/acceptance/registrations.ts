// Helpers for the registration acceptance tests: `siprc run` started within a
// time limit, and SIPp phones (examples/sipp/) that register with digest
// authentication and call each other through it. Each SIPp run is bounded in
// time; one that does not complete throws with SIPp's messages and the
// proxy's log, so a CI failure says what went wrong on the wire.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DbRow } from '../../modules/db/api.js';
import { connectDb } from '../../modules/db/connect.js';
import { hasSipp, outcome, runSipp, startSiprc, type RunningServer, type SippResult } from './sipp-harness.js';

/** A SIPp phone: the account it authenticates as and the loopback port it uses (its Contact when registered). */
export interface Phone {
  readonly user: string;
  readonly password: string;
  readonly port: number;
}

/** What the tests assert of a SIPp run. */
export interface Completed {
  readonly successful: number;
  readonly failed: number;
}

/** Debian's stock script, served unchanged. */
export const STOCK_CFG = '/etc/kamailio/kamailio.cfg';

const scenario = (name: string): string => resolve('examples/sipp', name);
/** Where SIPp's message traces go: made by the first run (a file whose tests are all skipped makes none). */
let traces: string | undefined;
afterAll(() => traces && rmSync(traces, { recursive: true, force: true }));
let traced = 0;

/** The end of a text, for error messages. */
const tail = (text: string, max = 6000): string => (text.length > max ? `...${text.slice(-max)}` : text);

/** `siprc run FILE ARGS...`, failing (and stopping it) when it does not serve within `ms`. */
export async function serveWithin(file: string, args: readonly string[], ms = 60_000): Promise<RunningServer> {
  let timer: NodeJS.Timeout | undefined;
  const starting = startSiprc(file, args);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`siprc run ${file} ${args.join(' ')} did not serve within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([starting, timeout]);
  } catch (error) {
    // A start that did come late is stopped, not left running.
    void starting.then((server) => server.stop(), () => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a server, failing with its log when it does not exit cleanly. */
export async function stopServer(server: RunningServer | undefined): Promise<void> {
  if (!server) return;
  const code = await server.stop();
  if (code !== 0) throw new Error(`siprc run exited with ${code}:\n${tail(server.log())}`);
}

/** Runs one SIPp scenario (one call, at most `seconds`), tracing its messages to a file. */
async function sipp(name: string, args: readonly string[], seconds: number): Promise<{ result: SippResult; messages: () => string }> {
  traces ??= mkdtempSync(join(tmpdir(), 'siprc-phones-'));
  const file = join(traces, `${name}-${traced++}.log`);
  const result = await runSipp([...args, '-m', '1', '-timeout', `${seconds}s`, '-timeout_error', '-trace_msg', '-message_file', file]);
  return { result, messages: () => (existsSync(file) ? readFileSync(file, 'latin1') : '(no message trace)') };
}

/** The run's figures; throws with SIPp's output, its messages and the proxy's log unless it completed its one call. */
function completed(what: string, run: { result: SippResult; messages: () => string }, server: RunningServer): Completed {
  const figures = outcome(run.result);
  if (run.result.code === 0 && figures.successful === 1 && figures.failed === 0) return { successful: 1, failed: 0 };
  throw new Error(
    `${what}: SIPp exited with ${run.result.code} (${JSON.stringify(figures)})\n` +
      `--- SIPp output ---\n${tail(run.result.output, 3000)}\n--- SIPp messages ---\n${tail(run.messages())}\n--- siprc log ---\n${tail(server.log())}`,
  );
}

/** The phone registers its own address at the proxy: REGISTER, 401, REGISTER with credentials, 200. */
export async function register(server: RunningServer, proxyPort: number, phone: Phone): Promise<Completed> {
  const run = await sipp(`register-${phone.user}`, [
    `127.0.0.1:${proxyPort}`, '-sf', scenario('uac-register-auth.xml'), '-i', '127.0.0.1', '-p', String(phone.port), '-mp', String(phone.port + 500),
    '-key', 'user', phone.user, '-au', phone.user, '-ap', phone.password,
  ], 30);
  return completed(`${phone.user} registering through 127.0.0.1:${proxyPort}`, run, server);
}

/**
 * `caller` calls `callee` by its address of record at the proxy
 * (sip:CALLEE@127.0.0.1:PORT): the callee answers on its registered port;
 * the caller authenticates its INVITE (407), gets 200, sends ACK and BYE
 * through the proxy. Both sides must complete the call.
 */
export async function call(server: RunningServer, proxyPort: number, caller: Phone, callee: Phone): Promise<{ caller: Completed; callee: Completed }> {
  const answering = sipp(`answer-${callee.user}`, ['-sf', scenario('uas-answer.xml'), '-i', '127.0.0.1', '-p', String(callee.port), '-mp', String(callee.port + 500)], 40);
  // Let the callee's socket open before the call can reach it.
  await new Promise((r) => setTimeout(r, 1000));
  const calling = await sipp(`call-${caller.user}`, [
    `127.0.0.1:${proxyPort}`, '-sf', scenario('uac-call-auth.xml'), '-i', '127.0.0.1', '-p', String(caller.port), '-mp', String(caller.port + 500),
    '-s', callee.user, '-key', 'user', caller.user, '-au', caller.user, '-ap', caller.password,
  ], 30);
  const answered = await answering;
  return {
    caller: completed(`${caller.user} calling ${callee.user} through 127.0.0.1:${proxyPort}`, calling, server),
    callee: completed(`${callee.user} answering ${caller.user}'s call through 127.0.0.1:${proxyPort}`, answered, server),
  };
}

/** Runs the bundled `siprc db ARGS...`; its output, or an error with it when it fails. */
export function siprcDb(args: readonly string[]): string {
  const r = spawnSync(process.execPath, ['bin/siprc.cjs', 'db', ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`siprc db ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The location rows of `username` in the storage a db_url names: where the registrar keeps its contacts. */
export async function locationRows(url: string, username: string): Promise<DbRow[]> {
  const db = await connectDb(url);
  try {
    return await db.query({ table: 'location', columns: ['username', 'contact', 'socket'], where: [{ column: 'username', value: username }] });
  } finally {
    await db.close();
  }
}

/**
 * `base` when SIPp and the stock script are installed; else describe.skip
 * (in CI a missing package is an error: .ci/run installs them).
 */
export function describeStock(base: jest.Describe): jest.Describe {
  const absent = !hasSipp ? 'SIPp (Debian package sip-tester)' : !existsSync(STOCK_CFG) ? `${STOCK_CFG} (Debian package kamailio)` : undefined;
  if (absent !== undefined) {
    if (process.env.CI) throw new Error(`${absent} is missing: CI must install it (.ci/run)`);
    return describe.skip;
  }
  return base;
}
