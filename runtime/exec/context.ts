// The state one run of a script works on: the message and the script's
// changes to it, where it came from and arrived, the message flags, and what
// the run logged and would send.

import { SmallMap } from '../small-map.js';
import { StaticNames } from './static-names.js';
import { MessageEdits } from '../sip/edits.js';
import type { SipMessage } from '../sip/message.js';
import { AvpStore, XavpStore, XavuStore } from './avps.js';
import { declareCore } from '../stats/core.js';
import { StatGroup, type StatisticsRegistry } from '../stats/registry.js';
import type { ScriptRunner } from './run.js';
import { OfflineHost, type ServerHost } from './server-host.js';
import { VariableStore } from './variables.js';

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
  /** The local socket to send from (absent: the transport's choice). */
  readonly from?: Endpoint;
  /** For stream transports: the connection to prefer (the one the request came on, for its replies). */
  readonly connection?: number;
  /** Called when it cannot be sent (connection refused, connect timeout, no socket for it), with why. */
  readonly failed?: (reason: string) => void;
  /** For stream transports: send only over a connection already open, never open one (set_reply_no_connect, set_forward_no_connect). */
  readonly noConnect?: boolean;
  /** For stream transports: close the connection once this is written (set_reply_close, set_forward_close). */
  readonly closeAfter?: boolean;
}

/** How stream connections are used for what a message causes to be sent (see ExecContext.streamUse). */
export interface StreamUse {
  readonly replyNoConnect?: true;
  readonly replyClose?: true;
  readonly forwardNoConnect?: true;
  readonly forwardClose?: true;
}

export interface LogLine {
  readonly level: number;
  readonly text: string;
  /** The syslog facility, when the line names one (xlog's facility argument or log_facility). */
  readonly facility?: string;
  /** The module that logs it, when not the core (per-module levels: the debugger module's mod_level). */
  readonly module?: string;
  /** What the line says instead of its level's name (the debugger module's log_level_name). */
  readonly label?: string;
}

/** A socket the server listens on (listen=), with the name the script gives it. */
export interface ListenSocket {
  /** undefined: listen= named no protocol (every protocol enabled). */
  readonly proto: Transport | undefined;
  readonly address: string;
  readonly port: number;
  readonly name?: string;
  /** `advertise host[:port]`: what Via and Record-Route name instead (port absent: the socket's own). */
  readonly advertise?: { readonly address: string; readonly port: number | undefined };
}

/** A host name or address that is this server: with its port and protocol (undefined: any), and its sub-domains too when `subdomains` is set. */
export interface MyselfName {
  readonly host: string;
  readonly port: number | undefined;
  readonly proto?: Transport;
  readonly subdomains?: boolean;
}

/** The script's view of the server: its own addresses and names (for `myself`). */
export interface LocalIdentity {
  /** The socket the message arrived on. */
  readonly socket: Endpoint;
  /** Host names and addresses that are this server, with their port and protocol (undefined: any). */
  readonly names: readonly MyselfName[];
  /** The listen sockets in the order the script lists them (absent: `socket` alone). */
  readonly sockets?: readonly ListenSocket[];
  /**
   * The Server header line of local replies, as server_header and
   * server_signature set it: absent for siprc's default, null for none.
   */
  readonly serverHeader?: string | null;
  /** The server_id core parameter (0 or absent: none). */
  readonly serverId?: number;
  /** log_stderror: the script logs to stderr, not to syslog (xlog's $C colours only then, unless forced). */
  readonly logStderror?: boolean;
  /** The XAVP whose first item's fields via_add_xavp_params adds to our Via (as xavp_via_params names it). */
  readonly xavpViaParams?: string;
  /** The configuration group instances the script declares (`group[id].name = value`), as `group[id]`. */
  readonly cfgInstances?: ReadonlySet<string>;
}

/** Where an instruction is in the script: its file and line, the route it is in, and the script's main file. */
export interface ScriptPosition {
  readonly file: string;
  readonly line: number;
  readonly route: string | undefined;
  readonly main: string;
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
  /** $var and $vz (one set of variables, 0 until set). */
  readonly vars = new VariableStore();
  /** $vn: variables of their own, null until set. */
  readonly nullableVars = new VariableStore();
  readonly shared = new VariableStore();
  readonly modules = new Map<string, unknown>();
  /** The script's statistics groups, when a server runs it (modules count into their groups here from timers and replies). */
  statistics: StatisticsRegistry | undefined;
  /** The core's statistics (the script's `core` group when a server runs it, see runtime/stats). */
  core: StatGroup = declareCore(new StatGroup('core'));
  /** What the process offers beyond one message's run: sending at once, timers, other routes. */
  host: ServerHost = new OfflineHost();
  /** Addresses the script gives for names (corex's dns_cache), used before the system's resolver. */
  readonly names = new StaticNames();
}

/** A message's AVPs ($avp), XAVPs ($xavp), $xavi and $xavu, each made on first use. */
interface MessageStores {
  avp?: AvpStore;
  xavp?: XavpStore;
  xavi?: XavpStore;
  xavu?: XavuStore;
}

