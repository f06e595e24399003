// textops' body functions: set_body (a new body; the Content-Type line
// replaced by one after the last header), has_body (Content-Length above zero,
// media types compared as Kamailio codes them) and is_audio_on_hold.

import { command, FixupError, type CommandDecl, type ExecContext } from '../api.js';
import { spve } from './args.js';
import { mimeCode } from './mime.js';
import { ANY_ROUTE, MESSAGE_ROUTES } from './routes.js';
import { audioHoldType } from './sdp-hold.js';

/** Whether the message declares a body: a Content-Length above zero. */
function declaresBody(ctx: ExecContext): boolean {
  const length = ctx.message.contentLength();
  return typeof length === 'number' && length > 0;
}

/** The codes of the message's media type (application/sdp when it names none). */
function contentMime(ctx: ExecContext): string | undefined {
  return mimeCode(ctx.message.header('content-type') ?? 'application/sdp');
}

/** has_body's media type, as its codes (Kamailio 5.6 refuses "0", which its README documents as "no check"). */
function mimeArg(text: string): string {
  const mime = mimeCode(text);
  if (mime === undefined) throw new FixupError(`"${text}" is not a media type (type/subtype)`);
  return mime;
}

function setBody(ctx: ExecContext, body: string, contentType: string): number {
  if (body === '' || contentType === '') return -1;
  const typeLine = ctx.message.findHeader('content-type');
  if (typeLine >= 0) ctx.edits.removeHeader(typeLine);
  ctx.edits.addHeaderText('last', `Content-Type: ${contentType}\r\n`);
  ctx.edits.setBody(body);
  return 1;
}

function onHold(ctx: ExecContext): number {
  if (!declaresBody(ctx) || contentMime(ctx) !== 'application/sdp') return -1;
  const type = audioHoldType(ctx.message.body.toString('latin1'));
  return type === undefined || type === 0 ? -1 : type;
}

export const bodyCommands: readonly CommandDecl[] = [
  command({ name: 'set_body', args: [spve('txt'), spve('content_type')], routes: MESSAGE_ROUTES, run: (ctx, [body, type]) => setBody(ctx, body, type) }),
  command({ name: 'has_body', args: [], routes: ANY_ROUTE, run: (ctx) => (declaresBody(ctx) ? 1 : -1) }),
  command({
    name: 'has_body',
    args: [{ name: 'mime', type: 'str', fixup: mimeArg }],
    routes: ANY_ROUTE,
    run: (ctx, [mime]) => (declaresBody(ctx) && contentMime(ctx) === mime ? 1 : -1),
  }),
  command({ name: 'is_audio_on_hold', args: [], routes: ANY_ROUTE, run: onHold }),
];
