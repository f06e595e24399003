// A parsed SIP message. Parsing a buffer finds the first line, the header
// boundaries (line folding, compact names) and the body by Content-Length;
// each header's value is parsed on first use and cached. The text is the
// buffer decoded as latin1, so every offset is a byte offset.

import { TOKEN, parseDecimal, trimEnd, utf8 } from './chars.js';
import { isSipError, sipError, type SipError } from './errors.js';
import { HOT, headerKeyAt, hotHeaderAt, keyInfo, type KeyInfo } from './header-names.js';
import { parseAuth, type AuthValue } from './headers/auth.js';
import { parseCSeq, type CSeq } from './headers/cseq.js';
import { parseContentType, parseEvent, parseTokenList, parseWarnings, type TokenWithParams } from './headers/lists.js';
import { parseContacts, parseNameAddr, parseNameAddrList, uriOf, type NameAddr } from './headers/name-addr.js';
import { parseContentLength, parseExpires, parseMaxForwards, parseRetryAfter } from './headers/numbers.js';
import { parseTopVia, parseVias, type Via } from './headers/via.js';
import { parseUri, type Uri } from './uri.js';

export interface SipLimits {
  /** Largest message accepted, in bytes. */
  readonly maxMessageSize: number;
  /** Most header lines accepted. */
  readonly maxHeaders: number;
  /** Longest line (a header with its folded continuations) accepted, in bytes. */
  readonly maxLineLength: number;
}

export const DEFAULT_LIMITS: SipLimits = { maxMessageSize: 65535, maxHeaders: 128, maxLineLength: 16384 };

export interface ParseOptions {
  readonly limits?: SipLimits;
  /** From a stream transport: a Content-Length header is required. */
  readonly stream?: boolean;
}

type Parsed<T> = T | SipError | undefined;

/** Offsets in a message's text of one header line (see SipMessage.headerSpan). */
export interface HeaderSpan {
  readonly start: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly end: number;
}

/** Accepted SIP versions: SIP/2.0 (case-insensitive, as RFC 3261 7.1 allows). */
const VERSION = /^SIP\/2\.0$/i;

const UNSET = Symbol('unset');

export class SipMessage {
  /** Parsed header values, filled on first use (the hot ones have fields of their own). */
  private cache: Map<string, unknown> | undefined;
  private topVia: unknown = UNSET;
  private fromValue: unknown = UNSET;
  private toValue: unknown = UNSET;
  private cseqValue: unknown = UNSET;
  private callIdValue: unknown = UNSET;
  private requestUriValue: unknown = UNSET;

  private constructor(
    /**
     * What the message was read from, decoded as latin1 (a datagram may hold
     * more after the body). Kept as a string, not the received Buffer: V8's
     * heap gives its memory back, while Buffers held by transactions for
     * seconds fragment the C heap and keep the process large after a load.
     */
    private readonly received: string,
    /** The message decoded as latin1: one char per byte, up to the end of its body. */
    readonly text: string,
    readonly isRequest: boolean,
    /** Request method as written (empty for a reply). */
    readonly method: string,
    /** Request-URI as written (empty for a reply). */
    readonly requestUriText: string,
    /** Reply status (0 for a request). */
    readonly status: number,
    /** Reply reason phrase as bytes (latin1); see `reasonText`. */
    readonly reason: string,
    /** Per header line: name start, name end, value start, value end, line end, folded (1 or 0). */
    private readonly offsets: readonly number[],
    /** Per HOT header: the index of its first line, or -1; at index 0, a bit (1 << which) for each HOT header with more than one line. */
    private readonly hot: readonly number[],
    readonly bodyStart: number,
    readonly bodyEnd: number,
  ) {}

  /** Parses one message from a buffer; a typed error (never an exception) when it is malformed. */
  static parse(buffer: Buffer, options: ParseOptions = {}): SipMessage | SipError {
    const limits = options.limits ?? DEFAULT_LIMITS;
    if (buffer.length > limits.maxMessageSize) return sipError(`message larger than ${limits.maxMessageSize} bytes`, 513);
    return SipMessage.parseText(buffer.toString('latin1'), options);
  }

