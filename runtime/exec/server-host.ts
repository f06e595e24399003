// What the process running a script offers the code that acts after a
// message's own run (tm's retransmissions, timeouts and reply handling):
// sending at once (told when it fails), connection aliases, timers, and
// running another route of the script. The
// server implements it over real sockets; `siprc exec` implements it offline.

import type { RouteType } from '../route-type.js';
import type { Endpoint, ExecContext, LocalIdentity, Sent } from './context.js';

export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  /** Calls `fn` once after `ms` milliseconds, unless cancelled first. */
  after(ms: number, fn: () => void): TimerHandle;
}

/** How a route run ended: `drop` (the message's default action is cancelled) or a return code. */
export interface RouteOutcome {
  readonly ended: 'return' | 'exit' | 'drop';
  readonly code: number;
}

export interface ServerHost {
  /** Sends a message now (it has been through onsend_route where that applies); its `failed` is called if it cannot be. */
  transmit(message: Sent): void;
  /** Makes a stream connection the one to use for `remote` too (a Via's `;alias`, force_tcp_alias). */
  aliasConnection(connection: number, remote: Endpoint): void;
  readonly timers: Timers;
  /** The listen sockets (with the ports they got) and the names that are this server, while serving; absent offline. */
  readonly serving?: LocalIdentity;
  /** Sends what the context queued and writes its log lines (for work done outside a message's own run). */
  flush(ctx: ExecContext): void;
  /**
   * Runs the script's route of this kind and name on the context and sends
   * what it queued; undefined when the script has no such route.
   */
  runRoute(kind: RouteType, name: string | undefined, ctx: ExecContext): RouteOutcome | undefined;
}

/** A host for offline runs: what is transmitted is collected, timers never fire, routes are run by `run`. */
export class OfflineHost implements ServerHost {
  readonly transmitted: Sent[] = [];
  readonly timers: Timers = { after: () => ({ cancel: () => undefined }) };

  flush(ctx: ExecContext): void {
    this.transmitted.push(...ctx.sent);
    ctx.sent.length = 0;
  }

  constructor(private readonly run: (kind: RouteType, name: string | undefined, ctx: ExecContext) => RouteOutcome | undefined = () => undefined) {}

  transmit(message: Sent): void {
    this.transmitted.push(message);
  }

  aliasConnection(): void {
    // Offline there are no connections.
  }

  runRoute(kind: RouteType, name: string | undefined, ctx: ExecContext): RouteOutcome | undefined {
    return this.run(kind, name, ctx);
  }
}
