// corex's dns_cache parameter: A and AAAA records given in the script
// ("type=A;name=example.org;addr=192.0.2.1;ttl=3600;flags=0"), added at
// start to the names the server resolves before asking the system
// (runtime/exec/static-names.ts). flags: 1 marks the name unresolvable, 2
// makes the record permanent (never expires, never replaced); the TTL is
// in seconds. SRV records are refused: siprc sends to the address and port
// a URI gives and makes no SRV lookups for them to answer.

import { isIP } from 'node:net';
import { FixupError } from '../api.js';
import type { StaticName } from '../../runtime/exec/static-names.js';

const FLAG_UNRESOLVABLE = 1;
const FLAG_PERMANENT = 2;

export function parseDnsRecord(text: string, now = Date.now()): StaticName {
  const attrs = new Map<string, string>();
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new FixupError(`"${part.trim()}" is not attribute=value`);
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!['type', 'name', 'addr', 'ttl', 'flags', 'priority', 'weight', 'port'].includes(name)) throw new FixupError(`unknown attribute "${name}" (type, name, addr, ttl, flags)`);
    attrs.set(name, part.slice(eq + 1).trim());
  }
  const type = (attrs.get('type') ?? '').toUpperCase();
  if (type === 'SRV') throw new FixupError('SRV records are not supported: siprc makes no SRV lookups');
  if (type !== 'A' && type !== 'AAAA') throw new FixupError(`type must be A or AAAA, not "${attrs.get('type') ?? ''}"`);
  const name = attrs.get('name') ?? '';
  if (name === '') throw new FixupError('name is missing');
  const number = (attr: string): number => {
    const value = attrs.get(attr) ?? '0';
    if (!/^\d+$/.test(value)) throw new FixupError(`${attr} must be a number, not "${value}"`);
    return Number(value);
  };
  const flags = number('flags');
  const ttl = number('ttl');
  const family = type === 'A' ? 4 : 6;
  const unresolvable = (flags & FLAG_UNRESOLVABLE) !== 0;
  const address = attrs.get('addr') ?? '';
  if (!unresolvable && isIP(address) !== family) throw new FixupError(`addr "${address}" is not an IPv${family} address for a ${type} record`);
  return { name, family, address: unresolvable ? undefined : address, expires: (flags & FLAG_PERMANENT) !== 0 ? Infinity : now + ttl * 1000 };
}
