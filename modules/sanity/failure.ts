// What a failed sanity check gives: the reply it calls for (status, reason
// phrase and maybe a header line for every later local reply, as Kamailio's
// reply lump), or none when no reply can or should be sent.

import type { ExecContext } from '../api.js';

export interface Failure {
  readonly reply?: { readonly status: number; readonly reason: string; readonly header?: string };
}

/** A failure answered with this reply. */
export function replyWith(status: number, reason: string, header?: string): Failure {
  return { reply: { status, reason, header } };
}

/** A failure that sends no reply (a message that cannot be answered, or one Kamailio fails on silently). */
export const SILENT: Failure = {};

/** What the checks take besides the message: which URIs to parse and the extensions this server supports. */
export interface CheckOptions {
  readonly uriChecks: number;
  readonly proxyRequire: readonly string[];
}

/** One check: undefined when the message passes. */
export type Check = (ctx: ExecContext, options: CheckOptions) => Failure | undefined;
