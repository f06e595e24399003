// Changes to a message, kept as lumps and applied only when the message is
// written out, as Kamailio does: a removed or added header stays invisible to
// readers of the original message until the changes are applied
// (msg_apply_changes), while the Request-URI and destination URI change at
// once. Writing keeps Content-Length right. A header added as a SocketText
// is written only when the message is built, from the socket sending it
// (Kamailio's substitution lumps: Record-Route's address).

import type { SipError } from './errors.js';
import { SmallMap } from '../small-map.js';
import { SipMessage } from './message.js';
import { TextLumps } from './text-lumps.js';
import { parseUri, type Uri } from './uri.js';

/** Where a header line added as text goes: before the first header, after the last, or before/after header line `index`. */
export type HeaderPosition = 'first' | 'last' | { readonly before: number } | { readonly after: number };

/** The local socket a message leaves from: only known when it is sent. */
export interface SendingSocket {
  readonly proto: string;
  readonly address: string;
  readonly port: number;
  /** The name listen= gives the socket, if any. */
  readonly name?: string;
  /** set_advertised_address / set_advertised_port: what the message names instead of the socket's address and port. */
  readonly advertisedAddress?: string;
  readonly advertisedPort?: number;
}

/** Header text decided when the message is written, from the socket sending it (undefined: not sent, as by msg_apply_changes). */
export type SocketText = (sending: SendingSocket | undefined) => string;

/** Added header text: fixed, or decided by the sending socket. */
type AddedText = string | SocketText;

function written(texts: readonly AddedText[] | undefined, sending: SendingSocket | undefined): string {
  if (texts === undefined) return '';
  let out = '';
  for (const t of texts) out += typeof t === 'string' ? t : t(sending);
  return out;
}

function asLine(header: string): string {
  return `${header.replace(/\r?\n$/, '')}\r\n`;
}

/** A line of the original message, with CRLF line ends whatever it was received with. */
function crlf(line: string): string {
  return line.endsWith('\r\n') ? line : line.replace(/\r?\n/g, '\r\n');
}

function push(map: Map<number, AddedText[]>, field: number, line: AddedText): void {
  const list = map.get(field);
  if (list) list.push(line);
  else map.set(field, [line]);
}

/** What a message with no lines added or no text lumps shares (never changed: replaced on the first addition). */
const NO_LINES: readonly AddedText[] = Object.freeze([]);
const NO_LUMPS = new TextLumps();

export class MessageEdits {
  // Made on first use: most messages are forwarded with few changes or none.
  private removed: Set<number> | undefined;
  private replaced: SmallMap<number, string> | undefined;
  private first = NO_LINES as AddedText[];
  private last = NO_LINES as AddedText[];
  private before: Map<number, AddedText[]> | undefined;
  private after: Map<number, AddedText[]> | undefined;
  private newBody: Buffer | undefined;
  private newContentType: string | undefined;
  /** Changes at byte offsets of the message (replace, subst): see text-lumps.ts. */
  private lumps = NO_LUMPS;
  /** The Request-URI as changed by the script ($ru); reads see it at once. */
  requestUri: string | undefined;
  /** The destination URI ($du): where the request goes; not part of the message. */
  destination: string | undefined;

  constructor(readonly message: SipMessage) {}

  /**
   * An independent copy (to build one branch's message without touching the
   * script's changes). Given a message laid out as this one (bytes rewritten
   * in place, as change_reply_status does), the copy changes that one.
   */
  clone(message: SipMessage = this.message): MessageEdits {
    const copy = new MessageEdits(message);
    if (this.removed) copy.removed = new Set(this.removed);
    if (this.replaced) copy.replaced = new SmallMap(this.replaced.entries());
    copy.first = [...this.first];
    copy.last = [...this.last];
    if (this.before) copy.before = new Map([...this.before].map(([f, lines]) => [f, [...lines]]));
    if (this.after) copy.after = new Map([...this.after].map(([f, lines]) => [f, [...lines]]));
    copy.newBody = this.newBody;
    copy.newContentType = this.newContentType;
    copy.lumps = this.lumps === NO_LUMPS ? NO_LUMPS : this.lumps.copy();
    copy.requestUri = this.requestUri;
    copy.destination = this.destination;
    return copy;
  }

