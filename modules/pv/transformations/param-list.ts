// A list of `name=value` parameters split as Kamailio 5.6's generic
// parameter parser does it (uri.param and the param class): any separator
// character, blanks around '=' and after separators, single- or
// double-quoted values (quotes removed); the list ends at ',' or '>', even
// when ',' is the separator. A blank before the first name, an empty value
// followed by more text, or a separator at the very end makes it invalid.

export interface ListParam {
  readonly name: string;
  /** The value ('' for `name=` at the end), undefined when there is no '='. */
  readonly value: string | undefined;
}

const BLANKS = ' \t\r\n';

function skipBlanks(s: string, i: number): number {
  while (i < s.length && BLANKS.includes(s[i]!)) i++;
  return i;
}

/** Scans a name or an unquoted value: up to a blank, ',', the separator or (for names) '='. */
function scanToken(s: string, i: number, separator: string, stopAtEquals: boolean): number {
  while (i < s.length) {
    const c = s[i]!;
    if (BLANKS.includes(c) || c === ',' || c === separator || (stopAtEquals && c === '=')) break;
    i++;
  }
  return i;
}

/** The parameters in the order written; null when Kamailio's parser refuses the text. */
export function parseParamList(s: string, separator: string): ListParam[] | null {
  const out: ListParam[] = [];
  let i = 0;
  while (i < s.length) {
    const nameEnd = scanToken(s, i, separator, true);
    const name = s.slice(i, nameEnd);
    i = skipBlanks(s, nameEnd);
    let value: string | undefined;
    if (s[i] === '=') {
      i = skipBlanks(s, i + 1);
      if (i >= s.length) value = '';
      else if (s[i] === '"' || s[i] === "'") {
        const close = s.indexOf(s[i]!, i + 1);
        if (close < 0) return null;
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        const end = scanToken(s, i, separator, false);
        if (end === i) return null;
        value = s.slice(i, end);
        i = end;
      }
      i = skipBlanks(s, i);
    }
    out.push({ name, value });
    if (i >= s.length) break;
    if (s[i] === ',' || s[i] === '>') break; // Kamailio 5.6 ends the list there, whatever the separator
    if (s[i] !== separator) return null;
    i = skipBlanks(s, i + 1);
    if (i >= s.length) return null;
  }
  return out;
}

/** The value of the last parameter with this name (case-insensitive): '' when it has none, undefined when absent. */
export function lastValueOf(list: readonly ListParam[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.name.length === name.length && list[i]!.name.toLowerCase() === lower) return list[i]!.value ?? '';
  }
  return undefined;
}