export class ExecContext {
  private currentMessage: SipMessage;
  private currentEdits: MessageEdits;
  /** Message flags (setflag). */
  flags = 0;
  /** Branch flags of the first branch, the message itself (setbflag). */
  branchFlags = 0;
  /** Script flags (setsflag): per message, not kept with the transaction. */
  scriptFlags = 0;
  /** The return code of the last action ($rc), kept by the VM; 0 before any (as Kamailio 5.6 reads it). */
  rc = 0;
  /**
   * The AVP and XAVP stores, made on first use, in one holder that contexts
   * of the same transaction share (useStoresOf): sharing it does not make
   * stores a message never uses.
   */
  private storeHolder: MessageStores | undefined;
  private get stores(): MessageStores {
    return (this.storeHolder ??= {});
  }
  private moduleState: SmallMap<string, unknown> | undefined;
  /** For a message received over a stream transport: the connection it came on. */
  connection: number | undefined;
  /**
   * How stream connections are used for what this message causes to be
   * sent (Kamailio's set_reply_no_connect, set_reply_close,
   * set_forward_no_connect, set_forward_close): replies to it, and requests
   * forwarded from it.
   */
  streamUse: StreamUse | undefined;

  /** The message's AVPs (made on first use: most messages have none). */
  get avps(): AvpStore {
    return (this.stores.avp ??= new AvpStore());
  }

  get xavps(): XavpStore {
    return (this.stores.xavp ??= new XavpStore());
  }

  /** $xavi: XAVPs whose names match case-insensitively (kept in lower case). */
  get xavis(): XavpStore {
    return (this.stores.xavi ??= new XavpStore());
  }

  /** $xavu: XAVPs with one value per name. */
  get xavus(): XavuStore {
    return (this.stores.xavu ??= new XavuStore());
  }
  private branchesList: Branch[] | undefined;
  /** Branches added besides the Request-URI itself (made on first use, as the lists below). */
  get branches(): Branch[] {
    return (this.branchesList ??= []);
  }
  /** max_branches: how many branches a request may have, its Request-URI included (Kamailio's default 12). */
  maxBranches = 12;
  /** The route type running now (request, reply, failure, branch, onsend, event...). */
  routeType = 'request';
  /** force_rport / add_rport: the previous hop's Via gets rport as if it had asked. */
  forceRport = false;
  /** add_local_rport: our own Via asks the next hop for rport. */
  localRport = false;
  /** via_add_srvid: our own Via carries `;srvid=` with the server_id (when it is not 0). */
  viaServerId = false;
  /** via_add_xavp_params: our own Via carries the fields of the local identity's xavpViaParams XAVP. */
  viaXavpParams = false;
  /** Those parameters, fixed when the first Via for the message is written (as Kamailio 5.6 keeps them). */
  viaParamsText: string | undefined;
  /**
   * The username of credentials an auth module accepted for this message
   * (www_authorize, proxy_authorize); what siputils' is_user compares with.
   */
  authorizedUser: string | undefined;
  /** set_advertised_address / set_advertised_port: what our Via says instead of the socket's address and port. */
  advertisedAddress: string | undefined;
  advertisedPort: number | undefined;
  /** force_send_socket: the local socket requests are sent from (the check makes sure it is one of ours). */
  sendSocket: { readonly address: string; readonly port: number; readonly proto: Transport | undefined } | undefined;
  private logsList: LogLine[] | undefined;
  get logs(): LogLine[] {
    return (this.logsList ??= []);
  }
  /** The script's `debug` level: log lines above it are not written (Kamailio's default is 0, L_WARN). */
  debugLevel = 0;
  /** The address of the command running now, for commands that say where they were called from (xlogl). */
  pc = -1;
  /** The file and line of a code address, when the runner knows the sources. */
  whereIs: ((pc: number) => ScriptPosition | undefined) | undefined;
  /**
   * The runner of the program this message started on: the routes of its
   * transaction (failure, onreply, branch) run with it, even after a reload
   * put a new program in place for new messages.
   */
  runner: ScriptRunner | undefined;
  private sentList: Sent[] | undefined;
  get sent(): Sent[] {
    return (this.sentList ??= []);
  }
  /** In event_route[network:msg] (corex): the raw bytes received or about to be sent, which $mb reads, and which way they go. */
  wire: { readonly data: string; readonly incoming: boolean } | undefined;
  /** While onsend_route runs: the socket sending and where to (snd_ip, to_ip, ...). */
  sending: { readonly from: Endpoint; readonly to: Endpoint; readonly proto: Transport; readonly data: Buffer } | undefined;
  /**
   * Called before a request is sent; false when the script's onsend_route
   * dropped it. Set by the runner when the script has an onsend_route.
   */
  onSend: ((message: Sent) => boolean) | undefined;
  /**
   * Runs event_route[name], when the script has one, on another message (a
   * local reply sl just sent, with where it went): what that route logs and
   * sends joins this run's. Set by the runner.
   */
  runEvent: ((name: string, message: SipMessage, sending: NonNullable<ExecContext['sending']>) => void) | undefined;
  /** Per-message state of modules, by module name (what Kamailio keeps in the message). */
  get state(): SmallMap<string, unknown> {
    return (this.moduleState ??= new SmallMap());
  }