  /** The Request-URI now: the changed one if any, else the message's own. */
  get currentRequestUri(): string {
    return this.requestUri ?? this.message.requestUriText;
  }

  /** The Request-URI the script set, parsed by parsedRequestUri (with the text it was parsed from). */
  private parsedChange: { readonly text: string; readonly uri: Uri | SipError } | undefined;

  /**
   * The Request-URI now, parsed, and kept so for the message: a request's
   * route and modules read it several times (the URI memo would hash the
   * text for each). Unchanged, it is the message's own, which the message keeps.
   */
  get parsedRequestUri(): Uri | SipError {
    const changed = this.requestUri;
    if (changed === undefined) return this.message.requestUri() ?? parseUri(this.message.requestUriText);
    if (this.parsedChange?.text !== changed) this.parsedChange = { text: changed, uri: parseUri(changed) };
    return this.parsedChange.uri;
  }

  /** Removes header line `index` of the message. */
  removeHeader(index: number): void {
    (this.removed ??= new Set()).add(index);
  }

  /** Removes every header line with this name (compact forms included); returns how many. */
  removeHeaders(name: string): number {
    let count = 0;
    for (let i = this.message.findHeader(name); i >= 0; i = this.message.findHeader(name, i + 1)) {
      (this.removed ??= new Set()).add(i);
      count++;
    }
    return count;
  }

  private firstLines(): AddedText[] {
    if (this.first === NO_LINES) this.first = [];
    return this.first;
  }

  private lastLines(): AddedText[] {
    if (this.last === NO_LINES) this.last = [];
    return this.last;
  }

  /** Adds a header line after the last header (append_hf). */
  appendHeader(header: string): void {
    this.lastLines().push(asLine(header));
  }

  /** Adds a header line before the first header (insert_hf); returns a handle for replaceInsertedHeader. */
  insertHeader(header: string): number {
    return this.firstLines().push(asLine(header)) - 1;
  }

  /** Replaces a line added by insertHeader. */
  replaceInsertedHeader(handle: number, header: string): void {
    if (handle >= 0 && handle < this.first.length) this.first[handle] = asLine(header);
  }

  /** Adds a header line just before header line `index`. */
  addHeaderBefore(index: number, header: string): void {
    push((this.before ??= new Map()), index, asLine(header));
  }

  /** Adds a header line just after header line `index`. */
  addHeaderAfter(index: number, header: string): void {
    push((this.after ??= new Map()), index, asLine(header));
  }

  /**
   * Adds text exactly as given (no line end added, as Kamailio's append_hf
   * and insert_hf write what the script gives) at a header position; a
   * SocketText is asked for its text when the message is written.
   */
  addHeaderText(position: HeaderPosition, text: AddedText): void {
    if (position === 'first') this.firstLines().push(text);
    else if (position === 'last') this.lastLines().push(text);
    else if ('before' in position) push((this.before ??= new Map()), position.before, text);
    else push((this.after ??= new Map()), position.after, text);
  }

  /**
   * Replaces the text [start, end) of the received message (byte offsets in
   * `message.text`) with `text`: a deletion, an insertion (start === end) or
   * both, as Kamailio's lumps; see text-lumps.ts for overlapping ones.
   */
  replaceText(start: number, end: number, text: string): void {
    if (this.lumps === NO_LUMPS) this.lumps = new TextLumps();
    this.lumps.add(start, end, text);
  }

  /** Replaces the value of header line `index`, keeping its name as written. */
  replaceHeaderValue(index: number, value: string): void {
    (this.replaced ??= new SmallMap()).set(index, value);
  }

  /** Replaces (or adds) the body; with a content type, Content-Type too. */
  setBody(body: Buffer | string, contentType?: string): void {
    this.newBody = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.newContentType = contentType;
  }

  /** Header line `index` as received, with the text lumps in it applied (those at its end too for the last line). */
  private keptLine(index: number): string {
    const m = this.message;
    if (this.lumps.size === 0) return crlf(m.headerLine(index));
    const span = m.headerSpan(index);
    const last = index === m.headerCount - 1;
    return this.lumps.touches(span.start, span.end, last) ? this.lumps.apply(m.text, span.start, span.end, last) : crlf(m.headerLine(index));
  }