  /** Parses one message from its bytes as a latin1 string (one char per byte), as siprc builds messages: no copy into a Buffer and back. */
  static parseText(text: string, options: ParseOptions = {}): SipMessage | SipError {
    const limits = options.limits ?? DEFAULT_LIMITS;
    if (text.length > limits.maxMessageSize) return sipError(`message larger than ${limits.maxMessageSize} bytes`, 513);
    const firstEnd = text.indexOf('\n');
    if (firstEnd < 0) return sipError('no end of line after the first line');
    const lineEnd = firstEnd > 0 && text.charCodeAt(firstEnd - 1) === 13 ? firstEnd - 1 : firstEnd;
    if (lineEnd > limits.maxLineLength) return sipError(`first line longer than ${limits.maxLineLength} bytes`);
    const first = parseFirstLine(text, lineEnd);
    if (isSipError(first)) return first;
    const offsets = scratchFor(limits.maxHeaders);
    const hot = [0, -1, -1, -1, -1, -1, -1, -1, -1]; // see the constructor's `hot`
    let count = 0;
    let pos = firstEnd + 1;
    let ended = false;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 13 && text.charCodeAt(pos + 1) === 10) {
        pos += 2;
        ended = true;
        break;
      }
      if (c === 10) {
        pos += 1;
        ended = true;
        break;
      }
      if (count >= limits.maxHeaders) return sipError(`more than ${limits.maxHeaders} header lines`);
      const problem = readField(text, pos, limits, offsets, count * FIELD);
      if (problem !== undefined) return problem;
      const which = hotHeaderAt(text, pos, offsets[count * FIELD + NAME_END]!);
      if (which !== 0) {
        if (hot[which] === -1) hot[which] = count;
        else hot[0]! |= 1 << which;
      }
      pos = offsets[count * FIELD + LINE_END]!;
      count++;
    }
    if (!ended && options.stream) return sipError('headers not ended by an empty line');
    const bodyStart = pos;
    let bodyEnd = text.length;
    const cl = hot[HOT.contentLength]!;
    if (cl >= 0) {
      const length = parseContentLength(text.slice(offsets[cl * FIELD + VALUE_START], offsets[cl * FIELD + VALUE_END]));
      if (isSipError(length)) return length;
      if (bodyStart + length > text.length) return sipError(`Content-Length ${length} is larger than the body (${text.length - bodyStart} bytes)`);
      bodyEnd = bodyStart + length;
    } else if (options.stream) {
      return sipError('Content-Length is required on a stream transport');
    }
    return new SipMessage(
      text,
      bodyEnd === text.length ? text : text.slice(0, bodyEnd),
      first.isRequest,
      first.method,
      first.uri,
      first.status,
      first.reason,
      offsets.slice(0, count * FIELD),
      hot,
      bodyStart,
      bodyEnd,
    );
  }

  /** The reason phrase decoded as UTF-8. */
  get reasonText(): string {
    return utf8(this.reason);
  }

  /** The bytes the message was read from (a new copy each time). */
  get buffer(): Buffer {
    return Buffer.from(this.received, 'latin1');
  }

  /** The body's bytes (a new copy each time). */
  get body(): Buffer {
    return Buffer.from(this.text.slice(this.bodyStart, this.bodyEnd), 'latin1');
  }

  /** Number of header lines. */
  get headerCount(): number {
    return this.offsets.length / FIELD;
  }

  /** A header line's lookup key: lower case, compact forms expanded. */
  headerKey(index: number): string {
    return headerKeyAt(this.text, this.offsets[index * FIELD]!, this.offsets[index * FIELD + NAME_END]!);
  }

  /** A header line's name as written. */
  headerName(index: number): string {
    return this.text.slice(this.offsets[index * FIELD], this.offsets[index * FIELD + NAME_END]);
  }

  /** A header line's value, unfolded (continuation line ends read as one space). */
  headerValue(index: number): string {
    const o = index * FIELD;
    const raw = this.text.slice(this.offsets[o + VALUE_START], this.offsets[o + VALUE_END]);
    return this.offsets[o + FOLDED] === 1 ? raw.replace(/\r?\n[ \t]+/g, ' ') : raw;
  }

  /** A header line exactly as received, its line end included. */
  headerLine(index: number): string {
    return this.text.slice(this.offsets[index * FIELD], this.offsets[index * FIELD + LINE_END]);
  }

  /**
   * Where header line `index` lies in `text`: its start, the end of its name,
   * its value as received (folded lines included) and the end of the line
   * (after its line end). For changes at byte offsets (text lumps).
   */
  headerSpan(index: number): HeaderSpan {
    const o = index * FIELD;
    const at = this.offsets;
    return { start: at[o]!, nameEnd: at[o + NAME_END]!, valueStart: at[o + VALUE_START]!, valueEnd: at[o + VALUE_END]!, end: at[o + LINE_END]! };
  }

  /** Whether header line `index` has this lookup key (compare without allocating). */
  isHeader(index: number, key: string): boolean {
    return nameIs(this.text, this.offsets, index, key, keyInfo(key).compact);
  }

  /**
   * The index of the first header line named `name` at or after `from`, or
   * -1. A name known before messages arrive can be given as its keyInfo.
   */
  findHeader(name: string | KeyInfo, from = 0): number {
    const { key, compact, hot } = typeof name === 'string' ? keyInfo(name) : name;
    if (hot !== 0 && from === 0) return this.hot[hot]!;
    return findIn(this.text, this.offsets, this.headerCount, key, compact, from);
  }

  /** The values of every header line with this name (any case, compact forms too). */
  headerValues(name: string): string[] {
    const { key, compact: code } = keyInfo(name);
    const out: string[] = [];
    for (let i = 0; i < this.headerCount; i++) if (nameIs(this.text, this.offsets, i, key, code)) out.push(this.headerValue(i));
    return out;
  }

  /** The value of the first header line with this name. */
  header(name: string): string | undefined {
    const i = this.findHeader(name);
    return i < 0 ? undefined : this.headerValue(i);
  }

  /** How many lines a HOT header (HOT.from, ...) has, told apart no further than 0, 1 or 2 (more than one). */
  hotLines(which: number): 0 | 1 | 2 {
    if (this.hot[which]! < 0) return 0;
    return (this.hot[0]! & (1 << which)) === 0 ? 1 : 2;
  }

  /** The value of the first line of a HOT header. */
  private firstHot(which: number): string | undefined {
    const i = this.hot[which]!;
    return i < 0 ? undefined : this.headerValue(i);
  }

  /**
   * Parses the first line of a HOT header with `parse`, reading the message
   * text in place (no copy of the value) unless the line is folded.
   */
  private parseHot<T>(which: number, parse: (s: string, start: number, end: number) => T): T | undefined {
    const i = this.hot[which]!;
    if (i < 0) return undefined;
    const o = i * FIELD;
    if (this.offsets[o + FOLDED] === 1) {
      const value = this.headerValue(i);
      return parse(value, 0, value.length);
    }
    return parse(this.text, this.offsets[o + VALUE_START]!, this.offsets[o + VALUE_END]!);
  }


  private cached<T>(key: string, compute: () => Parsed<T>): Parsed<T> {
    const cache = (this.cache ??= new Map());
    if (cache.has(key)) return cache.get(key) as Parsed<T>;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  private single<T>(key: string, parse: (raw: string) => T | SipError): Parsed<T> {
    return this.cached(key, () => {
      const raw = this.header(key);
      return raw === undefined ? undefined : parse(raw);
    });
  }

  private list<T>(name: string, parse: (raw: string) => T[] | SipError): Parsed<T[]> {
    return this.cached(name, () => {
      const values = this.headerValues(name);
      if (values.length === 0) return undefined;
      const out: T[] = [];
      for (const raw of values) {
        const parsed = parse(raw);
        if (isSipError(parsed)) return parsed;
        out.push(...parsed);
      }
      return out;
    });
  }

  /** The Request-URI, parsed. */
  requestUri(): Parsed<Uri> {
    if (!this.isRequest) return undefined;
    if (this.requestUriValue === UNSET) this.requestUriValue = parseUri(this.requestUriText);
    return this.requestUriValue as Parsed<Uri>;
  }

  /** The topmost Via value (only the first value of the first Via line is parsed). */
  via(): Parsed<Via> {
    if (this.topVia === UNSET) this.topVia = this.parseHot(HOT.via, parseTopVia);
    return this.topVia as Parsed<Via>;
  }

  /** Every Via value, top first. */
  vias(): Parsed<Via[]> {
    return this.list('via', parseVias);
  }

  from(): Parsed<NameAddr> {
    if (this.fromValue === UNSET) this.fromValue = this.parseHot(HOT.from, parseFrom);
    return this.fromValue as Parsed<NameAddr>;
  }

  to(): Parsed<NameAddr> {
    if (this.toValue === UNSET) this.toValue = this.parseHot(HOT.to, parseTo);
    return this.toValue as Parsed<NameAddr>;
  }

  callId(): Parsed<string> {
    if (this.callIdValue === UNSET) {
      const raw = this.firstHot(HOT.callId);
      this.callIdValue = raw === undefined ? undefined : isWord(raw) ? raw : sipError(`bad Call-ID "${raw}"`);
    }
    return this.callIdValue as Parsed<string>;
  }

  cseq(): Parsed<CSeq> {
    if (this.cseqValue === UNSET) this.cseqValue = this.parseHot(HOT.cseq, parseCSeq);
    return this.cseqValue as Parsed<CSeq>;
  }

  maxForwards(): Parsed<number> {
    return this.single('max-forwards', parseMaxForwards);
  }

  contentLength(): Parsed<number> {
    return this.single('content-length', parseContentLength);
  }

  contentType(): Parsed<TokenWithParams> {
    return this.single('content-type', parseContentType);
  }

  expires(): Parsed<number> {
    return this.single('expires', parseExpires);
  }

  /** Contact values, or `*` (REGISTER removing every binding). */
  contacts(): Parsed<NameAddr[] | '*'> {
    return this.cached('contact', () => {
      const values = this.headerValues('contact');
      if (values.length === 0) return undefined;
      if (values.length === 1) return parseContacts(values[0]!);
      const out: NameAddr[] = [];
      for (const raw of values) {
        const parsed = parseContacts(raw);
        if (isSipError(parsed)) return parsed;
        if (parsed === '*') return sipError('Contact: * must be the only Contact value');
        out.push(...parsed);
      }
      return out;
    });
  }

  routes(): Parsed<NameAddr[]> {
    return this.list('route', (raw) => parseNameAddrList(raw, 'Route'));
  }

  recordRoutes(): Parsed<NameAddr[]> {
    return this.list('record-route', (raw) => parseNameAddrList(raw, 'Record-Route'));
  }

  path(): Parsed<NameAddr[]> {
    return this.list('path', (raw) => parseNameAddrList(raw, 'Path'));
  }

  diversion(): Parsed<NameAddr[]> {
    return this.list('diversion', (raw) => parseNameAddrList(raw, 'Diversion'));
  }

  assertedIdentities(): Parsed<NameAddr[]> {
    return this.list('p-asserted-identity', (raw) => parseNameAddrList(raw, 'P-Asserted-Identity'));
  }

  /** Authorization / Proxy-Authorization (credentials) and WWW-/Proxy-Authenticate (challenges), every value. */
  auth(name: 'authorization' | 'proxy-authorization' | 'www-authenticate' | 'proxy-authenticate'): Parsed<AuthValue[]> {
    return this.list(name, (raw) => {
      const value = parseAuth(raw, name);
      return isSipError(value) ? value : [value];
    });
  }

  /** Require, Proxy-Require, Supported, Unsupported, Allow: the tokens of every line. */
  tokens(name: 'require' | 'proxy-require' | 'supported' | 'unsupported' | 'allow'): Parsed<string[]> {
    return this.list(name, (raw) => parseTokenList(raw, name));
  }

  event(): Parsed<TokenWithParams> {
    return this.single('event', parseEvent);
  }

  userAgent(): string | undefined {
    return this.header('user-agent');
  }

  /**
   * Parses every header siprc knows the grammar of and the Request-URI, and
   * returns the first problem: what a server checks before routing a message.
   * Semantic rules (required headers, one value per single-value header) are
   * not checked here.
   */
  check(): SipError | undefined {
    const problems: Array<Parsed<unknown>> = [
      this.requestUri(),
      this.vias(),
      this.from(),
      this.to(),
      this.callId(),
      this.cseq(),
      this.maxForwards(),
      this.contentType(),
      this.expires(),
      this.contacts(),
      this.routes(),
      this.recordRoutes(),
      this.path(),
      this.event(),
      this.auth('authorization'),
      this.auth('proxy-authorization'),
      this.auth('www-authenticate'),
      this.auth('proxy-authenticate'),
      this.tokens('require'),
      this.tokens('proxy-require'),
      this.tokens('supported'),
      this.tokens('unsupported'),
      this.tokens('allow'),
      ...this.headerValues('retry-after').map(parseRetryAfter),
      ...this.headerValues('warning').map(parseWarnings),
    ];
    for (const p of problems) if (isSipError(p)) return p;
    if (this.isRequest) {
      const ruri = this.requestUri();
      if (ruri && !isSipError(ruri) && 'headers' in ruri && ruri.headers.length > 0) {
        return sipError('the Request-URI must not have headers');
      }
      const cseq = this.cseq();
      if (cseq && !isSipError(cseq) && cseq.method !== this.method) {
        return sipError(`the CSeq method ${cseq.method} does not match the request method ${this.method}`);
      }
    }
    for (const value of [this.from(), this.to()]) {
      if (value && !isSipError(value)) {
        const uri = uriOf(value);
        if (isSipError(uri)) return uri;
      }
    }
    return undefined;
  }
}

