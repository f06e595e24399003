// The parts of a message textops works on, as offsets in its latin1 text
// (byte offsets, for lumps), and matching inside a part the way Kamailio
// scans it: each further search starts where the last match ended.

import type { SipMessage } from '../../runtime/sip/message.js';

export interface Region {
  readonly start: number;
  readonly end: number;
}

/** The whole message, first line included (search). */
export function wholeMessage(m: SipMessage): Region {
  return { start: 0, end: m.text.length };
}

/** Everything after the first line, body included (replace, subst, search_append). */
export function afterFirstLine(m: SipMessage): Region {
  return { start: m.text.indexOf('\n') + 1, end: m.text.length };
}

/** The header lines and the empty line ending them (replace_hdrs). */
export function headerBlock(m: SipMessage): Region {
  return { start: m.text.indexOf('\n') + 1, end: m.bodyStart };
}

/** The body (the *_body functions). */
export function bodyOf(m: SipMessage): Region {
  return { start: m.bodyStart, end: m.bodyEnd };
}

/** The value of header line `index`, as received (folded lines included). */
export function headerValueOf(m: SipMessage, index: number): Region {
  const span = m.headerSpan(index);
  return { start: span.valueStart, end: span.valueEnd };
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

/** A copy of `re` that scans (the `g` flag), made once per expression. */
function scanning(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

/** A match with offsets in the message text. */
export interface Match {
  readonly start: number;
  readonly end: number;
  /** The text of each group (index 0: the whole match); undefined for a group that did not take part. */
  readonly groups: ReadonlyArray<string | undefined>;
}

/**
 * Which matches to list: the first; every one, stopping after an empty one
 * (Kamailio's replace_all and its kin refuse to go on from one); or every
 * one, stepping over empty ones (subst with `g`).
 */
export type Scan = 'first' | 'all' | 'all-stepping';

/** The matches of `re` in text[region], in order. */
export function matchesIn(re: RegExp, text: string, region: Region, scan: Scan): Match[] {
  const part = region.start === 0 && region.end === text.length ? text : text.slice(region.start, region.end);
  const g = scanning(re);
  g.lastIndex = 0;
  const out: Match[] = [];
  for (let m = g.exec(part); m; m = g.exec(part)) {
    out.push({ start: region.start + m.index, end: region.start + m.index + m[0].length, groups: [...m] });
    if (scan === 'first') break;
    if (m[0].length === 0) {
      if (scan === 'all') break;
      g.lastIndex++;
    }
  }
  return out;
}

/** Whether `re` matches somewhere in text[region]. */
export function matchesSomewhere(re: RegExp, text: string, region: Region): boolean {
  return matchesIn(re, text, region, 'first').length > 0;
}
