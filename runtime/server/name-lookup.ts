// Name resolution for the transports' sends (dgram's and net's `lookup`
// option): an address given as an IP (nearly every send) is used as it is,
// at once (Node's default resolver would defer each send to the next tick
// to say so); a name the script gave an address for (corex's dns_cache) gets
// that one; other names go to the system's resolver.

import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { StaticNames } from '../exec/static-names.js';

/** Called as Node calls it: with one address, or (`all`, net's family auto-selection) with a list. */
export type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dgram and net type their lookup callbacks differently
export type NameLookup = (name: string, options: LookupOptions | number, callback: any) => void;

export function nameLookup(names: StaticNames): NameLookup {
  return (name, options, callback) => {
    const opts: LookupOptions = typeof options === 'number' ? { family: options } : options;
    const answer = (address: string, family: number): void => (opts.all ? callback(null, [{ address, family }]) : callback(null, address, family));
    const family = isIP(name);
    if (family !== 0) return answer(name, family);
    const wanted = opts.family === 4 || opts.family === 6 ? opts.family : 0;
    const known = names.size > 0 ? names.find(name, wanted) : undefined;
    if (!known) return systemLookup(name, opts, callback as (e: NodeJS.ErrnoException | null, a: string | LookupAddress[], f: number) => void);
    if (known.address === undefined) {
      const error: NodeJS.ErrnoException = new Error(`${name} is marked unresolvable (corex dns_cache)`);
      error.code = 'ENOTFOUND';
      return callback(error, '', 0);
    }
    answer(known.address, known.family);
  };
}
