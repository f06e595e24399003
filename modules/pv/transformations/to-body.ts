// A To/From header body split as Kamailio 5.6's parse_to splits it, for the
// tobody transformations: a display name kept as written (quotes included),
// the URI in <...> or as an addr-spec, and the header parameters (tag picked
// out). The value is parsed with a CRLF after it, as Kamailio does, so line
// folding and the end of the value behave the same. Kamailio's state
// machine is followed closely: it decides which odd inputs fail.

import { TextMemo } from '../../../runtime/text-memo.js';

export interface ToBody {
  readonly display: string | undefined;
  readonly uri: string;
  readonly tag: string | undefined;
  /** Where the first parameter's name starts, or -1 when there are none. */
  readonly paramsStart: number;
}

type AddrState =
  | 'start' | 'displayQuoted' | 'displayQuotedEnd' | 'displayToken' | 'displayTokenSpace'
  | 'uriOpen' | 'uriEnclosed' | 'uriEnclosedEnd' | 'uriOrToken' | 'maybeUriEnd' | 'end';
type ParamState = 'nameStart' | 'name' | 'tag1' | 'tag2' | 'tag3' | 'equals' | 'valueStart' | 'token' | 'quoted' | 'valueEnd';
/** A CR, LF or CRLF was just seen: a blank after it continues the header (folding), anything else ends it. */
type Fold = 'cr' | 'lf' | 'crlf';

class Failure extends Error {}
const fail = (): never => {
  throw new Failure();
};

interface Param {
  name: number;
  isTag: boolean;
  value: { start: number; end: number } | undefined;
}

/** Header parameters from the ';' at `from`; gives the tag's value and where the first name starts. */
function scanParams(s: string, from: number): { tag: string | undefined; first: number } {
  let state: ParamState | Fold = 'valueEnd';
  let saved: ParamState = 'valueEnd';
  let param: Param = { name: -1, isTag: false, value: undefined };
  let valueStart = -1;
  let first = -1;
  let tag: string | undefined;
  const add = (valueEnd?: number): void => {
    if (valueEnd !== undefined) param.value = { start: valueStart, end: valueEnd };
    if (first < 0) first = param.name;
    if (param.isTag) tag = param.value ? s.slice(param.value.start, param.value.end) : undefined;
  };
  const nameEnds = (): void => {
    if (state === 'tag3') param.isTag = true;
  };
  const isName = (st: ParamState | Fold): boolean => st === 'name' || st === 'tag1' || st === 'tag2' || st === 'tag3';
  const isFold = (st: ParamState | Fold): st is Fold => st === 'cr' || st === 'lf' || st === 'crlf';
  let i = from;
  scan: for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isFold(state) && c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    switch (c) {
      case 32: /* space */
      case 9: /* tab */
        if (isName(state)) {
          nameEnds();
          state = 'equals';
        } else if (state === 'token') {
          add(i);
          state = 'valueEnd';
        } else if (isFold(state)) state = saved;
        break;
      case 10: /* LF */
      case 13: /* CR */
        if (state === 'nameStart' || state === 'equals' || state === 'valueStart' || state === 'valueEnd') {
          saved = state;
          state = c === 13 ? 'cr' : 'lf';
        } else if (isName(state)) {
          nameEnds();
          saved = 'equals';
          state = c === 13 ? 'cr' : 'lf';
        } else if (state === 'token') {
          add(i);
          saved = 'valueEnd';
          state = c === 13 ? 'cr' : 'lf';
        } else if (state === 'cr' && c === 10) state = 'crlf';
        else if (isFold(state)) {
          state = saved;
          break scan;
        } else fail();
        break;
      case 92: /* \ */
        fail();
        break;
      case 34: /* " */
        if (state === 'valueStart') {
          valueStart = i + 1;
          state = 'quoted';
        } else if (state === 'quoted') {
          add(i);
          state = 'valueEnd';
        } else fail();
        break;
      case 59: /* ; */
        if (state === 'quoted') break;
        if (isName(state) || state === 'equals') {
          nameEnds();
          add();
        } else if (state === 'valueStart') {
          valueStart = i;
          add(i);
        } else if (state === 'token') add(i);
        else if (state !== 'valueEnd') fail();
        param = { name: -1, isTag: false, value: undefined };
        state = 'nameStart';
        break;
      case 61: /* = */
        if (state === 'quoted') break;
        if (isName(state)) {
          nameEnds();
          state = 'valueStart';
        } else if (state === 'equals') state = 'valueStart';
        else fail();
        break;
      case 44: /* , */
        // Allowed in a quoted value, and in a tag's value (some user agents put it there).
        if (state !== 'quoted' && !((state === 'valueStart' || state === 'token') && param.isTag)) fail();
        break;
      default: {
        const lower = c | 32;
        if (state === 'nameStart') {
          param.name = i;
          state = lower === 116 /* t */ ? 'tag1' : 'name';
        } else if (state === 'valueStart') {
          valueStart = i;
          state = 'token';
        } else if (state === 'tag1') state = lower === 97 /* a */ ? 'tag2' : 'name';
        else if (state === 'tag2') state = lower === 103 /* g */ ? 'tag3' : 'name';
        else if (state === 'tag3') state = 'name';
        else if (state !== 'name' && state !== 'token' && state !== 'quoted') fail();
      }
    }
  }
  const last: ParamState = isFold(state) ? saved : state;
  if (isName(last)) {
    if (last === 'tag3') param.isTag = true;
    add();
  } else if (last === 'equals') add();
  else if (last === 'valueStart') {
    valueStart = i;
    add(i);
  } else if (last === 'token') add(i);
  else if (last !== 'valueEnd') fail();
  return { tag, first };
}

