// tm's settings as its parameters give them, read once per module instance.

import type { ParamValues } from '../api.js';
import type { TmConfig } from './relay.js';
import { timingOf } from './timing.js';

const configs = new WeakMap<ParamValues, TmConfig>();

/** The module's settings from its parameters, read once. */
export function configOf(params: ParamValues): TmConfig {
  let config = configs.get(params);
  if (!config) {
    config = {
      timing: timingOf(params),
      auto100: (params.get('auto_inv_100') as number) !== 0,
      reason100: params.get('auto_inv_100_reason') as string,
      keepEarlierLegs: (params.get('failure_reply_mode') as number) === 0,
      maxInvLifetime: params.get('max_inv_lifetime') as number,
      maxNoninvLifetime: params.get('max_noninv_lifetime') as number,
      remap503: (params.get('remap_503_500') as number) !== 0,
    };
    configs.set(params, config);
  }
  return config;
}


/**
 * Changes the settings at run time (cfg_rpc setting tm's variables, see
 * cfg-vars.ts): the commands and replies handled afterwards read the new
 * ones; transactions already made keep the timers they were started with.
 */
export function changeConfig(params: ParamValues, change: (config: TmConfig) => TmConfig): void {
  configs.set(params, change(configOf(params)));
}
