// The Route values of a request, in order across its Route header lines,
// with where each one is in the message text, so loose_route can remove
// values as Kamailio does: a whole line, or the values of a line before the
// one that stays, or a value after the one before it.

import type { MessageEdits } from '../../runtime/sip/edits.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseNameAddr } from '../../runtime/sip/headers/name-addr.js';
import { splitList } from '../../runtime/sip/headers/scan.js';
import type { SipMessage } from '../../runtime/sip/message.js';

export interface RouteValue {
  /** The header line it is on. */
  readonly line: number;
  /** Where the value (without blanks around it) starts and ends in the message text. */
  readonly start: number;
  readonly end: number;
  /** Where its line's value starts. */
  readonly lineStart: number;
  /** The first and the last value of its line. */
  readonly first: boolean;
  readonly last: boolean;
  readonly uriText: string;
}

/** The Route values of a message; undefined when one does not parse. */
export function routeValues(message: SipMessage): RouteValue[] | undefined {
  const out: RouteValue[] = [];
  for (let line = message.findHeader('route'); line >= 0; line = message.findHeader('route', line + 1)) {
    const span = message.headerSpan(line);
    const parts = splitList(message.text.slice(span.valueStart, span.valueEnd));
    let pos = span.valueStart;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const value = parseNameAddr(part, 'Route');
      if (isSipError(value)) return undefined;
      const start = pos + part.length - part.trimStart().length;
      out.push({ line, start, end: start + part.trim().length, lineStart: span.valueStart, first: i === 0, last: i === parts.length - 1, uriText: value.uriText });
      pos += part.length + 1;
    }
  }
  return out;
}

/** Removes a value that was the last of its line: the whole line. */
export function removeLine(edits: MessageEdits, value: RouteValue): void {
  edits.removeHeader(value.line);
}

/** Removes the values of a line before `value`, which stays. */
export function removeBefore(edits: MessageEdits, value: RouteValue): void {
  if (!value.first) edits.replaceText(value.lineStart, value.start, '');
}

/**
 * Removes a value from its line, as Kamailio does: the whole line when it is
 * its last value, else it and the values of the line before it.
 */
export function removeUpTo(edits: MessageEdits, value: RouteValue, next: RouteValue | undefined): void {
  if (value.last || !next) removeLine(edits, value);
  else edits.replaceText(value.lineStart, next.start, '');
}

/** Removes the last value of a line: the whole line when it is alone there, else from the end of the value before it. */
export function removeLast(edits: MessageEdits, value: RouteValue, previous: RouteValue | undefined): void {
  if (value.first || !previous || previous.line !== value.line) removeLine(edits, value);
  else edits.replaceText(previous.end, value.end, '');
}
