// Log levels and syslog facilities as xlog takes them: `L_ERR`-style names
// (Kamailio reads the letter after `L_`), a number, or a pseudo-variable
// holding a number; facilities by their syslog names.

import { FixupError } from '../api.js';

/** Level by the letter after `L_`. */
const LEVELS: Readonly<Record<string, number>> = { A: -5, B: -4, C: -3, E: -1, W: 0, N: 1, I: 2, D: 3 };

/** The level a constant or run-time text names. */
export function parseLevel(text: string): number {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  const level = t.length >= 3 && t.startsWith('L_') ? LEVELS[t[2]!] : undefined;
  if (level === undefined) throw new FixupError(`unknown log level \`${text}\` (L_ALERT, L_BUG, L_CRIT, L_ERR, L_WARN, L_NOTICE, L_INFO, L_DBG or a number)`);
  return level;
}

export const FACILITIES = new Set([
  'LOG_AUTH', 'LOG_AUTHPRIV', 'LOG_CRON', 'LOG_DAEMON', 'LOG_FTP', 'LOG_KERN', 'LOG_LPR', 'LOG_MAIL', 'LOG_NEWS', 'LOG_SYSLOG', 'LOG_USER', 'LOG_UUCP',
  'LOG_LOCAL0', 'LOG_LOCAL1', 'LOG_LOCAL2', 'LOG_LOCAL3', 'LOG_LOCAL4', 'LOG_LOCAL5', 'LOG_LOCAL6', 'LOG_LOCAL7',
]);

export function parseFacility(text: string): string {
  const name = text.trim().toUpperCase();
  if (!FACILITIES.has(name)) throw new FixupError(`unknown syslog facility \`${text}\` (LOG_LOCAL0 ... LOG_LOCAL7, LOG_DAEMON, LOG_USER, ...)`);
  return name;
}
