// What the rr module remembers about one message: the Record-Route headers it
// added (parameters can still be appended, or the headers taken back), the
// parameters add_rr_param gave before any was added, and what loose_route
// found (the parameters of this server's Route, whether the next hop came
// from a Route header).

import type { ExecContext } from '../../runtime/exec/context.js';

/** Record-Route headers added to the message; written when it is sent. */
export interface Recorded {
  /** Parameters add_rr_param appended after the headers were added. */
  added: string;
  /** remove_record_route took them back. */
  removed: boolean;
}

export interface RrState {
  /** A Record-Route function already ran (Kamailio refuses a second one, even after remove_record_route). */
  recorded: Recorded | undefined;
  /** Parameters add_rr_param gave before a Record-Route function ran. */
  pending: string;
  /**
   * After loose_route: the parameters of the Route URI this server put there
   * (of the Request-URI, when the previous hop was a strict router); undefined
   * when loose_route did not run or the top Route was not ours.
   */
  routedParams: string | undefined;
  /** loose_route took the next hop from a Route header after this server's own (rr_next_hop_route). */
  nextHopFromRoute: boolean;
}

const KEY = 'rr';

export function rrState(ctx: ExecContext): RrState {
  let state = ctx.state.get(KEY) as RrState | undefined;
  if (!state) ctx.state.set(KEY, (state = { recorded: undefined, pending: '', routedParams: undefined, nextHopFromRoute: false }));
  return state;
}
