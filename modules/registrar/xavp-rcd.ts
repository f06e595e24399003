// $xavp(<xavp_rcd>=>...): the ruid, contact, expires, received and path of
// a contact lookup() or registered() used, each left out when xavp_rcd_mask
// says so.

import type { ExecContext } from '../api.js';
import { AvpStore } from '../../runtime/exec/avps.js';
import type { Contact } from '../usrloc/api.js';
import type { Settings } from './settings.js';

const FIELDS: ReadonlyArray<readonly [number, string, (c: Contact) => string | number | undefined]> = [
  [1, 'ruid', (c) => c.ruid],
  [2, 'contact', (c) => c.uri],
  [4, 'expires', (c) => c.expires],
  [8, 'received', (c) => c.received],
  [16, 'path', (c) => c.path],
];

export function addRcd(ctx: ExecContext, s: Settings, c: Contact): void {
  if (s.xavpRcd === '') return;
  const item = new AvpStore();
  for (const [bit, name, value] of FIELDS) {
    const v = value(c);
    if ((s.xavpRcdMask & bit) === 0 && v !== undefined) item.add(name, v);
  }
  ctx.xavps.push(s.xavpRcd, item);
}
