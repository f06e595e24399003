// The SIP server: receives messages from the transports, runs each through
// the script (the request route, or the reply route and then the modules that
// keep transactions), sends what the run queued and writes its log lines.
// Bad input never stops it: an unparseable request is answered 400 (505 for
// another SIP version) where a reply can be built, an unparseable reply is
// dropped, a run-time error in the script is logged with its route stack and
// position and the message is dropped. One process serves everything
// (children= is reported, not faked).

import { ExecContext, WorkerState, type Endpoint, type ListenSocket, type LocalIdentity, type Sent } from '../exec/context.js';
import { advertisedName } from '../exec/local-sockets.js';
import { findRoute, type ExecResult, type ScriptRunner } from '../exec/run.js';
import { replyAddress } from '../exec/reply.js';
import type { RouteOutcome, ServerHost } from '../exec/server-host.js';
import type { RouteType } from '../route-type.js';
import { cfgVars } from '../cfg-vars.js';
import { isSipError } from '../sip/errors.js';
import { viaParam } from '../sip/headers/via.js';
import { SipMessage } from '../sip/message.js';
import { countReceived } from '../stats/core.js';
import { VmError } from '../vm/host.js';
import { badRequestReply } from './bad-request.js';
import { transactionHeadersProblem } from './transaction-headers.js';
import { LEVEL_NUMBERS } from './log-levels.js';
import { Logger } from '../log/logger.js';
import type { ReceivedBytes, ServerLog } from './received.js';
import { ReceiveQueue } from './receive-queue.js';
import { TcpTransport, type TcpOptions } from './tcp.js';
import { TickTimers } from './tick-timers.js';
import { nameLookup } from './name-lookup.js';
import type { WireFilter } from '../exec/wire-filter.js';
import { UdpTransport } from './udp.js';
import { listenUdpAndTcp } from './listen-both.js';

export interface ServerOptions {
  readonly runner: ScriptRunner;
  /** The script's view of the server: listen sockets, names, Server header, server_id. */
  readonly identity: LocalIdentity;
  /** The script's debug level (log lines above it are not written). */
  readonly debugLevel: number;
  readonly maxBranches: number;
  readonly tcp: TcpOptions;
  /** Where log lines go (default: stderr). */
  readonly write?: (line: string) => void;
  /** Writes the log lines (stderr or syslog, text or json, per-module levels); default: `debugLevel` to `write`. */
  readonly logger?: Logger;
  /** log_prefix: evaluated on each message received, written before its log lines. */
  readonly logPrefix?: (ctx: ExecContext) => string;
}

export class SipServer implements ServerHost {
  readonly timers = new TickTimers((e) => this.log('error', `timer: ${(e as Error)?.stack ?? String(e)}`));
  readonly worker: WorkerState;
  private readonly udp: UdpTransport;
  private readonly tcp: TcpTransport;
  private readonly write: (line: string) => void;
  readonly logger: Logger;
  /** The log prefix of each message being handled (evaluated when it arrived). */
  private readonly prefixes = new WeakMap<ExecContext, string>();
  /** What runs new messages: the script's runner, until a reload replaces it. */
  private runner: ScriptRunner;
  private requestRoute: number;
  private replyRoute: number;
  private accepting = true;
  /** Set while the wire filter runs: what it sends goes out as it is. */
  private filtering = false;
  /** Messages whose route is waiting for a command (on storage); stopping lets them finish. */
  private readonly waiting = new Set<ExecContext>();
  private identity: LocalIdentity;
  /** The debug level in force: the script's, until cfg_rpc changes core's `debug` (runtime/cfg-vars.ts). */
  private debugLevel: number;

  constructor(private readonly options: ServerOptions) {
    this.write = options.write ?? ((line) => process.stderr.write(line));
    this.debugLevel = options.debugLevel;
    this.logger = options.logger ?? new Logger({ level: options.debugLevel, stderr: true }, { stderr: this.write });
    this.logger.follow(() => this.debugLevel);
    cfgVars.define({ group: 'core', name: 'debug', type: 'int', help: 'the log level: lines above it are not written', get: () => this.debugLevel, set: (v) => void (this.debugLevel = v as number) });
    this.worker = options.runner.worker ?? new WorkerState();
    this.identity = options.identity;
    const receive = (m: ReceivedBytes): void => this.receive(m);
    const lookup = nameLookup(this.worker.names);
    this.udp = new UdpTransport(receive, this.log, lookup);
    // TCP's messages are run a share per turn, so UDP's replies are not left behind a burst of them.
    const queue = new ReceiveQueue(receive, (full) => this.tcp.pauseReading(full), (e) => this.log('error', `tcp message: ${(e as Error)?.stack ?? String(e)}`));
    this.tcp = new TcpTransport(queue.push, this.log, options.tcp, lookup);
    this.worker.host = this;
    const statistics = options.runner.statistics;
    if (statistics) {
      this.worker.statistics = statistics;
      this.worker.core = statistics.group('core');
    }
    this.runner = options.runner;
    this.requestRoute = findRoute(options.runner.program, 'request', undefined);
    this.replyRoute = findRoute(options.runner.program, 'reply', undefined);
  }

