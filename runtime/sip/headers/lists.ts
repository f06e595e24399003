// Token-list header values and their relatives: Require, Proxy-Require,
// Supported, Unsupported, Allow (comma-separated tokens), Event (a token with
// parameters), Content-Type (a media type with parameters), Warning.

import { sipError, type SipError } from '../errors.js';
import { Cursor, splitList, type GenericParam } from './scan.js';

/** Comma-separated tokens (option tags, methods). An empty value is an empty list. */
export function parseTokenList(raw: string, what: string): string[] | SipError {
  if (raw.trim().length === 0) return [];
  const out: string[] = [];
  for (const part of splitList(raw)) {
    const c = new Cursor(part.trim());
    const token = c.token();
    if (token.length === 0 || !c.done) return sipError(`bad ${what}: "${part.trim()}" is not a token`);
    out.push(token);
  }
  return out;
}

export interface TokenWithParams {
  readonly value: string;
  readonly params: readonly GenericParam[];
}

/** Event: event-type *( SEMI event-param ). */
export function parseEvent(raw: string): TokenWithParams | SipError {
  const c = new Cursor(raw.trim());
  const value = c.token();
  if (value.length === 0) return sipError('bad Event: event type expected');
  const params = c.params('Event');
  if (!Array.isArray(params)) return params;
  if (!c.done) return sipError(`bad Event: unexpected "${raw.trim().slice(c.pos)}"`);
  return { value, params };
}

/** Content-Type: type/subtype *( SEMI parameter ). */
export function parseContentType(raw: string): TokenWithParams | SipError {
  const c = new Cursor(raw.trim());
  const type = c.token();
  if (type.length === 0 || !c.accept(47 /* / */)) return sipError(`bad Content-Type "${raw.trim()}": type/subtype expected`);
  c.skipWhite();
  const subtype = c.token();
  if (subtype.length === 0) return sipError(`bad Content-Type "${raw.trim()}": subtype expected`);
  const params = c.params('Content-Type');
  if (!Array.isArray(params)) return params;
  if (!c.done) return sipError(`bad Content-Type: unexpected "${raw.trim().slice(c.pos)}"`);
  return { value: `${type}/${subtype}`, params };
}

/** Warning: warn-code SP warn-agent SP warn-text, comma-separated. */
export function parseWarnings(raw: string): Array<{ code: number; agent: string; text: string }> | SipError {
  const out = [];
  for (const part of splitList(raw)) {
    const match = /^\s*(\d{3})\s+(\S+)\s+("(?:[^"\\]|\\.)*")\s*$/.exec(part);
    if (!match) return sipError(`bad Warning "${part.trim()}": a 3-digit code, an agent and a quoted text expected`);
    out.push({ code: Number(match[1]), agent: match[2]!, text: match[3]! });
  }
  return out;
}
