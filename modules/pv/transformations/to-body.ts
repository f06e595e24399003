// A To/From header body split as Kamailio 5.6's parse_to splits it, for the
// tobody transformations: a display name kept as written (quotes included),
// the URI in <...> or as an addr-spec, and the header parameters (tag picked
// out). The value is parsed with a CRLF after it, as Kamailio does, so line
// folding and the end of the value behave the same. Kamailio's state
// machine is followed closely: it decides which odd inputs fail.

export interface ToBody {
  readonly display: string | undefined;
  readonly uri: string;
  readonly tag: string | undefined;
  /** Where the first parameter's name starts, or -1 when there are none. */
  readonly paramsStart: number;
}

// The states of Kamailio's parser, as numbers (compared on every char). The
// three fold states follow a CR, an LF or a CRLF: a blank after them
// continues the header (folding), anything else ends it.
const START = 0;
const DISPLAY_QUOTED = 1;
const DISPLAY_QUOTED_END = 2;
const DISPLAY_TOKEN = 3;
const DISPLAY_TOKEN_SPACE = 4;
const URI_OPEN = 5;
const URI_ENCLOSED = 6;
const URI_ENCLOSED_END = 7;
const URI_OR_TOKEN = 8;
const MAYBE_URI_END = 9;
const END = 10;
// Parameter states.
const NAME_START = 11;
const NAME = 12;
const TAG1 = 13;
const TAG2 = 14;
const TAG3 = 15;
const EQUALS = 16;
const VALUE_START = 17;
const TOKEN = 18;
const QUOTED = 19;
const VALUE_END = 20;
// Fold states.
const CR = 21;
const LF = 22;
const CRLF = 23;

const isFold = (state: number): boolean => state >= CR;
const isName = (state: number): boolean => state >= NAME && state <= TAG3;

class Failure extends Error {}
const fail = (): never => {
  throw new Failure();
};

/**
 * The char at i of the value with the CRLF Kamailio's parser reads after it
 * (read in place: the value with CRLF appended would be a string V8 must
 * first copy into one piece).
 */
function charAt(value: string, i: number): number {
  return i < value.length ? value.charCodeAt(i) : i === value.length ? 13 : 10;
}

