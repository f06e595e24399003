// Sanity check 1024: the URIs uri_checks names parse as Kamailio's parser
// reads them: the Request-URI (1), From (2), To (4) and those of the first
// Contact header (8), in that order, each with its own 400 reason phrase
// (Kamailio's, "Ivalid" included).

import type { ExecContext } from '../api.js';
import { isSipError, type SipError } from '../../runtime/sip/errors.js';
import type { NameAddr } from '../../runtime/sip/headers/name-addr.js';
import { splitList } from '../../runtime/sip/headers/scan.js';
import { parseKamailioUri } from '../../runtime/sip/uri.js';
import { replyWith, SILENT, type CheckOptions, type Failure } from './failure.js';
import { parserReaches } from './parser-reach.js';

const parses = (uri: string): boolean => !isSipError(parseKamailioUri(uri));

/** Whether a From/To header is there, parses and holds a URI that parses. */
const goodAddress = (value: NameAddr | SipError | undefined): boolean => value !== undefined && !isSipError(value) && parses(value.uriText);

/**
 * The URIs of a Contact header as Kamailio's parser finds them: inside
 * `<...>`, else up to the first `;` (a URI with headers outside `<...>`, which
 * RFC 3261 forbids, is taken whole); [] for `*`, undefined when one is empty
 * or its `<` is not closed.
 */
function contactUris(value: string): string[] | undefined {
  if (value.trim() === '*') return [];
  const uris = splitList(value).map((part) => {
    const open = part.indexOf('<');
    if (open < 0) return part.split(';')[0]!.trim();
    const close = part.indexOf('>', open);
    return close < 0 ? '' : part.slice(open + 1, close).trim();
  });
  return uris.includes('') ? undefined : uris;
}

function goodContacts(ctx: ExecContext): boolean {
  const value = ctx.message.header('contact');
  const uris = value === undefined ? [] : contactUris(value);
  return uris !== undefined && uris.every(parses);
}

/** A reply has no Request-URI to check; a header Kamailio's parser does not get to (every header, for Contact) fails silently. */
export function checkUris(ctx: ExecContext, options: CheckOptions): Failure | undefined {
  const m = ctx.message;
  if (options.uriChecks & 1) {
    if (!m.isRequest) return SILENT;
    if (!parses(ctx.edits.currentRequestUri)) return replyWith(400, 'Bad Request URI');
  }
  if (options.uriChecks & 2) {
    if (!parserReaches(m, 'from')) return SILENT;
    if (!goodAddress(m.from())) return replyWith(400, 'Invalid From Header');
  }
  if (options.uriChecks & 4) {
    if (!parserReaches(m, 'to')) return SILENT;
    if (!goodAddress(m.to())) return replyWith(400, 'Ivalid To Header');
  }
  if (options.uriChecks & 8) {
    if (!parserReaches(m)) return SILENT;
    if (!goodContacts(ctx)) return replyWith(400, 'Bad Contact URI');
  }
  return undefined;
}
