// Test helper: serves a script with the SipServer on a free UDP port of
// 127.0.0.1 (or on the script's own listen= lines) and gives a client socket
// that sends to it and collects what comes back.

import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFileWithModules } from '../../../cli/compile.js';
import { prepare, stopModules } from '../../../cli/prepare.js';
import { enableReload } from '../../../cli/reload.js';
import { localIdentity } from '../../../cli/script-settings.js';
import { SipServer } from '../../../runtime/server/server.js';
import type { TcpOptions } from '../../../runtime/server/tcp.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-server-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let scripts = 0;

export interface Served {
  readonly server: SipServer;
  /** The port of the first socket bound. */
  readonly port: number;
  /** The server's log lines so far. */
  readonly logs: string[];
  /** The file served (rewrite it, then reload). */
  readonly path: string;
  /** Calls a control method (siprc.reload, stats.get_statistics...) as a control interface would. */
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Serve on the script's listen= lines (port 0: a free one) instead of one UDP socket on 127.0.0.1. */
  readonly ownListen?: boolean;
  readonly tcp?: Partial<TcpOptions>;
}

/**
 * Serves the script (its listen= lines are replaced by one UDP socket on a
 * free port unless `ownListen`).
 */
export async function serveScript(script: string, options: ServeOptions = {}): Promise<Served> {
  const path = join(dir, `s${scripts++}.cfg`);
  writeFileSync(path, script);
  const checked = await compileFileWithModules(path, []);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  const prepared = prepare(checked, 'test', false);
  if ('error' in prepared) throw new Error(prepared.error);
  const refused = await prepared.linked.ready;
  if (refused) throw new Error(refused);
  const logs: string[] = [];
  const own = localIdentity(checked);
  const identity = options.ownListen ? own : { ...own, sockets: [{ proto: 'udp' as const, address: '127.0.0.1', port: 0 }] };
  const server = new SipServer({
    runner: prepared.runner,
    identity,
    debugLevel: 3,
    maxBranches: 12,
    tcp: { lifetime: 10, connectTimeout: 2, ...options.tcp },
    write: (line) => void logs.push(line),
  });
  await server.start();
  const stopReloads = enableReload({ path, defines: [], checked, prepared }, server, prepared.linked.rpc, (line) => void logs.push(line));
  const port = Number(/:(\d+)$/.exec(server.listening[0]!)![1]);
  const stop = async (): Promise<void> => {
    stopReloads();
    await server.stop(0);
    await stopModules(prepared.linked.modules);
  };
  return { server, port, logs, path, rpc: (method, params = []) => prepared.linked.rpc.call(method, params), stop };
}

/** Messages received so far, and a wait for one that matches. */
export interface Inbox {
  readonly received: string[];
  /** Resolves with the first message received (so far or later) that matches, or rejects after `ms`. */
  waitFor(match: RegExp, ms?: number): Promise<string>;
}

/** An inbox and the function that delivers a message to it. */
export function inbox(): Inbox & { deliver(text: string): void } {
  const received: string[] = [];
  const waiters: Array<{ match: RegExp; resolve: (m: string) => void }> = [];
  return {
    received,
    deliver: (text) => {
      received.push(text);
      for (const w of [...waiters]) {
        if (w.match.test(text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(text);
        }
      }
    },
    waitFor: (match, ms = 3000) => {
      const already = received.find((m) => match.test(m));
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing matching ${match} within ${ms} ms; received:\n${received.join('\n---\n')}`)), ms);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

export interface Peer extends Inbox {
  readonly port: number;
  send(text: string, port: number): void;
  close(): void;
}

/** A UDP socket on a free port of 127.0.0.1 (or `host`) standing for a client or a server next to the proxy. */
export async function peer(host = '127.0.0.1'): Promise<Peer> {
  const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  const box = inbox();
  socket.on('message', (data) => box.deliver(data.toString('latin1')));
  return {
    port: socket.address().port,
    received: box.received,
    waitFor: box.waitFor,
    send: (text, port) => socket.send(Buffer.from(text, 'latin1'), port, host),
    close: () => socket.close(),
  };
}

/** A request from the peer at `port`, as SIPp would write it (`via`: another Via value before its branch). */
export function request(method: string, port: number, options: { callId?: string; branch?: string; extra?: string; uri?: string; via?: string } = {}): string {
  const callId = options.callId ?? `call-${Math.random().toString(36).slice(2)}`;
  return [
    `${method} ${options.uri ?? 'sip:bob@127.0.0.1'} SIP/2.0`,
    `Via: ${options.via ?? `SIP/2.0/UDP 127.0.0.1:${port}`};branch=${options.branch ?? `z9hG4bK${Math.random().toString(36).slice(2)}`}`,
    'Max-Forwards: 70',
    `From: <sip:alice@127.0.0.1>;tag=a1`,
    'To: <sip:bob@127.0.0.1>',
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    ...(options.extra ? [options.extra] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
