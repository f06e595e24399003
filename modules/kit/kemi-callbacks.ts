// Parameters that name a KEMI function to run instead of an event route
// (sl's event_callback_*, corex's evcb_reply_out): siprc runs native
// scripts, so a module refuses to start when one is set, naming the event
// route that does the same.

import type { ModuleInstance } from '../api.js';

/** Why the module cannot start (the first such parameter set), or undefined. */
export function kemiCallbackRefusal(module: ModuleInstance, routes: Readonly<Record<string, string>>): string | undefined {
  for (const [param, route] of Object.entries(routes)) {
    const fn = module.params.get(param) as string;
    if (fn !== '') return `${param}: "${fn}" names a KEMI function, and siprc runs native scripts only; use event_route[${route}] instead`;
  }
  return undefined;
}
