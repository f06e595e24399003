// What other modules use of usrloc (Kamailio's bind_usrloc): the running
// usrloc, whose tables (`domain(name)`) hold the records. usrloc's init may
// still be connecting to its database when another module's init binds:
// `started()` is then a Promise.

import type { Maybe } from '../kit/maybe.js';
import type { Usrloc } from './service.js';

export type { Contact, ContactInfo } from './contact.js';
export { ALL_METHODS, FL_MEM, Q_UNSPECIFIED, isValid } from './contact.js';
export type { Change, Domain } from './domain.js';
export { ChangeFailed } from './domain.js';
export type { Record } from './record.js';
export { aorHash } from './record.js';
export type { MatchKey, MatchResult } from './matching.js';
export { findContact } from './matching.js';
export type { Usrloc } from './service.js';

export interface UsrlocApi {
  /** The running usrloc, or a Promise of it while it starts; undefined when its init has not run. */
  started(): Maybe<Usrloc> | undefined;
}

let current: Maybe<Usrloc> | undefined;

/** Records the usrloc this process runs (usrloc's init); the one it replaces is stopped. */
export function setCurrent(next: Maybe<Usrloc>): void {
  const previous = current;
  current = next;
  if (previous && previous !== next) void Promise.resolve(previous).then((ul) => ul.stop(), () => undefined);
}

export const usrlocApi: UsrlocApi = { started: () => current };
