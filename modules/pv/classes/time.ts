// Time: the message's reception time ($Ts seconds, $Tf as text, $TS and
// $TF now), the parts of the local time ($time(hour), ..., $utime(...) in UTC),
// the time of day with microseconds ($TV), and the time now formatted ($timef).

import { FixupError, type ExecContext, type PvClassDecl, type Value } from '../../api.js';
import { strftime } from '../transformations/strftime.js';
import { named, noIndex, readOnly } from './define.js';

const seconds = (ms: number): number => Math.floor(ms / 1000);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** The local time as C's ctime() writes it, without its newline: `Wed Dec  2 16:13:04 2026`. */
export function ctimeText(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
}

/** The fields of C's struct tm (month from 0, year since 1900), local or UTC. */
function tmFields(utc: boolean): Record<string, (ctx: ExecContext) => Value> {
  const at = (f: (d: Date) => number) => (ctx: ExecContext) => f(new Date(seconds(ctx.received) * 1000));
  const start = (d: Date): number => (utc ? Date.UTC(d.getUTCFullYear(), 0, 1) : new Date(d.getFullYear(), 0, 1).getTime());
  return {
    sec: at((d) => (utc ? d.getUTCSeconds() : d.getSeconds())),
    min: at((d) => (utc ? d.getUTCMinutes() : d.getMinutes())),
    hour: at((d) => (utc ? d.getUTCHours() : d.getHours())),
    mday: at((d) => (utc ? d.getUTCDate() : d.getDate())),
    mon: at((d) => (utc ? d.getUTCMonth() : d.getMonth())),
    year: at((d) => (utc ? d.getUTCFullYear() : d.getFullYear()) - 1900),
    wday: at((d) => (utc ? d.getUTCDay() : d.getDay())),
    yday: at((d) => Math.floor((d.getTime() - start(d)) / 86400000)),
    isdst: at((d) => {
      if (utc) return 0;
      const jan = new Date(d.getFullYear(), 0, 1).getTimezoneOffset();
      const jul = new Date(d.getFullYear(), 6, 1).getTimezoneOffset();
      return d.getTimezoneOffset() < Math.max(jan, jul) ? 1 : 0;
    }),
  };
}

const BOOT = Date.now();

/** $timef(format): the local time now, as C's strftime writes it. */
const formattedTime: PvClassDecl = {
  name: 'timef',
  inner: 'required',
  writable: false,
  compile: (ref) => {
    noIndex(ref);
    if (!ref.name || ref.name.dynamic) throw new FixupError('needs a constant strftime format');
    const format = ref.name.text;
    return { get: () => strftime(format, seconds(Date.now())) };
  },
};

export const timeClasses: readonly PvClassDecl[] = [
  formattedTime,
  readOnly('Ts', (ctx) => seconds(ctx.received)),
  readOnly('Tf', (ctx) => ctimeText(ctx.received)),
  readOnly('TS', () => seconds(Date.now())),
  readOnly('TF', () => ctimeText(Date.now())),
  readOnly('Tb', () => seconds(BOOT)),
  named('time', tmFields(false)),
  named('utime', tmFields(true)),
  named('TV', {
    s: () => seconds(Date.now()),
    u: () => (Date.now() % 1000) * 1000,
    sn: () => seconds(Date.now()),
    un: () => (Date.now() % 1000) * 1000,
    Sn: () => {
      const now = Date.now();
      return `${seconds(now)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
    },
  }),
];
