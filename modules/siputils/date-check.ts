// siputils' hdr_date_check(tdiff): whether the Date header (RFC 3261 20.17,
// `Sat, 13 Nov 2010 23:29:00 GMT` exactly) is at most tdiff seconds old.
// Return codes as Kamailio 5.6 gives them: 1 in time, -4 older, -1 without a
// Date header, with one that does not parse, or without a number of seconds.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { ANY } from './routes.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTHS.join('|')}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);

/** Seconds since the epoch of an RFC 1123 date in GMT; undefined when it is not one. */
function parseSipDate(text: string): number | undefined {
  const m = RFC1123.exec(text.trim());
  if (!m) return undefined;
  const [, day, month, year, hour, minute, second] = m;
  return Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hour), Number(minute), Number(second)) / 1000;
}

function dateCheck(ctx: ExecContext, tdiff: number | undefined): number {
  const header = ctx.message.header('date');
  const date = header === undefined ? undefined : parseSipDate(header);
  if (date === undefined || tdiff === undefined) return -1;
  return Math.floor(ctx.received / 1000) - date > tdiff ? -4 : 1;
}

export const dateCheckCommands: readonly CommandDecl[] = [
  command({ name: 'hdr_date_check', args: [{ name: 'tdiff', type: 'intpv' }], routes: ANY, run: (ctx, [tdiff]) => dateCheck(ctx, tdiff) }),
];
