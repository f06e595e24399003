// Credentials in a request: the Authorization (www) or Proxy-Authorization
// (proxy) line with Digest credentials for a realm, the line marked as the
// one authorization used (what consume_credentials removes and is_user
// reads), and has_credentials.

import type { ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { parseAuth } from '../../runtime/sip/headers/auth.js';
import { digestOf, splitUsername, type DigestCredentials } from './digest.js';

export type CredentialsHeader = 'authorization' | 'proxy-authorization';

export interface FoundCredentials {
  readonly header: CredentialsHeader;
  /** The header line's index in the message. */
  readonly line: number;
  readonly digest: DigestCredentials;
}

const MARKED = 'auth.authorized';

/** Each Digest credentials line of the header, parsed (other schemes skipped); 'unparseable' as soon as a Digest line does not parse. */
function* digestLines(ctx: ExecContext, header: CredentialsHeader): Generator<FoundCredentials | 'unparseable'> {
  const m = ctx.message;
  for (let line = m.findHeader(header); line >= 0; line = m.findHeader(header, line + 1)) {
    const text = m.headerValue(line);
    if (!/^\s*digest(\s|$)/i.test(text)) continue;
    const value = parseAuth(text, header);
    if (isSipError(value)) {
      yield 'unparseable';
      return;
    }
    yield { header, line, digest: digestOf(value) };
  }
}

/**
 * The first Digest credentials of the header whose realm is `realm` (case
 * aside); undefined when there are none; 'unparseable' when a line before
 * them does not parse.
 */
export function findCredentials(ctx: ExecContext, header: CredentialsHeader, realm: string): FoundCredentials | undefined | 'unparseable' {
  const wanted = realm.toLowerCase();
  for (const found of digestLines(ctx, header)) {
    if (found === 'unparseable' || found.digest.realm?.toLowerCase() === wanted) return found;
  }
  return undefined;
}

/** has_credentials: Digest credentials for the realm in Authorization or Proxy-Authorization. */
export function hasCredentials(ctx: ExecContext, realm: string): boolean {
  return (['authorization', 'proxy-authorization'] as const).some((header) => {
    const found = findCredentials(ctx, header, realm);
    return found !== undefined && found !== 'unparseable';
  });
}

/** Marks the credentials authorization worked on (their username is then what is_user compares with). */
export function markAuthorized(ctx: ExecContext, found: FoundCredentials): void {
  const marked = (ctx.state.get(MARKED) as Map<CredentialsHeader, FoundCredentials> | undefined) ?? new Map<CredentialsHeader, FoundCredentials>();
  marked.set(found.header, found);
  ctx.state.set(MARKED, marked);
  ctx.authorizedUser = splitUsername(found.digest.username ?? '').user;
}

/** The marked credentials: of Authorization when both headers have marked ones. */
export function markedCredentials(ctx: ExecContext): FoundCredentials | undefined {
  const marked = ctx.state.get(MARKED) as Map<CredentialsHeader, FoundCredentials> | undefined;
  return marked?.get('authorization') ?? marked?.get('proxy-authorization');
}

/** consume_credentials: removes the marked credentials' line from the message passed on; -1 when none is marked. */
export function consumeCredentials(ctx: ExecContext): number {
  const m = ctx.message;
  if (m.method === 'ACK' || m.method === 'CANCEL' || m.method === 'PRACK') return -1;
  const marked = markedCredentials(ctx);
  if (!marked) return -1;
  ctx.edits.removeHeader(marked.line);
  return 1;
}
