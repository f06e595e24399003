// Log lines for syslog, as Kamailio's syslog() calls leave them on /dev/log:
// one datagram per line, `<PRI>Mmm dd hh:mm:ss IDENT[PID]: TEXT` (the BSD
// form of RFC 3164 that the C library writes, with the local time and no
// host name), PRI being the facility (log_facility) times 8 plus the
// severity Kamailio maps its level to. Sending is the caller's: a Unix
// datagram socket is not something Node's standard library opens, so the
// command line hands in a sender (cli/log-socket.ts).

/** Facility codes of <syslog.h>, by the names log_facility and xlog take. */
export const FACILITY_CODES: ReadonlyMap<string, number> = new Map([
  ['LOG_KERN', 0], ['LOG_USER', 1], ['LOG_MAIL', 2], ['LOG_DAEMON', 3], ['LOG_AUTH', 4], ['LOG_SYSLOG', 5],
  ['LOG_LPR', 6], ['LOG_NEWS', 7], ['LOG_UUCP', 8], ['LOG_CRON', 9], ['LOG_AUTHPRIV', 10], ['LOG_FTP', 11],
  ['LOG_LOCAL0', 16], ['LOG_LOCAL1', 17], ['LOG_LOCAL2', 18], ['LOG_LOCAL3', 19],
  ['LOG_LOCAL4', 20], ['LOG_LOCAL5', 21], ['LOG_LOCAL6', 22], ['LOG_LOCAL7', 23],
]);

/** Kamailio's default log_facility. */
export const DEFAULT_FACILITY = 'LOG_DAEMON';

/** The facility code of a name (any case), or undefined for a name syslog does not have. */
export function facilityCode(name: string): number | undefined {
  return FACILITY_CODES.get(name.trim().toUpperCase());
}

/**
 * The syslog severity of a Kamailio level: L_ALERT -> alert (1), L_BUG and
 * L_CRIT -> crit (2), L_ERR -> err (3), L_WARN -> warning (4), L_NOTICE ->
 * notice (5), L_INFO -> info (6), L_DBG and above -> debug (7).
 */
export function severity(level: number): number {
  if (level <= -5) return 1;
  if (level <= -2) return 2;
  if (level >= 3) return 7;
  return level + 4;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** The RFC 3164 timestamp in local time: `Dec  3 05:47:50` (the day padded with a space). */
export function syslogTime(at: Date): string {
  return `${MONTHS[at.getMonth()]} ${String(at.getDate()).padStart(2, ' ')} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** One syslog datagram: `<PRI>TIME IDENT[PID]: TEXT`. */
export function syslogDatagram(facility: number, level: number, ident: string, pid: number, text: string, at = new Date()): string {
  return `<${facility * 8 + severity(level)}>${syslogTime(at)} ${ident}[${pid}]: ${text}`;
}

/** Sends datagrams to a Unix socket path; `done` gets the error when one could not be sent. */
export interface DatagramSender {
  send(data: Buffer, path: string, done: (error?: Error) => void): void;
  close(): void;
}

/** The socket syslog daemons (rsyslog, syslog-ng, journald) read. */
export const DEV_LOG = '/dev/log';

/**
 * Writes datagrams to the syslog socket. A datagram that cannot be sent
 * (no syslog daemon, the socket refusing it) is handed to `fallback` with
 * the reason, as the C library writes to the console then.
 */
export class SyslogWriter {
  constructor(
    private readonly sender: DatagramSender,
    private readonly fallback: (datagram: string, reason: string) => void,
    private readonly path = DEV_LOG,
  ) {}

  write(datagram: string): void {
    this.sender.send(Buffer.from(datagram, 'utf8'), this.path, (error) => {
      if (error) this.fallback(datagram, `${this.path}: ${error.message}`);
    });
  }

  close(): void {
    this.sender.close();
  }
}