/** Parsed values by their text (immutable results): the same From and To are read again and again. */
const PARSED = new TextMemo<ToBody | null>((value) => parseText(value) ?? null);

/** Splits a To/From body; undefined when Kamailio's parser refuses it. */
export function parseToBody(value: string): ToBody | undefined {
  return PARSED.get(value) ?? undefined;
}

function parseText(value: string): ToBody | undefined {
  try {
    return scan(value + '\r\n');
  } catch (e) {
    if (e instanceof Failure) return undefined;
    throw e;
  }
}

function scan(s: string): ToBody {
  let state: AddrState | Fold = 'start';
  let saved: AddrState = 'start';
  let displayStart = -1;
  let displayEnd = -1;
  let uriStart = -1;
  let uriEnd = -1;
  let blank = -1;
  const isFold = (st: AddrState | Fold): st is Fold => st === 'cr' || st === 'lf' || st === 'crlf';
  const result = (params: { tag: string | undefined; first: number }): ToBody => ({
    display: displayEnd > displayStart && displayStart >= 0 ? s.slice(displayStart, displayEnd) : undefined,
    uri: s.slice(uriStart, uriEnd),
    tag: params.tag,
    paramsStart: params.first,
  });
  /** The header ended (the value's end, or a line that does not continue it): decided by the state it ended in. */
  const ended = (last: AddrState): ToBody => {
    if (last === 'uriOrToken' || last === 'maybeUriEnd') uriEnd = blank;
    else if (last !== 'end') fail();
    return result({ tag: undefined, first: -1 });
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isFold(state) && c !== 32 && c !== 9 && c !== 13 && c !== 10) return ended(saved);
    switch (c) {
      case 32: /* space */
      case 9: /* tab */
        if (isFold(state)) state = saved;
        else if (state === 'uriEnclosed') {
          uriEnd = i;
          state = 'uriEnclosedEnd';
        } else if (state === 'uriOrToken') {
          blank = i;
          state = 'maybeUriEnd';
        } else if (state === 'displayToken') {
          blank = i;
          state = 'displayTokenSpace';
        }
        break;
      case 10: /* LF */
      case 13: /* CR */
        if (state === 'uriOrToken') {
          blank = i;
          state = 'maybeUriEnd';
        }
        if (state === 'maybeUriEnd' || state === 'displayTokenSpace' || state === 'displayQuotedEnd' || state === 'end') {
          saved = state;
          state = c === 13 ? 'cr' : 'lf';
        } else if (state === 'displayToken') {
          blank = i;
          saved = 'displayTokenSpace';
          state = c === 13 ? 'cr' : 'lf';
        } else if (state === 'cr' && c === 10) state = 'crlf';
        else if (isFold(state)) return ended(saved);
        else fail();
        break;
      case 92: /* \ */
        if (state !== 'displayQuoted') fail();
        i++;
        break;
      case 60: /* < */
        if (state === 'start' || state === 'displayQuotedEnd') state = 'uriOpen';
        else if (state === 'uriOrToken' || state === 'displayToken') {
          displayEnd = i;
          state = 'uriOpen';
        } else if (state === 'displayTokenSpace' || state === 'maybeUriEnd') {
          displayEnd = blank;
          state = 'uriOpen';
        } else if (state !== 'displayQuoted') fail();
        break;
      case 62: /* > */
        if (state === 'uriEnclosed') uriEnd = i;
        if (state === 'uriEnclosed' || state === 'uriEnclosedEnd') state = 'end';
        else if (state !== 'displayQuoted') fail();
        break;
      case 34: /* " */
        if (state === 'start') {
          displayStart = i;
          state = 'displayQuoted';
        } else if (state === 'displayQuoted') {
          displayEnd = i + 1;
          state = 'displayQuotedEnd';
        } else fail();
        break;
      case 59: /* ; */
        if (state === 'displayQuoted' || state === 'uriEnclosed') break;
        if (state === 'uriOrToken') uriEnd = i;
        else if (state === 'maybeUriEnd') uriEnd = blank;
        else if (state !== 'end') fail();
        return result(scanParams(s, i));
      default:
        if (state === 'start') {
          uriStart = displayStart = i;
          state = 'uriOrToken';
        } else if (state === 'uriOpen') {
          uriStart = i;
          state = 'uriEnclosed';
        } else if (state === 'maybeUriEnd' || state === 'displayTokenSpace') state = 'displayToken';
        else if (state !== 'displayQuoted' && state !== 'displayToken' && state !== 'uriEnclosed' && state !== 'uriOrToken') fail();
    }
  }
  if (state === 'uriOrToken' || state === 'maybeUriEnd' || state === 'end') {
    blank = s.length;
    return ended(state);
  }
  return ended(saved);
}
