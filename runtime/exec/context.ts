// The state one run of a script works on: the message and the script's
// changes to it, where it came from and arrived, the message flags, and what
// the run logged and would send.

import { MessageEdits } from '../sip/edits.js';
import type { SipMessage } from '../sip/message.js';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type Transport = 'udp' | 'tcp' | 'tls' | 'sctp' | 'ws' | 'wss';

/** A message the script would send, in wire form. */
export interface Sent {
  readonly to: Endpoint;
  readonly proto: Transport;
  readonly data: Buffer;
}

export interface LogLine {
  readonly level: number;
  readonly text: string;
}

/** The script's view of the server: its own addresses and names (for `myself`). */
export interface LocalIdentity {
  /** The socket the message arrived on. */
  readonly socket: Endpoint;
  /** Host names and addresses that are this server, with their port (undefined: any). */
  readonly names: ReadonlyArray<{ readonly host: string; readonly port: number | undefined }>;
}

export class ExecContext {
  readonly edits: MessageEdits;
  flags = 0;
  /** force_rport / add_rport: the previous hop's Via gets rport as if it had asked. */
  forceRport = false;
  /** add_local_rport: our own Via asks the next hop for rport. */
  localRport = false;
  /** set_advertised_address / set_advertised_port: what our Via says instead of the socket's address and port. */
  advertisedAddress: string | undefined;
  advertisedPort: number | undefined;
  /** force_send_socket: the local socket requests are sent from (the check makes sure it is one of ours). */
  sendSocket: { readonly address: string; readonly port: number; readonly proto: Transport | undefined } | undefined;
  readonly logs: LogLine[] = [];
  readonly sent: Sent[] = [];
  /** While onsend_route runs: the socket sending and where to (snd_ip, to_ip, ...). */
  sending: { readonly from: Endpoint; readonly to: Endpoint; readonly proto: Transport } | undefined;
  /**
   * Called before a request is sent; false when the script's onsend_route
   * dropped it. Set by the runner when the script has an onsend_route.
   */
  onSend: ((message: Sent) => boolean) | undefined;
  /** Per-message state of modules, by module name (what Kamailio keeps in the message). */
  readonly state = new Map<string, unknown>();

  constructor(
    readonly message: SipMessage,
    readonly source: Endpoint,
    readonly proto: Transport,
    readonly local: LocalIdentity,
  ) {
    this.edits = new MessageEdits(message);
  }

  /** Whether host[:port] names this server (`myself`). */
  isMyself(host: string, port: number | undefined): boolean {
    const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return this.local.names.some((n) => n.host.toLowerCase() === h && (n.port === undefined || port === undefined || n.port === port));
  }
}
