// strftime(3) as glibc formats local time in the C locale, for s.ftime:
// every conversion, the GNU flags (_ - 0 ^ #), a field width, and the E/O
// modifiers (no effect in the C locale). Local time is the process's time
// zone (TZ), as it is for Kamailio.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A number printed with at least `digits` digits, padded with `pad` by default. */
interface NumberField {
  readonly number: number;
  readonly digits: number;
  readonly pad: '0' | ' ';
}

/** A text field; `swapCase` is what the # flag does to it. */
interface TextField {
  readonly text: string;
  readonly swapCase?: 'upper' | 'lower';
}

type Field = NumberField | TextField;

const COMPOSITES: Readonly<Record<string, string>> = {
  c: '%a %b %e %H:%M:%S %Y',
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  r: '%I:%M:%S %p',
  R: '%H:%M',
  T: '%H:%M:%S',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};

function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 1)) / 86400000);
}

/** ISO 8601 week-based year and week number. */
function isoWeek(d: Date): { year: number; week: number } {
  const weekday = (d.getDay() + 6) % 7;
  const thursday = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate() - weekday + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400000));
  return { year, week };
}

function zoneName(d: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

function zoneOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return (minutes < 0 ? '-' : '+') + String(Math.floor(abs / 60) * 100 + (abs % 60)).padStart(4, '0');
}

const num = (number: number, digits = 2, pad: '0' | ' ' = '0'): NumberField => ({ number, digits, pad });

function field(conversion: string, d: Date): Field | undefined {
  const hour12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  switch (conversion) {
    case 'a': return { text: DAYS[d.getDay()]!.slice(0, 3), swapCase: 'upper' };
    case 'A': return { text: DAYS[d.getDay()]!, swapCase: 'upper' };
    case 'b':
    case 'h': return { text: MONTHS[d.getMonth()]!.slice(0, 3), swapCase: 'upper' };
    case 'B': return { text: MONTHS[d.getMonth()]!, swapCase: 'upper' };
    case 'C': return num(Math.floor(d.getFullYear() / 100));
    case 'd': return num(d.getDate());
    case 'e': return num(d.getDate(), 2, ' ');
    case 'g': return num(isoWeek(d).year % 100);
    case 'G': return num(isoWeek(d).year, 1);
    case 'H': return num(d.getHours());
    case 'I': return num(hour12);
    case 'j': return num(dayOfYear(d) + 1, 3);
    case 'k': return num(d.getHours(), 2, ' ');
    case 'l': return num(hour12, 2, ' ');
    case 'm': return num(d.getMonth() + 1);
    case 'M': return num(d.getMinutes());
    case 'n': return { text: '\n' };
    case 'p': return { text: d.getHours() < 12 ? 'AM' : 'PM', swapCase: 'lower' };
    case 'P': return { text: d.getHours() < 12 ? 'am' : 'pm' };
    case 's': return num(Math.floor(d.getTime() / 1000), 1);
    case 'S': return num(d.getSeconds());
    case 't': return { text: '\t' };
    case 'u': return num(d.getDay() === 0 ? 7 : d.getDay(), 1);
    case 'U': return num(Math.floor((dayOfYear(d) + 7 - d.getDay()) / 7));
    case 'V': return num(isoWeek(d).week);
    case 'w': return num(d.getDay(), 1);
    case 'W': return num(Math.floor((dayOfYear(d) + 7 - ((d.getDay() + 6) % 7)) / 7));
    case 'y': return num(d.getFullYear() % 100);
    case 'Y': return num(d.getFullYear(), 1);
    case 'z': return { text: zoneOffset(d) };
    case 'Z': return { text: zoneName(d), swapCase: 'lower' };
    case '%': return { text: '%' };
    default: return undefined;
  }
}

function render(f: Field, flag: string, width: number): string {
  if ('number' in f) {
    const pad = flag === '_' ? ' ' : flag === '0' ? '0' : flag === '-' ? '' : f.pad;
    const digits = String(f.number);
    if (pad === '') return digits;
    return digits.padStart(Math.max(f.digits, width), pad);
  }
  let text = f.text;
  if (flag === '^') text = text.toUpperCase();
  else if (flag === '#' && f.swapCase) text = f.swapCase === 'upper' ? text.toUpperCase() : text.toLowerCase();
  return flag === '-' ? text : text.padStart(width, flag === '0' ? '0' : ' ');
}

const DIRECTIVE = /%([_\-0^#]*)(\d*)[EO]?(.)?/gs;

/** Formats a time (seconds since the epoch) as local time. */
export function strftime(format: string, seconds: number): string {
  const d = new Date(seconds * 1000);
  return format.replace(DIRECTIVE, (whole, flags: string, widthText: string, conversion: string | undefined) => {
    if (conversion === undefined) return whole;
    const flag = flags.slice(-1);
    const width = widthText === '' ? 0 : Number(widthText);
    const composite = COMPOSITES[conversion];
    if (composite !== undefined) return render({ text: strftime(composite, seconds) }, flag, width);
    const f = field(conversion, d);
    return f === undefined ? whole : render(f, flag, width);
  });
}
