// Rewriting the URIs of Contact header values in place, for siputils'
// contact encoders: each value's URI text is replaced, its display name and
// header parameters kept as written, through a change to the header line
// (applied when the message is sent, as Kamailio's lumps are).

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseContacts, parseNameAddr, type NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { splitList } from '../../runtime/sip/headers/scan.js';

/** What a change makes of one value: the new URI text, a (negative) error code that stops the rewrite, or undefined to keep it. */
export type UriChange = (contact: NameAddr) => string | number | undefined;

/** The code for a Contact line that does not parse. */
const UNPARSEABLE_CONTACT = -4;

/** The Contact header lines: the first only, or all of them. */
export function contactLines(ctx: ExecContext, all: boolean): number[] {
  const lines: number[] = [];
  for (let i = ctx.message.findHeader('contact'); i >= 0; i = all ? ctx.message.findHeader('contact', i + 1) : -1) lines.push(i);
  return lines;
}

/**
 * The values of Contact line `index` (one per comma-separated part), `*`, or
 * undefined when the line does not parse (as Kamailio's parser, a value
 * outside `<...>` needs a scheme).
 */
export function parseContactLine(ctx: ExecContext, index: number): NameAddr[] | '*' | undefined {
  const raw = ctx.message.headerValue(index);
  const parsed = parseContacts(raw);
  if (isSipError(parsed)) return undefined;
  if (parsed === '*') return '*';
  const contacts = splitList(raw).map((part) => parseNameAddr(part, 'Contact'));
  return contacts.every((c) => !isSipError(c) && (c.bracketed || c.uriText.includes(':'))) ? (contacts as NameAddr[]) : undefined;
}

/** Where the URI of one value starts: after the `<` that is not in a quoted display name, or at its first character. */
function uriStart(part: string, contact: NameAddr): number {
  let i = 0;
  if (contact.bracketed) {
    for (; i < part.length && part[i] !== '<'; i++) {
      if (part[i] === '"') for (i++; i < part.length && part[i] !== '"'; i++) if (part[i] === '\\') i++;
    }
    i++;
  }
  while (part[i] === ' ' || part[i] === '\t' || part[i] === '\r' || part[i] === '\n') i++;
  return i;
}

/**
 * Rewrites the URIs of Contact line `index` value by value, last to first as
 * Kamailio does; `*` is left as it is. Returns 1, the first error code a
 * change gave (the values rewritten before it stay so), or
 * UNPARSEABLE_CONTACT.
 */
export function rewriteContactLine(ctx: ExecContext, index: number, change: UriChange): number {
  const contacts = parseContactLine(ctx, index);
  if (contacts === undefined) return UNPARSEABLE_CONTACT;
  if (contacts === '*') return 1;
  const parts = splitList(ctx.message.headerValue(index));
  let code = 1;
  let changed = false;
  // Kamailio keeps the values newest-first: the last one is rewritten first.
  for (let p = parts.length - 1; p >= 0 && code === 1; p--) {
    const contact = contacts[p]!;
    const result = change(contact);
    if (typeof result === 'number') code = result;
    else if (result !== undefined) {
      const start = uriStart(parts[p]!, contact);
      parts[p] = parts[p]!.slice(0, start) + result + parts[p]!.slice(start + contact.uriText.length);
      changed = true;
    }
  }
  if (changed) ctx.edits.replaceHeaderValue(index, parts.join(','));
  return code;
}
