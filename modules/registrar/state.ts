// What a running registrar works with: its settings, its statistics, the
// usrloc (and tm) it bound at init, kept per module instance; and the AOR of a URI
// with usrloc's use_domain and registrar's case and realm settings.

import type { ModuleInstance, Statistics } from '../api.js';
import type { ExecContext } from '../api.js';
import type { TmApi } from '../tm/api.js';
import type { Usrloc } from '../usrloc/api.js';
import { aorOf } from './aor.js';
import type { ExpiredEvent } from './expired-event.js';
import type { Settings } from './settings.js';

export interface Registrar {
  readonly ul: Usrloc;
  readonly s: Settings;
  readonly stats: Statistics;
  /** tm, when loaded: replies go through the request's transaction when it has one. */
  readonly tm: TmApi | undefined;
  /** event_route[usrloc:contact-expired], run where the last command ran. */
  readonly expired?: ExpiredEvent;
}

const running = new WeakMap<ModuleInstance, Registrar>();

export function setRegistrar(module: ModuleInstance, r: Registrar): void {
  running.set(module, r);
}

/** The registrar of a module instance, running a command on `ctx`; its init has run (the server starts after every init). */
export function registrarOf(module: ModuleInstance, ctx: ExecContext): Registrar {
  const r = running.get(module);
  if (!r) throw new Error('registrar is not initialised (usrloc did not start)');
  r.expired?.seen(ctx);
  return r;
}

/** The AOR of a URI for this registrar; 'parse' when it is no SIP or tel URI. */
export function aorFor(r: Registrar, uri: string): string | 'parse' {
  return aorOf(uri, { useDomain: r.ul.settings.useDomain, caseSensitive: r.s.caseSensitive, realmPrefix: r.s.realmPrefix });
}
