// The ruid of the registered contact a request's Request-URI was set from:
// registrar's lookup() sets it, pv's $ruid reads it. It is kept with the
// message being processed (the modules' per-message state), as Kamailio
// keeps it in the message: changing the Request-URI afterwards keeps it; a
// route run on another message (a reply, failure_route's copy of the
// request) has none.

import type { ExecContext } from '../api.js';

const KEY = 'ruid';

export function setMessageRuid(ctx: ExecContext, ruid: string): void {
  ctx.state.set(KEY, ruid);
}

export function messageRuid(ctx: ExecContext): string | undefined {
  const ruid = ctx.state.get(KEY);
  return typeof ruid === 'string' ? ruid : undefined;
}
