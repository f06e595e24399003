// The tm API tmx works through, bound once tm is known to be loaded (init):
// tmx's commands and pseudo-variables run only in a script that loads both.

import type { TmApi } from '../tm/api.js';

let bound: TmApi | undefined;

export function bindTm(api: TmApi): void {
  bound = api;
}

/** tm's API (init refuses to start without tm, so this is set before any message runs). */
export function tm(): TmApi {
  if (!bound) throw new Error('tmx: the tm module is not bound');
  return bound;
}
