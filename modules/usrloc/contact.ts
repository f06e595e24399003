// One registered contact of an address-of-record (Kamailio's ucontact_t):
// where the user can be reached and what came with the REGISTER that put it
// there (expires, q, Call-ID and CSeq, Path, received address, socket, user
// agent, instance and reg-id, flags, methods), with the record unique id
// (ruid) storage finds it by.

/** Contact flags kept by usrloc (Kamailio's FL_* of the `flags` column). */
export const FL_MEM = 1 << 0; // kept in memory only, never written to the database

/** q of a contact that gave none (Kamailio's Q_UNSPECIFIED). */
export const Q_UNSPECIFIED = -1;

/** Every method allowed (no Allow header, no methods parameter). */
export const ALL_METHODS = 0xffffffff;

/** Where a contact stands against the database in write-back mode (db_mode 2). */
export type SyncState = 'new' | 'dirty' | 'synced';

export interface Contact {
  /** The address-of-record it belongs to. */
  readonly aor: string;
  /** The contact URI as the REGISTER wrote it. */
  readonly uri: string;
  readonly ruid: string;
  /** When it expires, seconds since the epoch; 0: never. */
  expires: number;
  /** Thousandths (0..1000), Q_UNSPECIFIED when none was given. */
  q: number;
  callid: string;
  cseq: number;
  /** usrloc's flags (FL_MEM). */
  flags: number;
  /** The branch flags the REGISTER carried, restored by lookup. */
  cflags: number;
  userAgent: string;
  /** The source of the REGISTER as a URI (`sip:ip:port;transport=...`), when nathelper or path_use_received set it. */
  received: string | undefined;
  /** The Path header values, joined with commas. */
  path: string | undefined;
  /** The local socket the REGISTER came in on, `proto:ip:port`. */
  socket: string | undefined;
  /** Bit mask of the methods it accepts (ALL_METHODS: any). */
  methods: number;
  /** +sip.instance (RFC 5626/5627), as written (quotes removed). */
  instance: string | undefined;
  regId: number;
  serverId: number;
  /** The stream connection it registered over (0: none). */
  connectionId: number;
  keepalive: number;
  /** Seconds since the epoch of the last change. */
  lastModified: number;
  /** Write-back mode: what the next flush has to do with it. */
  sync: SyncState;
}

/** What a REGISTER says about one contact, to insert it or update one that matches (Kamailio's ucontact_info_t). */
export type ContactInfo = Omit<Contact, 'aor' | 'uri' | 'ruid' | 'sync' | 'lastModified'>;

/** Whether it can be used at `now` (seconds): not expired, or never expiring. */
export function isValid(c: Contact, now: number): boolean {
  return c.expires === 0 || c.expires > now;
}
