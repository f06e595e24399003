// Test helper for tm and tmx: a script served offline. Messages are handed
// to it as a transport would (requests through request_route, replies
// through reply_route and then tm), what it sends is collected, and its
// timers run on a clock the test advances.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../../cli/compile.js';
import { prepare, type Prepared } from '../../../cli/prepare.js';
import { localIdentity } from '../../../cli/script-settings.js';
import { ExecContext, WorkerState, type Endpoint, type LocalIdentity, type Sent, type Transport } from '../../../runtime/exec/context.js';
import { findRoute } from '../../../runtime/exec/run.js';
import type { RouteOutcome, ServerHost, TimerHandle, Timers } from '../../../runtime/exec/server-host.js';
import type { RouteType } from '../../../runtime/route-type.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-tm-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let scripts = 0;

/** Timers on a clock that moves only when the test advances it. */
export class FakeTimers implements Timers {
  now = 0;
  private pending: Array<{ at: number; seq: number; fn: () => void; cancelled: boolean }> = [];
  private seq = 0;

  after(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.now + ms, seq: this.seq++, fn, cancelled: false };
    this.pending.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Runs, in order, every timer due within `ms` from now. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.pending.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.now = due.at;
      due.fn();
    }
    this.now = end;
    this.pending = this.pending.filter((t) => !t.cancelled);
  }

  get size(): number {
    return this.pending.filter((t) => !t.cancelled).length;
  }
}

/** A message the proxy sent: where to, and its text. */
export interface Out {
  readonly to: string;
  readonly text: string;
}

/** The proxy's own address: what its Via and Record-Route name. */
export const PROXY: Endpoint = { address: '127.0.0.1', port: 5060 };

export class Proxy implements ServerHost {
  readonly timers = new FakeTimers();
  readonly worker = new WorkerState();
  /** Everything sent, in order; `take()` empties it. */
  readonly out: Out[] = [];
  readonly logs: string[] = [];
  private readonly prepared: Prepared;
  private readonly identity: LocalIdentity;

  constructor(script: string) {
    const path = join(dir, `s${scripts++}.cfg`);
    writeFileSync(path, `listen=udp:${PROXY.address}:${PROXY.port}\n${script}`);
    const checked = compileFile(path, []);
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
    const prepared = prepare(checked, 'test', false);
    if ('error' in prepared) throw new Error(prepared.error);
    this.prepared = prepared;
    this.identity = localIdentity(checked);
    this.worker.host = this;
  }

  transmit(message: Sent): void {
    this.out.push({ to: `${message.to.address}:${message.to.port}`, text: message.data.toString('latin1') });
  }

  aliasConnection(): void {
    // No connections offline.
  }

  flush(ctx: ExecContext): void {
    for (const line of ctx.logs) this.logs.push(line.text.replace(/\n$/, ''));
    ctx.logs.length = 0;
    for (const message of ctx.sent) this.transmit(message);
    ctx.sent.length = 0;
  }

  runRoute(kind: RouteType, name: string | undefined, ctx: ExecContext): RouteOutcome | undefined {
    const index = findRoute(this.prepared.runner.program, kind, name);
    return index < 0 ? undefined : this.prepared.runner.run(index, ctx, false).result;
  }

  /** Hands the proxy a message from `from` (host:port), as its transport would. */
  receive(text: string, from: string, proto: Transport = 'udp'): void {
    const message = SipMessage.parse(Buffer.from(text, 'latin1'));
    if (isSipError(message)) throw new Error(`not a SIP message: ${message.reason}`);
    const [address, port] = from.split(':');
    const ctx = new ExecContext(message, { address: address!, port: Number(port) }, proto, this.identity, this.worker);
    ctx.debugLevel = 3;
    const program = this.prepared.runner.program;
    const route = findRoute(program, message.isRequest ? 'request' : 'reply', undefined);
    this.prepared.runner.run(route < 0 ? undefined : route, ctx);
    this.flush(ctx);
  }

  /** What was sent since the last take, and forgets it. */
  take(): Out[] {
    return this.out.splice(0);
  }

  /** The first lines of what was sent since the last take (`to first-line`). */
  takeLines(): string[] {
    return this.take().map((o) => `${o.to} ${o.text.split('\r\n')[0]}`);
  }

  /** The log lines so far, and forgets them. */
  takeLogs(): string[] {
    return this.logs.splice(0);
  }
}

/** The client and the next hops around the proxy. */
export const UAC = '127.0.0.1:5070';
export const BOB = '127.0.0.1:5080';
export const CAROL = '127.0.0.1:5090';

/** A request from the client at UAC. */
export function request(method: string, options: { callId?: string; branch?: string; cseq?: number; uri?: string; extra?: readonly string[] } = {}): string {
  return [
    `${method} ${options.uri ?? `sip:bob@${BOB}`} SIP/2.0`,
    `Via: SIP/2.0/UDP ${UAC};branch=${options.branch ?? 'z9hG4bK-c1'}`,
    'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=a1',
    'To: <sip:bob@example.com>',
    `Call-ID: ${options.callId ?? 'call-1'}`,
    `CSeq: ${options.cseq ?? 1} ${method}`,
    ...(options.extra ?? []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** A reply to a request the proxy sent (its Vias, From, To with a tag, Call-ID and CSeq copied). */
export function reply(sent: string, code: number, reason: string, extra: readonly string[] = []): string {
  const lines = sent.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
  const kept = lines
    .filter((l) => /^(via|from|to|call-id|cseq):/i.test(l))
    .map((l) => (/^to:/i.test(l) && code > 100 && !/;tag=/.test(l) ? `${l};tag=b1` : l));
  return [`SIP/2.0 ${code} ${reason}`, ...kept, ...extra, 'Content-Length: 0', '', ''].join('\r\n');
}

/** The header lines of a message, without its first line. */
export function headers(text: string): string[] {
  return text.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
}
