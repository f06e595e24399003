// The state one run of a script works on: the message and the script's
// changes to it, where it came from and arrived, the message flags, and what
// the run logged and would send.

import { MessageEdits } from '../sip/edits.js';
import type { SipMessage } from '../sip/message.js';
import type { Value } from '../vm/values.js';
import { AvpStore, XavpStore } from './avps.js';

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

/** A branch added to the request (append_branch, lookup): where it goes and with what. */
export interface Branch {
  readonly uri: string;
  readonly destination: string | undefined;
  readonly path: string | undefined;
  /** q value in thousandths (-1: none given). */
  readonly q: number;
  flags: number;
  readonly socket: string | undefined;
  readonly instance?: string;
  readonly ruid?: string;
}

/**
 * What outlives one message in a worker process: script variables ($var),
 * shared variables ($shv), and each module's process-wide state by name.
 */
export class WorkerState {
  readonly vars = new Map<string, Value>();
  readonly shared = new Map<string, Value>();
  readonly modules = new Map<string, unknown>();
}

export class ExecContext {
  readonly edits: MessageEdits;
  /** Message flags (setflag). */
  flags = 0;
  /** Branch flags of the first branch, the message itself (setbflag). */
  branchFlags = 0;
  /** Script flags (setsflag): per message, not kept with the transaction. */
  scriptFlags = 0;
  /** The return code of the last action ($rc), kept by the VM. */
  rc = 1;
  readonly avps = new AvpStore();
  readonly xavps = new XavpStore();
  /** Branches added besides the Request-URI itself. */
  readonly branches: Branch[] = [];
  /** The route type running now (request, reply, failure, branch, onsend, event...). */
  routeType = 'request';
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
    readonly worker: WorkerState = new WorkerState(),
    /** When the message was received (ms since the epoch): $Ts, $TS and $Tf read it. */
    readonly received: number = Date.now(),
  ) {
    this.edits = new MessageEdits(message);
  }

  /** Whether host[:port] names this server (`myself`). */
  isMyself(host: string, port: number | undefined): boolean {
    const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return this.local.names.some((n) => n.host.toLowerCase() === h && (n.port === undefined || port === undefined || n.port === port));
  }
}