/** White space and control characters (the regex engine scans faster than a loop here). */
const NOT_WORD = /[\x00-\x20]/;

/** Call-ID: non-empty, no white space or control characters. */
function isWord(s: string): boolean {
  return s.length > 0 && !NOT_WORD.test(s);
}

/** `SIP/2.0`, in any case. */
function isVersion20(s: string, start: number, end: number): boolean {
  return (
    end - start === 7 &&
    (s.charCodeAt(start) | 0x20) === 115 &&
    (s.charCodeAt(start + 1) | 0x20) === 105 &&
    (s.charCodeAt(start + 2) | 0x20) === 112 &&
    s.charCodeAt(start + 3) === 47 &&
    s.charCodeAt(start + 4) === 50 &&
    s.charCodeAt(start + 5) === 46 &&
    s.charCodeAt(start + 6) === 48
  );
}

function hasSpace(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 32) return true;
  return false;
}

interface FirstLine {
  readonly isRequest: boolean;
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly reason: string;
}

/** The first line, text[0, end): a Status-Line or a Request-Line, read in place. */
function parseFirstLine(text: string, end: number): FirstLine | SipError {
  if (end >= 4 && (text.charCodeAt(0) | 0x20) === 115 && (text.charCodeAt(1) | 0x20) === 105 && (text.charCodeAt(2) | 0x20) === 112 && text.charCodeAt(3) === 47) {
    return parseStatusLine(text.slice(0, end));
  }
  const sp1 = text.indexOf(' ');
  const sp2 = sp1 < 0 || sp1 >= end ? -1 : text.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 < 0 || sp2 >= end || sp2 === sp1 + 1 || sp2 === end - 1 || hasSpace(text, sp2 + 1, end)) {
    return sipError('bad Request-Line: expected "Method Request-URI SIP/2.0" separated by single spaces');
  }
  for (let i = 0; i < sp1; i++) if (TOKEN[text.charCodeAt(i)] !== 1) return sipError(`bad method "${text.slice(0, sp1)}"`);
  if (!isVersion20(text, sp2 + 1, end)) {
    const version = text.slice(sp2 + 1, end);
    if (!/^SIP\/\d+\.\d+$/i.test(version)) return sipError(`bad Request-Line: "${version}" is not a SIP version`);
    return sipError(`SIP version ${version} not supported`, 505);
  }
  const uri = text.slice(sp1 + 1, sp2);
  if (NOT_WORD.test(uri)) return sipError('bad Request-URI: control character');
  return { isRequest: true, method: text.slice(0, sp1), uri, status: 0, reason: '' };
}

