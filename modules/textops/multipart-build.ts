// Building multipart bodies, as Kamailio 5.6 writes them (checked on the same
// messages): set_body_multipart (a new body of one part, or the body there is
// turned into one), append_body_part(_hex) (a part added at the end, whose
// boundary closes the body; the boundary that closed it before no longer
// does) and remove_body_part (the part of a content type taken out). The
// Content-Type becomes multipart/mixed with the boundary, and Mime-Version
// 1.0 is added. They work on the message as it is now: call
// msg_apply_changes() between them, as Kamailio's README says.

import { command, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { paramValue } from '../../runtime/sip/headers/scan.js';
import { spve } from './args.js';

const DEFAULT_BOUNDARY = 'unique-boundary-1';
const ROUTES = ['request', 'failure', 'branch'] as const;

/** The boundary the Content-Type names, or the default. */
function boundaryOf(ctx: ExecContext): string {
  const type = ctx.message.contentType();
  const boundary = type && !isSipError(type) ? paramValue(type.params, 'boundary') : undefined;
  return boundary ? boundary.replace(/^"(.*)"$/, '$1') : DEFAULT_BOUNDARY;
}

/** Replaces the body, with the multipart Content-Type and a Mime-Version when there is none. */
function setMultipartBody(ctx: ExecContext, body: string, boundary: string): number {
  const typeLine = ctx.message.findHeader('content-type');
  if (typeLine >= 0) ctx.edits.removeHeader(typeLine);
  ctx.edits.addHeaderText('last', `Content-Type: multipart/mixed;boundary="${boundary}"\r\n`);
  if (ctx.message.findHeader('mime-version') < 0) ctx.edits.addHeaderText('last', 'Mime-Version: 1.0\r\n');
  ctx.edits.setBody(Buffer.from(body, 'latin1'));
  return 1;
}

/** One part: its headers, a blank line, the text. */
const part = (contentType: string, text: string): string => `Content-Type: ${contentType}\r\n\r\n${text}\r\n`;

/** set_body_multipart with no text: the body there becomes the one part. */
function convert(ctx: ExecContext, boundary: string): number {
  const body = ctx.message.body.toString('latin1');
  const type = ctx.message.header('content-type') ?? 'text/plain';
  return setMultipartBody(ctx, `--${boundary}\r\n${part(type, body)}--${boundary}\r\n`, boundary);
}

function fresh(ctx: ExecContext, text: string, contentType: string, boundary: string): number {
  return setMultipartBody(ctx, `--${boundary}\r\n${part(contentType, text)}--${boundary}\r\n`, boundary);
}

function append(ctx: ExecContext, text: string, contentType: string, disposition: string | undefined): number {
  const boundary = boundaryOf(ctx);
  const closing = `--${boundary}--\r\n`;
  let body = ctx.message.body.toString('latin1');
  if (body.endsWith(closing)) body = `${body.slice(0, -closing.length)}--${boundary}\r\n`;
  const headers = `Content-Type: ${contentType}\r\n${disposition === undefined ? '' : `Content-Disposition: ${disposition}\r\n`}`;
  ctx.edits.setBody(Buffer.from(`${body}${headers}\r\n${text}\r\n${closing}`, 'latin1'));
  return 1;
}

/** `41 42 43` as the bytes it writes. */
function fromHex(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex').toString('latin1');
}

function remove(ctx: ExecContext, contentType: string): number {
  const delimiter = `--${boundaryOf(ctx)}\r\n`;
  const body = ctx.message.body.toString('latin1');
  for (let at = body.indexOf(delimiter); at >= 0; at = body.indexOf(delimiter, at + delimiter.length)) {
    if (!body.startsWith(`Content-Type: ${contentType}\r\n`, at + delimiter.length)) continue;
    const next = body.indexOf(`\r\n--${boundaryOf(ctx)}`, at + delimiter.length);
    if (next < 0) return -1;
    ctx.edits.setBody(Buffer.from(body.slice(0, at) + body.slice(next + 2), 'latin1'));
    return 1;
  }
  return -1;
}

export const multipartBuildCommands: readonly CommandDecl[] = [
  command({ name: 'set_body_multipart', args: [], routes: ROUTES, run: (ctx) => convert(ctx, DEFAULT_BOUNDARY) }),
  command({ name: 'set_body_multipart', args: [spve('boundary')], routes: ROUTES, run: (ctx, [boundary]) => convert(ctx, boundary) }),
  command({ name: 'set_body_multipart', args: [spve('txt'), spve('content_type')], routes: ROUTES, run: (ctx, [text, type]) => fresh(ctx, text, type, DEFAULT_BOUNDARY) }),
  command({
    name: 'set_body_multipart',
    args: [spve('txt'), spve('content_type'), spve('boundary')],
    routes: ROUTES,
    run: (ctx, [text, type, boundary]) => fresh(ctx, text, type, boundary),
  }),
  command({ name: 'append_body_part', args: [spve('txt'), spve('content_type')], routes: ROUTES, run: (ctx, [text, type]) => append(ctx, text, type, undefined) }),
  command({
    name: 'append_body_part',
    args: [spve('txt'), spve('content_type'), spve('content_disposition')],
    routes: ROUTES,
    run: (ctx, [text, type, disposition]) => append(ctx, text, type, disposition),
  }),
  command({ name: 'append_body_part_hex', args: [spve('txt'), spve('content_type')], routes: ROUTES, run: (ctx, [text, type]) => append(ctx, fromHex(text), type, undefined) }),
  command({
    name: 'append_body_part_hex',
    args: [spve('txt'), spve('content_type'), spve('content_disposition')],
    routes: ROUTES,
    run: (ctx, [text, type, disposition]) => append(ctx, fromHex(text), type, disposition),
  }),
  command({ name: 'remove_body_part', args: [spve('content_type')], routes: ROUTES, run: (ctx, [type]) => remove(ctx, type) }),
];