  constructor(
    message: SipMessage,
    /** Where the message came from (set_source_address may change it). */
    public source: Endpoint,
    /** The transport it came over and the socket it arrived on (set_recv_socket may change them). */
    public proto: Transport,
    public local: LocalIdentity,
    readonly worker: WorkerState = new WorkerState(),
    /** When the message was received (ms since the epoch): $Ts, $TS and $Tf read it. */
    readonly received: number = Date.now(),
  ) {
    this.currentMessage = message;
    this.currentEdits = new MessageEdits(message);
  }

  /** The message the script works on. */
  get message(): SipMessage {
    return this.currentMessage;
  }

  /** The script's changes to it, not visible to reads until applied. */
  get edits(): MessageEdits {
    return this.currentEdits;
  }

  /**
   * Puts another message in place of this one (msg_apply_changes with the
   * changes applied, msg_set_buffer), as Kamailio parses a new buffer: the
   * pending changes and the modules' per-message state go, the destination
   * URI ($du) stays.
   */
  replaceMessage(message: SipMessage): void {
    const destination = this.currentEdits.destination;
    this.currentMessage = message;
    this.currentEdits = new MessageEdits(message);
    this.currentEdits.destination = destination;
    this.state.clear();
  }

  /**
   * The message with bytes rewritten in place, its layout unchanged
   * (change_reply_status's new code): pending changes and state stay.
   */
  rewriteMessage(message: SipMessage): void {
    this.currentEdits = this.currentEdits.clone(message);
    this.currentMessage = message;
  }

  /**
   * Queues a message to send when this run ends; a request first goes
   * through onsend_route, which may drop it (then false).
   */
  send(message: Sent): boolean {
    if (this.onSend && !this.onSend(message)) return false;
    this.sent.push(this.withStreamUse(message, !isReplyData(message.data)));
    return true;
  }

  /** A message to send with the connection use the script asked for replies (or forwarded requests) of this message. */
  withStreamUse(message: Sent, forwarded: boolean): Sent {
    const use = this.streamUse;
    if (!use) return message;
    const noConnect = forwarded ? use.forwardNoConnect : use.replyNoConnect;
    const closeAfter = forwarded ? use.forwardClose : use.replyClose;
    return noConnect || closeAfter ? { ...message, noConnect, closeAfter } : message;
  }

  /**
   * A context for running another route for the same transaction on
   * `message` (a reply, or the request again for failure_route): the AVPs,
   * XAVPs and flags are this context's own, as Kamailio keeps them with the
   * transaction. `edits` starts it from changes already made (a branch of
   * the request).
   */
  derive(message: SipMessage, source: Endpoint, proto: Transport, edits?: MessageEdits): ExecContext {
    const other = new ExecContext(message, source, proto, this.local, this.worker, Date.now());
    if (edits) other.currentEdits = edits;
    other.connection = this.connection;
    other.streamUse = this.streamUse;
    other.onSend = this.onSend;
    other.useStoresOf(this);
    other.flags = this.flags;
    other.branchFlags = this.branchFlags;
    other.debugLevel = this.debugLevel;
    other.maxBranches = this.maxBranches;
    other.whereIs = this.whereIs;
    other.runner = this.runner;
    other.forceRport = this.forceRport;
    other.localRport = this.localRport;
    other.viaServerId = this.viaServerId;
    other.viaXavpParams = this.viaXavpParams;
    other.viaParamsText = this.viaParamsText;
    other.sendSocket = this.sendSocket;
    other.advertisedAddress = this.advertisedAddress;
    other.advertisedPort = this.advertisedPort;
    return other;
  }

  /** Works on another context's AVPs and XAVPs (a reply run on its transaction's, as Kamailio does in onreply_route). */
  useStoresOf(other: ExecContext): void {
    this.storeHolder = other.stores;
  }

  /** Records a log line when its level is within the script's debug level. */
  log(level: number, text: string, facility?: string, module?: string): void {
    if (level > this.debugLevel) return;
    this.logs.push(facility === undefined && module === undefined ? { level, text } : { level, text, facility, module });
  }

  /** Whether host[:port] (over proto, when given) names this server (`myself`). */
  isMyself(host: string, port: number | undefined, proto?: Transport): boolean {
    const h = host.charCodeAt(0) === 91 /* [ */ && host.endsWith(']') ? host.slice(1, -1) : host;
    for (const n of this.local.names) {
      const hostMatches = sameHost(h, n.host) || (n.subdomains === true && h.toLowerCase().endsWith(`.${n.host.toLowerCase()}`));
      if (hostMatches && (n.port === undefined || port === undefined || n.port === port) && (n.proto === undefined || proto === undefined || n.proto === proto)) return true;
    }
    return false;
  }

}

/** Host names compared as DNS does, ignoring case (addresses are written one way). */
function sameHost(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

/** Whether a message in wire form is a reply (its first line starts with SIP/). */
function isReplyData(data: Buffer): boolean {
  return data[0] === 0x53 && data[1] === 0x49 && data[2] === 0x50 && data[3] === 0x2f;
}
