// A module's look at raw network bytes (corex's nio_intercept and
// event_route[network:msg]): what was received, before it is parsed, and
// what is about to be sent, after everything else; it returns the bytes to
// use instead.

import type { Endpoint, LocalIdentity, Transport, WorkerState } from './context.js';

export interface WireSite {
  readonly worker: WorkerState;
  /** The server's identity, with the socket the bytes arrived on or leave from. */
  readonly local: LocalIdentity;
  /** The other end: where the bytes came from, or go to. */
  readonly peer: Endpoint;
  readonly proto: Transport;
  /** The log level in force, for what the filter's route logs. */
  readonly debugLevel: number;
}

export type WireFilter = (data: Buffer, incoming: boolean, site: WireSite) => Buffer;
