// tm's run-time settings (Kamailio's tm cfg group, as cfg_rpc's cfg.get and
// cfg.set reach them): the timers, the lifetimes and the automatic 100
// Trying. Each change goes through changeConfig, so the transactions made
// afterwards use it.

import type { ParamValues } from '../api.js';
import { cfgVars } from '../../runtime/cfg-vars.js';
import { changeConfig, configOf } from './config.js';
import type { TmConfig } from './relay.js';
import type { Timing } from './timing.js';

const TIMERS: ReadonlyArray<readonly [string, keyof Timing, string]> = [
  ['fr_timer', 'fr', 'how long a transaction waits for a final reply, in milliseconds'],
  ['fr_inv_timer', 'frInv', 'how long an INVITE waits for a final reply once a provisional one came, in milliseconds'],
  ['wt_timer', 'wait', 'how long a completed transaction is kept to absorb retransmissions, in milliseconds'],
  ['retr_timer1', 't1', 'the first retransmission interval over UDP (T1), in milliseconds'],
  ['retr_timer2', 't2', 'the longest retransmission interval over UDP (T2), in milliseconds'],
];

type Scalar = 'maxInvLifetime' | 'maxNoninvLifetime' | 'auto100' | 'reason100';

const SETTINGS: ReadonlyArray<readonly [string, Scalar, 'int' | 'str', string, number?, number?]> = [
  ['max_inv_lifetime', 'maxInvLifetime', 'int', 'the longest an INVITE transaction may live, in milliseconds', 1],
  ['max_noninv_lifetime', 'maxNoninvLifetime', 'int', 'the longest a non-INVITE transaction may live, in milliseconds', 1],
  ['auto_inv_100', 'auto100', 'int', 'whether an INVITE is answered 100 Trying when relayed (0 or 1)', 0, 1],
  ['auto_inv_100_reason', 'reason100', 'str', 'the reason phrase of that 100 Trying'],
];

/** Defines tm's settings for this module instance's parameters. */
export function defineTmCfgVars(params: ParamValues): void {
  for (const [name, key, help] of TIMERS) {
    cfgVars.define({
      group: 'tm',
      name,
      type: 'int',
      help,
      min: 1,
      get: () => configOf(params).timing[key],
      set: (v) => changeConfig(params, (c) => ({ ...c, timing: { ...c.timing, [key]: v as number } })),
    });
  }
  for (const [name, key, type, help, min, max] of SETTINGS) {
    cfgVars.define({
      group: 'tm',
      name,
      type,
      help,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      get: () => (key === 'auto100' ? Number(configOf(params).auto100) : configOf(params)[key]),
      set: (v) => changeConfig(params, (c): TmConfig => ({ ...c, [key]: key === 'auto100' ? v !== 0 : v })),
    });
  }
}
