// tm's timer values (modparams, in milliseconds) and the retransmission
// schedule of RFC 3261 17.1.1.2 / 17.1.2.2 (timers A and E) and 17.2.1
// (timer G).

import type { ParamValues } from '../api.js';

export interface Timing {
  /** T1 and T2 (retr_timer1, retr_timer2). */
  readonly t1: number;
  readonly t2: number;
  /** Waiting for a final reply (fr_timer), and for one after a provisional to an INVITE (fr_inv_timer). */
  readonly fr: number;
  readonly frInv: number;
  /** How long a finished transaction is kept to absorb retransmissions (wt_timer). */
  readonly wait: number;
}

export function timingOf(params: ParamValues): Timing {
  const n = (name: string): number => params.get(name) as number;
  return { t1: n('retr_timer1'), t2: n('retr_timer2'), fr: n('fr_timer'), frInv: n('fr_inv_timer'), wait: n('wt_timer') };
}

/** The next retransmission interval: doubled, capped at T2 unless `uncapped` (an INVITE's timer A). */
export function nextInterval(current: number, timing: Timing, uncapped: boolean): number {
  return uncapped ? current * 2 : Math.min(current * 2, timing.t2);
}
