// The destination set as a redirect (3xx) reply lists it in its Contact
// header: the Request-URI when the script rewrote it, then every branch, each
// with its q value and, on request (rich redirect), its branch flags and its
// path as a Route header escaped into the URI. Format checked against
// Kamailio 5.6.

import type { ExecContext } from './context.js';

/** What a rich redirect adds to each contact (Kamailio's rich_redirect bits). */
export const RICH_FLAGS = 1;
export const RICH_PATH = 2;

interface Destination {
  readonly uri: string;
  /** Thousandths; -1: none given. */
  readonly q: number;
  readonly flags: number;
  readonly path: string | undefined;
}

/** A q value as Kamailio prints it: 1, 0, or 0. and up to three digits (0.5, 0.25, 0.001). */
export function formatQ(q: number): string {
  if (q >= 1000) return '1';
  if (q <= 0) return '0';
  return `0.${String(q).padStart(3, '0').replace(/0+$/, '')}`;
}

/** Characters a URI header value keeps as they are (RFC 3261 unreserved and param-unreserved); others are %-escaped. */
const KEPT = /[A-Za-z0-9\-_.!~*'()[\]/:&+$]/;

function escapeParam(text: string): string {
  let out = '';
  for (const ch of Buffer.from(text, 'latin1')) {
    const c = String.fromCharCode(ch);
    out += KEPT.test(c) ? c : `%${ch.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function contact(d: Destination, rich: number): string {
  const route = rich & RICH_PATH && d.path ? `?Route=${escapeParam(d.path)}` : '';
  const q = d.q >= 0 ? `;q=${formatQ(d.q)}` : '';
  const flags = rich & RICH_FLAGS ? `;flags=${d.flags >>> 0}` : '';
  return `<${d.uri}${route}>${q}${flags}`;
}

/** The Contact header line (ending in CRLF) listing the destination set, or undefined when it is empty. */
export function destinationSetContact(ctx: ExecContext, rich: number): string | undefined {
  const set: Destination[] = [];
  if (ctx.edits.requestUri !== undefined) set.push({ uri: ctx.edits.requestUri, q: -1, flags: ctx.branchFlags, path: undefined });
  for (const b of ctx.branches) set.push({ uri: b.uri, q: b.q, flags: b.flags, path: b.path });
  if (set.length === 0) return undefined;
  return `Contact: ${set.map((d) => contact(d, rich)).join(', ')}\r\n`;
}