  /**
   * Runs new messages with another program (a reload) bound to the same
   * modules; messages and transactions already started keep theirs.
   */
  replaceRunner(runner: ScriptRunner): void {
    this.runner = runner;
    this.requestRoute = findRoute(runner.program, 'request', undefined);
    this.replyRoute = findRoute(runner.program, 'reply', undefined);
  }

  /** Writes a server log line when its level is within the core's debug level. */
  readonly log: ServerLog = (level, text) => this.logger.write({ level: LEVEL_NUMBERS[level], text });

  /** The log prefix of the message a context handles: evaluated when it arrived, else now (timers, other routes). */
  private prefixOf(ctx: ExecContext): string | undefined {
    if (!this.options.logPrefix) return undefined;
    let prefix = this.prefixes.get(ctx);
    if (prefix === undefined) this.prefixes.set(ctx, (prefix = this.options.logPrefix(ctx)));
    return prefix;
  }

  /** The listen sockets (with the ports they got) and this server's names (corex's list_sockets and list_aliases). */
  get serving(): LocalIdentity {
    return this.identity;
  }

  /** Opens every listen socket (UDP, TCP or both when listen= names no protocol). */
  async start(): Promise<void> {
    const sockets: ListenSocket[] = [];
    for (const s of this.identity.sockets ?? []) {
      const requested: Endpoint = { address: s.address, port: s.port };
      let local = requested;
      if (s.proto === undefined) local = await listenUdpAndTcp(this.udp, this.tcp, requested);
      else if (s.proto === 'udp') local = await this.udp.listen(requested);
      else if (s.proto === 'tcp') local = await this.tcp.listen(requested);
      sockets.push({ ...s, port: local.port });
    }
    // A socket asked for port 0 is known by the port it got, for `myself` and our Via (and so is what it advertises without a port).
    const moved = sockets.filter((s, i) => s.port !== this.identity.sockets![i]!.port);
    const names = [...this.identity.names, ...moved.map((s) => ({ host: s.address, port: s.port })), ...moved.flatMap((s) => advertisedName(s) ?? [])];
    this.identity = { ...this.identity, sockets, names, socket: sockets[0] ?? this.identity.socket };
    this.identities = new WeakMap();
  }

  /** The sockets bound, as `proto:address:port`. */
  get listening(): string[] {
    return [...this.udp.bound.map((e) => `udp:${e.address}:${e.port}`), ...this.tcp.bound.map((e) => `tcp:${e.address}:${e.port}`)];
  }