function parseStatusLine(line: string): FirstLine | SipError {
  const match = /^(SIP\/\d+\.\d+) (\d+)(?: (.*))?$/i.exec(line);
  if (!match) return sipError('bad Status-Line');
  if (!VERSION.test(match[1]!)) return sipError(`SIP version ${match[1]} not supported`, 505);
  const status = parseDecimal(match[2]!, 699);
  if (match[2]!.length !== 3 || status === undefined || status < 100) return sipError(`bad status code ${match[2]}`);
  return { isRequest: false, method: '', uri: '', status, reason: match[3] ?? '' };
}

const parseFrom = (s: string, start: number, end: number): NameAddr | SipError => parseNameAddr(s, 'From', start, end);
const parseTo = (s: string, start: number, end: number): NameAddr | SipError => parseNameAddr(s, 'To', start, end);

// Layout of one header line in a message's offsets array.
const FIELD = 6;
const NAME_END = 1;
const VALUE_START = 2;
const VALUE_END = 3;
const LINE_END = 4;
const FOLDED = 5;

/** Whether header `index` is named `key` (any case) or its compact form, compared in place. */
function nameIs(text: string, offsets: readonly number[], index: number, key: string, compact: number): boolean {
  const start = offsets[index * FIELD]!;
  const length = offsets[index * FIELD + NAME_END]! - start;
  if (length === 1) return compact !== 0 && (text.charCodeAt(start) | 0x20) === compact;
  if (length !== key.length) return false;
  for (let j = 0; j < length; j++) {
    const c = text.charCodeAt(start + j);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== key.charCodeAt(j)) return false;
  }
  return true;
}

