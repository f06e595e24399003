// From and To ($fu $fU $fUl $fd $fn $ft $tu $tU $tUl $td $tn $tt): read from the
// headers as received; assigning the URI, its user or host, or the display
// name rewrites that part of the header when the message is sent (like
// Kamailio, a later read still sees the received header).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { tagOf, type NameAddr } from '../../../runtime/sip/headers/name-addr.js';
import { formatUri } from '../../../runtime/sip/uri.js';
import { readOnly, readWrite, textOf } from './define.js';
import { sipUri, URI_PARTS } from './uri.js';

type Which = 'from' | 'to';

function value(ctx: ExecContext, which: Which): NameAddr | undefined {
  const v = which === 'from' ? ctx.message.from() : ctx.message.to();
  return v === undefined || isSipError(v) ? undefined : v;
}

/** The display name as written, quotes kept; null when there is none. */
export function displayAsWritten(v: NameAddr): Value {
  if (!v.bracketed) return null;
  const name = v.raw.slice(0, v.raw.indexOf('<')).trim();
  return name === '' ? null : name;
}

/** Replaces the header's value with `change(value)` when the message is written. */
function rewriteHeader(ctx: ExecContext, which: Which, change: (v: NameAddr) => string | undefined): void {
  const v = value(ctx, which);
  const index = ctx.message.findHeader(which);
  if (!v || index < 0) return;
  const updated = change(v);
  if (updated !== undefined) ctx.edits.replaceHeaderValue(index, updated);
}

/** The header value with its URI replaced (angle brackets added when parameters could be mistaken). */
function withUri(v: NameAddr, uri: string): string {
  const at = v.raw.indexOf(v.uriText);
  if (v.bracketed) return `${v.raw.slice(0, at)}${uri}${v.raw.slice(at + v.uriText.length)}`;
  return `<${uri}>${v.raw.slice(at + v.uriText.length)}`;
}

function classesOf(which: Which, prefix: 'f' | 't'): PvClassDecl[] {
  const uriPart = (get: (u: NonNullable<ReturnType<typeof sipUri>>) => Value) => (ctx: ExecContext) => {
    const v = value(ctx, which);
    const u = v && sipUri(v.uriText);
    return u ? get(u) : null;
  };
  const setUriPart = (change: (u: NonNullable<ReturnType<typeof sipUri>>, text: string) => object) => (ctx: ExecContext, val: Value) => {
    const text = textOf(val);
    if (text === null) return;
    rewriteHeader(ctx, which, (v) => {
      const u = sipUri(v.uriText);
      return u ? withUri(v, formatUri({ ...u, ...change(u, text) })) : undefined;
    });
  };
  return [
    readWrite(
      `${prefix}u`,
      (ctx) => value(ctx, which)?.uriText ?? null,
      (ctx, val) => {
        const text = textOf(val);
        if (text !== null && sipUri(text)) rewriteHeader(ctx, which, (v) => withUri(v, text));
      },
    ),
    readWrite(`${prefix}U`, uriPart(URI_PARTS.user), setUriPart((_u, user) => ({ user: user === '' ? undefined : user }))),
    readOnly(`${prefix}Ul`, uriPart(URI_PARTS.userLength)),
    readWrite(`${prefix}d`, uriPart(URI_PARTS.host), setUriPart((_u, host) => ({ host }))),
    readWrite(
      `${prefix}n`,
      (ctx) => {
        const v = value(ctx, which);
        return v ? displayAsWritten(v) : null;
      },
      (ctx, val) => {
        const text = textOf(val) ?? '';
        rewriteHeader(ctx, which, (v) => {
          const at = v.raw.indexOf(v.uriText);
          const rest = v.bracketed ? v.raw.slice(v.raw.lastIndexOf('<', at)) : `<${v.uriText}>${v.raw.slice(at + v.uriText.length)}`;
          return text === '' ? rest : `${text} ${rest}`;
        });
      },
    ),
    readOnly(`${prefix}t`, (ctx) => {
      const v = value(ctx, which);
      return (v && tagOf(v)) ?? null;
    }),
  ];
}

export const fromToClasses: readonly PvClassDecl[] = [...classesOf('from', 'f'), ...classesOf('to', 't')];