  /** What text lumps inserted in header line `index` when the line itself is removed (Kamailio still writes it). */
  private insertedInLine(index: number): string {
    if (this.lumps.size === 0) return '';
    const span = this.message.headerSpan(index);
    return this.lumps.insertedIn(span.start, span.end);
  }

  /** The first line as received, with the text lumps in it applied. */
  private firstLine(): string {
    const text = this.message.text;
    const end = text.indexOf('\n') + 1;
    return this.lumps.size > 0 && this.lumps.touches(0, end) ? this.lumps.apply(text, 0, end) : crlf(text.slice(0, end));
  }

  /** The body to send when it is not the received one: the new one, or the received one with the text lumps in it applied. */
  private changedBody(): Buffer | undefined {
    const m = this.message;
    if (this.newBody !== undefined || this.lumps.size === 0 || !this.lumps.touches(m.bodyStart, m.bodyEnd, true)) return this.newBody;
    return Buffer.from(this.lumps.apply(m.text, m.bodyStart, m.bodyEnd, true), 'latin1');
  }

  /** The message as it will be sent (from `sending`, when known): every change applied, Content-Length matching the body. */
  toBuffer(sending?: SendingSocket): Buffer {
    const m = this.message;
    const text = m.text;
    const changedBody = this.changedBody();
    const bodyLength = changedBody?.length ?? m.bodyEnd - m.bodyStart;
    let out = m.isRequest && this.requestUri !== undefined ? `${m.method} ${this.requestUri} SIP/2.0\r\n` : this.firstLine();
    if (this.first.length > 0) out += written(this.first, sending);
    // Lookups per line only for the kinds of change there are.
    const lineEdits = (this.removed?.size ?? 0) + (this.replaced?.size ?? 0) + (this.before?.size ?? 0) + (this.after?.size ?? 0) + this.lumps.size > 0;
    let lengthLine = m.findHeader('content-length');
    let typeLine = this.newContentType === undefined ? -1 : m.findHeader('content-type');
    let lengthWritten = false;
    let typeWritten = false;
    for (let i = 0; i < m.headerCount; i++) {
      if (lineEdits) out += written(this.before?.get(i), sending);
      if (i === lengthLine) {
        if (!lengthWritten) out += `${m.headerName(i)}: ${bodyLength}\r\n`;
        lengthWritten = true;
        lengthLine = m.findHeader('content-length', i + 1);
      } else if (i === typeLine) {
        if (!typeWritten) out += `${m.headerName(i)}: ${this.newContentType}\r\n`;
        typeWritten = true;
        typeLine = m.findHeader('content-type', i + 1);
      } else if (!lineEdits) {
        out += crlf(m.headerLine(i));
      } else if (this.removed?.has(i)) {
        out += this.insertedInLine(i);
      } else {
        const value = this.replaced?.get(i);
        // A line whose value was replaced drops the text lumps in it: their offsets are in the old value.
        out += value === undefined ? this.keptLine(i) : `${m.headerName(i)}: ${value}\r\n`;
      }
      if (lineEdits) out += written(this.after?.get(i), sending);
    }
    if (this.last.length > 0) out += written(this.last, sending);
    if (this.newContentType !== undefined && !typeWritten) out += `Content-Type: ${this.newContentType}\r\n`;
    if (!lengthWritten) out += `Content-Length: ${bodyLength}\r\n`;
    out += '\r\n';
    // The original body is latin1 text like the rest: one conversion, no concatenation.
    if (changedBody === undefined) return Buffer.from(out + text.slice(m.bodyStart, m.bodyEnd), 'latin1');
    const head = Buffer.from(out, 'latin1');
    return changedBody.length === 0 ? head : Buffer.concat([head, changedBody]);
  }

  /** msg_apply_changes: the changed message parsed again, so that reads see the changes. */
  apply(): SipMessage | SipError {
    return SipMessage.parse(this.toBuffer());
  }
}