function findIn(text: string, offsets: readonly number[], count: number, key: string, compact: number, from: number): number {
  for (let i = from; i < count; i++) if (nameIs(text, offsets, i, key, compact)) return i;
  return -1;
}

/**
 * Header offsets are first written to a scratch array sized for the header
 * limit, reused by every parse (parsing is synchronous), then copied out once
 * at the exact length: no array growth while reading headers.
 */
let scratch: number[] = [];

function scratchFor(maxHeaders: number): number[] {
  if (scratch.length < maxHeaders * FIELD) scratch = Array.from({ length: maxHeaders * FIELD }, () => 0);
  return scratch;
}

/** Reads one header line (with its continuation lines) at `start`, writing its FIELD offsets to out[at...]. */
function readField(text: string, start: number, limits: SipLimits, out: number[], at: number): SipError | undefined {
  let nameEnd = start;
  while (TOKEN[text.charCodeAt(nameEnd)] === 1) nameEnd++;
  if (nameEnd === start) {
    const eol = text.indexOf('\n', start);
    return sipError(`bad header line "${text.slice(start, eol < 0 ? undefined : eol).trim().slice(0, 60)}"`);
  }
  let colon = nameEnd;
  while (text.charCodeAt(colon) === 32 || text.charCodeAt(colon) === 9) colon++;
  if (text.charCodeAt(colon) !== 58) return sipError(`bad header line: ":" expected after "${text.slice(start, nameEnd)}"`);
  let folded = 0;
  let end = text.indexOf('\n', colon);
  while (end >= 0) {
    const next = text.charCodeAt(end + 1);
    if (next !== 32 && next !== 9) break;
    folded = 1;
    end = text.indexOf('\n', end + 1);
  }
  const lineEnd = end < 0 ? text.length : end + 1;
  if (lineEnd - start > limits.maxLineLength) return sipError(`header line longer than ${limits.maxLineLength} bytes`);
  let valueStart = colon + 1;
  while (valueStart < lineEnd) {
    const c = text.charCodeAt(valueStart);
    if (c === 32 || c === 9 || (folded === 1 && (c === 13 || c === 10))) valueStart++;
    else break;
  }
  out[at] = start;
  out[at + NAME_END] = nameEnd;
  out[at + VALUE_START] = valueStart;
  out[at + VALUE_END] = Math.max(valueStart, trimEnd(text, valueStart, lineEnd));
  out[at + LINE_END] = lineEnd;
  out[at + FOLDED] = folded;
  return undefined;
}