  /** Stops receiving, gives pending timers and waiting routes up to `drainMs` to finish, then closes everything. */
  async stop(drainMs: number): Promise<void> {
    this.accepting = false;
    const deadline = Date.now() + drainMs;
    while ((this.timers.size > 0 || this.waiting.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    this.timers.clear();
    this.udp.close();
    this.tcp.close();
  }

  transmit(sent: Sent): void {
    const wire = this.runner.wireFilter;
    const message = wire && !this.filtering ? { ...sent, data: this.filter(wire, sent.data, false, sent.from ?? this.identity.socket, sent.to, sent.proto) } : sent;
    if (message.proto === 'tcp') this.tcp.send(message);
    else if (message.proto === 'udp') this.udp.send(message);
    else {
      this.log('error', `cannot send over ${message.proto} to ${message.to.address}:${message.to.port}: only udp and tcp are served`);
      message.failed?.(`${message.proto} is not served`);
    }
  }

  aliasConnection(connection: number, remote: Endpoint): void {
    this.tcp.alias(connection, remote);
  }

  flush(ctx: ExecContext): void {
    if (ctx.logs.length > 0) {
      const prefix = this.prefixOf(ctx);
      const callId = ctx.message.callId();
      for (const line of ctx.logs) this.logger.write({ ...line, prefix, callId: typeof callId === 'string' ? callId : undefined });
      ctx.logs.length = 0;
    }
    for (const message of ctx.sent) this.transmit(message);
    ctx.sent.length = 0;
  }

  runRoute(kind: RouteType, name: string | undefined, ctx: ExecContext): RouteOutcome | undefined {
    const runner = ctx.runner ?? this.runner;
    const index = findRoute(runner.program, kind, name);
    if (index < 0) return undefined;
    return this.guarded(ctx, () => runner.run(index, ctx, false).result);
  }

  /** Runs a route, turning a run-time error into a log line with where it happened; the message is then dropped. */
  private guarded(ctx: ExecContext, run: () => RouteOutcome): RouteOutcome {
    try {
      return run();
    } catch (e) {
      return this.failed(ctx, e);
    }
  }

  /** A route's run-time error: logged with where it happened, and what the route queued is not sent. */
  private failed(ctx: ExecContext, e: unknown): RouteOutcome {
    const error = e instanceof VmError ? e : new VmError((e as Error)?.message ?? String(e), -1, []);
    const where = error.pc >= 0 ? (ctx.runner ?? this.runner).describe?.(error.pc) : undefined;
    const text = `run-time error${where ? ` at ${where}` : ''}${error.routes.length ? ` (in ${error.routes.join(' > ')})` : ''}: ${error.message}; message dropped`;
    this.logger.write({ level: LEVEL_NUMBERS.error, text, prefix: this.prefixOf(ctx) });
    ctx.sent.length = 0;
    return { ended: 'drop', code: 0 };
  }

  /** The server's identity as seen from each socket (one object per socket, made on its first message). */
  private identities = new WeakMap<Endpoint, LocalIdentity>();

  private identityAt(socket: Endpoint): LocalIdentity {
    let local = this.identities.get(socket);
    if (!local) this.identities.set(socket, (local = { ...this.identity, socket }));
    return local;
  }

  private context(message: SipMessage, m: ReceivedBytes): ExecContext {
    const ctx = new ExecContext(message, m.source, m.proto, this.identityAt(m.local), this.worker);
    ctx.connection = m.connection;
    ctx.debugLevel = this.logger.maxLevel;
    ctx.maxBranches = this.options.maxBranches;
    ctx.runner = this.runner;
    ctx.whereIs = this.runner.whereIs;
    return ctx;
  }

  /** tcp_accept_aliases: a request whose top Via has `;alias` makes its connection the one for its source address at the Via's port. */
  private acceptAlias(message: SipMessage, connection: number, source: Endpoint): void {
    const via = message.via();
    if (via && !isSipError(via) && viaParam(via, 'alias') !== undefined) this.tcp.alias(connection, { address: source.address, port: via.port ?? 5060 });
  }

  /** One message from a transport. */
  /** Received bytes as the modules' wire filter leaves them (corex's event_route[network:msg]). */
  private filtered(m: ReceivedBytes): ReceivedBytes {
    return { ...m, data: this.filter(this.runner.wireFilter!, m.data, true, m.local, m.source, m.proto) };
  }

  /** Runs the wire filter; what it sends itself is not filtered again, and a failure leaves the bytes as they were. */
  private filter(wire: WireFilter, data: Buffer, incoming: boolean, socket: Endpoint, peer: Endpoint, proto: Sent['proto']): Buffer {
    this.filtering = true;
    try {
      return wire(data, incoming, { worker: this.worker, local: { ...this.identity, socket }, peer, proto, debugLevel: this.logger.maxLevel });
    } catch (e) {
      this.log('error', `network:msg: ${(e as Error)?.message ?? String(e)}; the data is used as it was`);
      return data;
    } finally {
      this.filtering = false;
    }
  }

  /** A message that cannot be served: answered 400 (505) with the reason where a reply can be built, else dropped; logged either way. */
  private refuse(m: ReceivedBytes, problem: string): void {
    const reply = badRequestReply(m.data, problem);
    this.log('warning', `bad message from ${m.proto}:${m.source.address}:${m.source.port}: ${problem}${reply ? `; answered ${reply.status}` : '; dropped'}`);
    if (reply) this.transmit({ to: replyAddress(m.source, reply.via.port, reply.via.rport), proto: m.proto, data: reply.data, from: m.local, connection: m.connection });
  }

  receive(received: ReceivedBytes): void {
    if (!this.accepting) return;
    const m = this.runner.wireFilter && !this.filtering ? this.filtered(received) : received;
    const message = SipMessage.parse(m.data);
    if (isSipError(message)) return this.refuse(m, message.reason);
    const problem = message.isRequest ? transactionHeadersProblem(message) : undefined;
    if (problem !== undefined) {
      this.worker.core.add('bad_msg_hdr');
      return this.refuse(m, problem);
    }
    countReceived(this.worker.core, message);
    if (message.isRequest && m.connection !== undefined && this.options.tcp.acceptAliases) this.acceptAlias(message, m.connection, m.source);
    const ctx = this.context(message, m);
    this.prefixOf(ctx);
    const route = message.isRequest ? this.requestRoute : this.replyRoute;
    if (message.isRequest && route < 0) return;
    let started;
    try {
      started = this.runner.start(route < 0 ? undefined : route, ctx);
    } catch (e) {
      this.failed(ctx, e);
    }
    if (started instanceof Promise) {
      // The route waits (on storage): the message is finished when it has run to its end.
      this.waiting.add(ctx);
      started.then((r) => this.ended(ctx, r), (e: unknown) => this.failed(ctx, e)).finally(() => {
        this.waiting.delete(ctx);
        this.flush(ctx);
      });
      return;
    }
    if (started) this.ended(ctx, started);
    this.flush(ctx);
  }

  /** A message's route has ended: errors it went on after (a runaway while loop) are logged, a drop is counted (drop_requests, drop_replies). */
  private ended(ctx: ExecContext, run: ExecResult): void {
    for (const e of run.errors) {
      const where = (ctx.runner ?? this.runner).describe?.(e.pc);
      this.logger.write({ level: LEVEL_NUMBERS.warning, text: `${where ? `${where}: ` : ''}${e.message}`, prefix: this.prefixOf(ctx) });
    }
    if (run.result.ended === 'drop') this.worker.core.add(ctx.message.isRequest ? 'drop_requests' : 'drop_replies');
  }
}
