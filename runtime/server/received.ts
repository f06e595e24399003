// What the transports hand the server: one message's bytes with where it came
// from, over what, on which local socket (and connection, for TCP); and the
// server's log function.

import type { Endpoint, Transport } from '../exec/context.js';

export interface ReceivedBytes {
  readonly data: Buffer;
  readonly source: Endpoint;
  readonly proto: Transport;
  /** The local socket it arrived on. */
  readonly local: Endpoint;
  /** For TCP: the connection it came on. */
  readonly connection?: number;
}

export type Receiver = (message: ReceivedBytes) => void;

export type LogLevel = 'error' | 'warning' | 'notice' | 'info' | 'debug';

export type ServerLog = (level: LogLevel, text: string) => void;
