// get_body_part(_raw) and filter_body on multipart bodies, read line by line
// as Kamailio 5.6 does: a part starts at an exact `Content-Type: type` line
// and runs to the next boundary line; a body that is not multipart comes
// whole from get_body_part(_raw).

import { command, type CommandDecl, type ExecContext, type PvAccess } from '../api.js';
import { paramValue } from '../../runtime/sip/headers/scan.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { spve, str } from './args.js';
import { mimeCode } from './mime.js';
import { ANY_ROUTE, MESSAGE_ROUTES } from './routes.js';

const TYPE_LINE = 'Content-Type: ';

/** `--boundary` of a multipart Content-Type, or undefined. */
function delimiter(ctx: ExecContext): string | undefined {
  const type = ctx.message.contentType();
  if (!type || isSipError(type)) return undefined;
  const boundary = paramValue(type.params, 'boundary');
  return boundary ? `--${boundary.replace(/^"(.*)"$/, '$1')}` : undefined;
}

/**
 * The first position at or after `from` (before `end`) where `needle` starts:
 * at `from` itself, or at the start of a following CRLF-ended line.
 */
function lineStart(text: string, needle: string, from: number, end: number): number {
  for (let at = from; at + needle.length <= end; ) {
    if (text.startsWith(needle, at)) return at;
    const cr = text.indexOf('\r', at);
    if (cr < 0 || cr >= end - 1 || text[cr + 1] !== '\n') return -1;
    at = cr + 2;
  }
  return -1;
}

/** The `Content-Type: ` line of the first part of the type: where it starts, and just after it. */
interface TypeLine {
  readonly start: number;
  readonly after: number;
}

/** The first part's Content-Type line; undefined when there is none or the body breaks Kamailio's reading. */
function findTypeLine(ctx: ExecContext, type: string): TypeLine | undefined {
  const { text, bodyStart, bodyEnd } = ctx.message;
  const wanted = type.toLowerCase();
  for (let start = lineStart(text, TYPE_LINE, bodyStart, bodyEnd); start >= 0; ) {
    const value = start + TYPE_LINE.length;
    if (bodyEnd - value <= type.length + 2) return undefined;
    if (text.slice(value, value + type.length).toLowerCase() === wanted) {
      const eol = value + type.length;
      return text.startsWith('\r\n', eol) ? { start, after: eol + 2 } : undefined;
    }
    start = lineStart(text, TYPE_LINE, value, bodyEnd);
  }
  return undefined;
}

/** The boundary line at or after `from`: where it starts and ends (its CRLF included). */
function boundaryLine(ctx: ExecContext, boundary: string, from: number): { start: number; end: number } | undefined {
  const { text, bodyEnd } = ctx.message;
  const start = lineStart(text, boundary, from, bodyEnd);
  if (start < 0) return undefined;
  const crlf = text.indexOf('\r\n', start + boundary.length);
  return { start, end: crlf < 0 || crlf >= bodyEnd ? bodyEnd : crlf + 2 };
}

function getBodyPart(ctx: ExecContext, type: string, out: PvAccess, raw: boolean): number {
  const m = ctx.message;
  if (m.bodyEnd === m.bodyStart) return -1;
  const boundary = delimiter(ctx);
  if (!boundary) {
    out.set?.(ctx, m.text.slice(m.bodyStart, m.bodyEnd));
    return 1;
  }
  const line = findTypeLine(ctx, type);
  const next = line && boundaryLine(ctx, boundary, line.after);
  if (!line || !next) return -1;
  out.set?.(ctx, raw ? m.text.slice(line.start, next.end) : m.text.slice(line.after, next.start));
  return 1;
}

/** filter_body: the body becomes the first part of the type, its headers and the CRLF before the next boundary left out. */
function filterBody(ctx: ExecContext, type: string): number {
  const { text, bodyStart, bodyEnd } = ctx.message;
  if (bodyEnd === bodyStart || mimeCode(ctx.message.header('content-type') ?? '') !== 'multipart/mixed') return -1;
  const boundary = delimiter(ctx);
  const line = boundary === undefined ? undefined : findTypeLine(ctx, type);
  if (!boundary || !line) return -1;
  let content = line.after;
  while (content < bodyEnd && (text[content] === '\r' || text[content] === '\n')) content++;
  ctx.edits.replaceText(bodyStart, content, '');
  // As in Kamailio, the first lump stays when no boundary follows.
  const next = boundaryLine(ctx, boundary, content);
  if (!next) return -1;
  ctx.edits.replaceText(next.start - 2, bodyEnd, '');
  return 1;
}

const OUT = { name: 'opv', type: 'pvar-writable' } as const;

export const multipartCommands: readonly CommandDecl[] = [
  command({ name: 'get_body_part', args: [spve('content_type'), OUT], routes: MESSAGE_ROUTES, run: (ctx, [type, out]) => getBodyPart(ctx, type, out, false) }),
  command({ name: 'get_body_part_raw', args: [spve('content_type'), OUT], routes: MESSAGE_ROUTES, run: (ctx, [type, out]) => getBodyPart(ctx, type, out, true) }),
  command({ name: 'filter_body', args: [str('content_type')], routes: ANY_ROUTE, run: (ctx, [type]) => filterBody(ctx, type) }),
];