/** Chars as a table: 1 for those listed. */
function stops(chars: string): Uint8Array {
  const table = new Uint8Array(256);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

// In a run of a state that every other char leaves as it is, the chars that do something.
/** A URI in <...>: blanks, line ends, `\ " < >`. */
const ENCLOSED_STOPS = stops(' \t\r\n\\"<>');
/** A display name's token or a URI without <...>: those, and `;`. */
const TOKEN_STOPS = stops(' \t\r\n\\"<>;');
/** A quoted string: its end, an escape, a line end. */
const QUOTED_STOPS = stops('"\\\r\n');
/** A parameter's name (past its first chars) or value: blanks, line ends, `\ " , ; =`. */
const PARAM_STOPS = stops(' \t\r\n\\",;=');

/** The end of a run from i: the first char of the value in `table`, or the value's end. */
function runEnd(value: string, i: number, table: Uint8Array): number {
  while (i < value.length && table[value.charCodeAt(i)] !== 1) i++;
  return i;
}

/** The text [start, end) of the value with its CRLF. */
function cut(value: string, start: number, end: number): string {
  return start >= 0 && end >= 0 && end <= value.length ? value.slice(start, end) : `${value}\r\n`.slice(start, end);
}

/** Header parameters from the ';' at `from`; gives the tag's value and where the first name starts. */
function scanParams(s: string, from: number): { tag: string | undefined; first: number } {
  const length = s.length + 2;
  let state = VALUE_END;
  let saved = VALUE_END;
  // The parameter being read: where its name starts, whether it is the tag, and its value.
  let name = -1;
  let isTag = false;
  let valueStart = -1;
  let valueEnd = -1;
  let first = -1;
  let tag: string | undefined;
  /** The parameter ends (its value ending at `end`, or -1 when it has none). */
  const add = (end: number): void => {
    if (end >= 0) valueEnd = end;
    if (first < 0) first = name;
    if (isTag) tag = valueEnd >= 0 ? cut(s, valueStart, valueEnd) : undefined;
  };
  let i = from;
  scan: for (; i < length; i++) {
    const c = charAt(s, i);
    if (isFold(state) && c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    switch (c) {
      case 32: /* space */
      case 9: /* tab */
        if (isName(state)) {
          if (state === TAG3) isTag = true;
          state = EQUALS;
        } else if (state === TOKEN) {
          add(i);
          state = VALUE_END;
        } else if (isFold(state)) state = saved;
        break;
      case 10: /* LF */
      case 13: /* CR */
        if (state === NAME_START || state === EQUALS || state === VALUE_START || state === VALUE_END) {
          saved = state;
          state = c === 13 ? CR : LF;
        } else if (isName(state)) {
          if (state === TAG3) isTag = true;
          saved = EQUALS;
          state = c === 13 ? CR : LF;
        } else if (state === TOKEN) {
          add(i);
          saved = VALUE_END;
          state = c === 13 ? CR : LF;
        } else if (state === CR && c === 10) state = CRLF;
        else if (isFold(state)) {
          state = saved;
          break scan;
        } else fail();
        break;
      case 92: /* \ */
        fail();
        break;
      case 34: /* " */
        if (state === VALUE_START) {
          valueStart = i + 1;
          state = QUOTED;
        } else if (state === QUOTED) {
          add(i);
          state = VALUE_END;
        } else fail();
        break;
      case 59: /* ; */
        if (state === QUOTED) break;
        if (isName(state) || state === EQUALS) {
          if (state === TAG3) isTag = true;
          add(-1);
        } else if (state === VALUE_START) {
          valueStart = i;
          add(i);
        } else if (state === TOKEN) add(i);
        else if (state !== VALUE_END) fail();
        name = -1;
        isTag = false;
        valueEnd = -1;
        state = NAME_START;
        break;
      case 61: /* = */
        if (state === QUOTED) break;
        if (isName(state)) {
          if (state === TAG3) isTag = true;
          state = VALUE_START;
        } else if (state === EQUALS) state = VALUE_START;
        else fail();
        break;
      case 44: /* , */
        // Allowed in a quoted value, and in a tag's value (some user agents put it there).
        if (state !== QUOTED && !((state === VALUE_START || state === TOKEN) && isTag)) fail();
        break;
      default: {
        const lower = c | 32;
        if (state === NAME_START) {
          name = i;
          state = lower === 116 /* t */ ? TAG1 : NAME;
        } else if (state === VALUE_START) {
          valueStart = i;
          state = TOKEN;
        } else if (state === TAG1) state = lower === 97 /* a */ ? TAG2 : NAME;
        else if (state === TAG2) state = lower === 103 /* g */ ? TAG3 : NAME;
        else if (state === TAG3) state = NAME;
        else if (state !== NAME && state !== TOKEN && state !== QUOTED) fail();
      }
    }
    if (state === NAME || state === TOKEN) i = runEnd(s, i + 1, PARAM_STOPS) - 1;
    else if (state === QUOTED) i = runEnd(s, i + 1, QUOTED_STOPS) - 1;
  }
  const last = isFold(state) ? saved : state;
  if (isName(last)) {
    if (last === TAG3) isTag = true;
    add(-1);
  } else if (last === EQUALS) add(-1);
  else if (last === VALUE_START) {
    valueStart = i;
    add(i);
  } else if (last === TOKEN) add(i);
  else if (last !== VALUE_END) fail();
  return { tag, first };
}

/** Splits a To/From body; undefined when Kamailio's parser refuses it. (The tobody transformations keep the results.) */
export function parseToBody(value: string): ToBody | undefined {
  try {
    return scan(value);
  } catch (e) {
    if (e instanceof Failure) return undefined;
    throw e;
  }
}

function scan(s: string): ToBody {
  const length = s.length + 2;
  let state = START;
  let saved = START;
  let displayStart = -1;
  let displayEnd = -1;
  let uriStart = -1;
  let uriEnd = -1;
  let blank = -1;
  let params: { tag: string | undefined; first: number } | undefined;
  // The state the header ended in, when it ended before the value's end (a line that does not continue it).
  let last = -1;
  let i = 0;
  for (; i < length; i++) {
    const c = charAt(s, i);
    if (isFold(state) && c !== 32 && c !== 9 && c !== 13 && c !== 10) {
      last = saved;
      break;
    }
    if (c === 59 /* ; */ && state !== DISPLAY_QUOTED && state !== URI_ENCLOSED) {
      if (state === URI_OR_TOKEN) uriEnd = i;
      else if (state === MAYBE_URI_END) uriEnd = blank;
      else if (state !== END) fail();
      params = scanParams(s, i);
      break;
    }
    switch (c) {
      case 32: /* space */
      case 9: /* tab */
        if (isFold(state)) state = saved;
        else if (state === URI_ENCLOSED) {
          uriEnd = i;
          state = URI_ENCLOSED_END;
        } else if (state === URI_OR_TOKEN) {
          blank = i;
          state = MAYBE_URI_END;
        } else if (state === DISPLAY_TOKEN) {
          blank = i;
          state = DISPLAY_TOKEN_SPACE;
        }
        break;
      case 10: /* LF */
      case 13: /* CR */
        if (state === URI_OR_TOKEN) {
          blank = i;
          state = MAYBE_URI_END;
        }
        if (state === MAYBE_URI_END || state === DISPLAY_TOKEN_SPACE || state === DISPLAY_QUOTED_END || state === END) {
          saved = state;
          state = c === 13 ? CR : LF;
        } else if (state === DISPLAY_TOKEN) {
          blank = i;
          saved = DISPLAY_TOKEN_SPACE;
          state = c === 13 ? CR : LF;
        } else if (state === CR && c === 10) state = CRLF;
        else if (isFold(state)) last = saved;
        else fail();
        break;
      case 92: /* \ */
        if (state !== DISPLAY_QUOTED) fail();
        i++;
        break;
      case 60: /* < */
        if (state === START || state === DISPLAY_QUOTED_END) state = URI_OPEN;
        else if (state === URI_OR_TOKEN || state === DISPLAY_TOKEN) {
          displayEnd = i;
          state = URI_OPEN;
        } else if (state === DISPLAY_TOKEN_SPACE || state === MAYBE_URI_END) {
          displayEnd = blank;
          state = URI_OPEN;
        } else if (state !== DISPLAY_QUOTED) fail();
        break;
      case 62: /* > */
        if (state === URI_ENCLOSED) uriEnd = i;
        if (state === URI_ENCLOSED || state === URI_ENCLOSED_END) state = END;
        else if (state !== DISPLAY_QUOTED) fail();
        break;
      case 34: /* " */
        if (state === START) {
          displayStart = i;
          state = DISPLAY_QUOTED;
        } else if (state === DISPLAY_QUOTED) {
          displayEnd = i + 1;
          state = DISPLAY_QUOTED_END;
        } else fail();
        break;
      case 59: /* ; inside a quoted display name or an enclosed URI */
        break;
      default:
        if (state === START) {
          uriStart = displayStart = i;
          state = URI_OR_TOKEN;
        } else if (state === URI_OPEN) {
          uriStart = i;
          state = URI_ENCLOSED;
        } else if (state === MAYBE_URI_END || state === DISPLAY_TOKEN_SPACE) state = DISPLAY_TOKEN;
        else if (state !== DISPLAY_QUOTED && state !== DISPLAY_TOKEN && state !== URI_ENCLOSED && state !== URI_OR_TOKEN) fail();
    }
    if (last >= 0) break;
    if (state === URI_ENCLOSED) i = runEnd(s, i + 1, ENCLOSED_STOPS) - 1;
    else if (state === URI_OR_TOKEN || state === DISPLAY_TOKEN) i = runEnd(s, i + 1, TOKEN_STOPS) - 1;
    else if (state === DISPLAY_QUOTED) i = runEnd(s, i + 1, QUOTED_STOPS) - 1;
  }
  if (last < 0 && !params) {
    // The whole value (and its CRLF) read.
    if (state === URI_OR_TOKEN || state === MAYBE_URI_END || state === END) {
      blank = length;
      last = state;
    } else last = saved;
  }
  if (!params) {
    // The header ended without parameters.
    if (last === URI_OR_TOKEN || last === MAYBE_URI_END) uriEnd = blank;
    else if (last !== END) fail();
  }
  return {
    display: displayEnd > displayStart && displayStart >= 0 ? cut(s, displayStart, displayEnd) : undefined,
    uri: cut(s, uriStart, uriEnd),
    tag: params?.tag,
    paramsStart: params ? params.first : -1,
  };
}
