// POSIX extended regular expressions (the dialect of `=~`, #!subst and module
// regex parameters, as glibc's regcomp reads them) translated to JavaScript
// RegExp source. Used by the checker for constant regexes and by the runtime
// for regexes built while a message is routed.

export interface PosixOptions {
  /** REG_ICASE: case-insensitive matching. */
  readonly icase?: boolean;
  /** REG_NEWLINE: `.` and bracket negations stop at newlines; `^`/`$` match at line ends. */
  readonly newline?: boolean;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

/** glibc's GNU escapes outside brackets. */
const GNU_ESCAPES: Record<string, string> = {
  w: '\\w',
  W: '\\W',
  s: '\\s',
  S: '\\S',
  b: '\\b',
  B: '\\B',
  '<': '\\b(?=\\w)',
  '>': '\\b(?<=\\w)',
  '`': '^',
  "'": '$',
};

function escapeForClass(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates a bracket expression starting at `pattern[start] === '['`; with REG_NEWLINE a negated one never matches a newline. */
function bracket(pattern: string, start: number, newline: boolean): { source: string; end: number } | { error: string } {
  let i = start + 1;
  let out = '[';
  const negated = pattern[i] === '^';
  if (negated) {
    out += '^';
    i++;
  }
  let first = true;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ']' && !first) return { source: `${out}${negated && newline ? '\\n' : ''}]`, end: i + 1 };
    first = false;
    if (ch === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) return { error: 'unterminated character class `[:`' };
      const name = pattern.slice(i + 2, close);
      const cls = CLASSES[name];
      if (cls === undefined) return { error: `unknown character class \`[:${name}:]\`` };
      out += cls;
      i = close + 2;
      continue;
    }
    if (ch === '[' && (pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const kind = pattern[i + 1]!;
      const close = pattern.indexOf(`${kind}]`, i + 2);
      if (close < 0) return { error: `unterminated \`[${kind}\`` };
      const element = pattern.slice(i + 2, close);
      if (element.length !== 1) return { error: `unsupported collating element \`${element}\`` };
      out += escapeForClass(element);
      i = close + 2;
      continue;
    }
    if (ch === '-' && pattern[i + 1] !== ']' && out.length > 1 && !out.endsWith('[^')) {
      out += '-';
      i++;
      continue;
    }
    out += escapeForClass(ch);
    i++;
  }
  return { error: 'unterminated bracket expression: `]` expected' };
}

/**
 * Translates POSIX ERE source to JavaScript RegExp source, or explains why it
 * is invalid. With `newline` (REG_NEWLINE) `.` and negated brackets stop at
 * `\n` and `^`/`$` also match just after/before one (only `\n`: a CR before
 * it is an ordinary character, as for glibc); to be compiled with the `s` flag.
 */
export function translatePosixEre(pattern: string, newline = false): { source: string } | { error: string } {
  let out = '';
  let depth = 0;
  let canRepeat = false;
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    switch (ch) {
      case '\\': {
        const next = pattern[i + 1];
        if (next === undefined) return { error: 'trailing backslash' };
        if (/[1-9]/.test(next)) out += `\\${next}`;
        else if (next in GNU_ESCAPES) out += GNU_ESCAPES[next];
        else out += /[A-Za-z0-9]/.test(next) ? next : `\\${next}`;
        i += 2;
        canRepeat = true;
        continue;
      }
      case '[': {
        const result = bracket(pattern, i, newline);
        if ('error' in result) return result;
        out += result.source;
        i = result.end;
        canRepeat = true;
        continue;
      }
      case '(':
        depth++;
        out += '(';
        canRepeat = false;
        break;
      case ')':
        if (depth === 0) return { error: 'unmatched `)`' };
        depth--;
        out += ')';
        canRepeat = true;
        break;
      case '*':
      case '+':
      case '?':
        if (!canRepeat) return { error: `\`${ch}\` has nothing to repeat` };
        out += ch;
        break;
      case '{': {
        const interval = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!interval) {
          out += '\\{';
          canRepeat = true;
          break;
        }
        if (!canRepeat) return { error: 'an interval `{...}` has nothing to repeat' };
        const min = Number(interval[1]);
        const max = interval[3] ? Number(interval[3]) : undefined;
        if (max !== undefined && max < min) return { error: `invalid interval \`${interval[0]}\`` };
        if (min > 255 || (max ?? 0) > 255) return { error: `interval \`${interval[0]}\` exceeds 255` };
        out += interval[0];
        i += interval[0].length;
        continue;
      }
      case '|':
        out += '|';
        canRepeat = false;
        break;
      case '^':
        out += newline ? '(?<![^\\n])' : '^';
        canRepeat = false;
        break;
      case '$':
        out += newline ? '(?![^\\n])' : '$';
        canRepeat = false;
        break;
      case '/':
        out += '\\/';
        canRepeat = true;
        break;
      case '.':
        out += newline ? '[^\\n]' : '.';
        canRepeat = true;
        break;
      default:
        out += ch.replace(/[\]}]/, '\\$&');
        canRepeat = true;
    }
    i++;
  }
  if (depth > 0) return { error: 'unmatched `(`' };
  return { source: out };
}

/** Compiles a POSIX ERE to a RegExp, or returns why it is invalid. */
export function compilePosixEre(pattern: string, options: PosixOptions = {}): RegExp | { error: string } {
  const translated = translatePosixEre(pattern, options.newline);
  if ('error' in translated) return translated;
  const flags = `${options.icase ? 'i' : ''}s`;
  try {
    return new RegExp(translated.source, flags);
  } catch (err) {
    return { error: (err as Error).message };
  }
}
