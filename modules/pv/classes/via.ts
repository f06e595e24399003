// The Via headers' parts: $via0(key) the first, $via1(key) the second,
// $viaZ(key) the last; keys host, port, proto, protoid, branch, rport,
// received and i (null for a parameter the Via does not have).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { protoId } from '../../../runtime/exec/kamailio-numbers.js';
import { viaParam, type Via } from '../../../runtime/sip/headers/via.js';
import { named } from './define.js';

function viaClass(name: string, pick: (vias: readonly Via[]) => Via | undefined): PvClassDecl {
  const part = (get: (via: Via) => Value) => (ctx: ExecContext) => {
    const vias = ctx.message.vias();
    const via = vias && !isSipError(vias) ? pick(vias) : undefined;
    return via ? get(via) : null;
  };
  // A parameter without a value (;rport) reads as null, as in Kamailio.
  const param = (key: string) => part((via) => viaParam(via, key) || null);
  return named(name, {
    host: part((via) => via.host),
    port: part((via) => via.port ?? 5060),
    proto: part((via) => via.transport),
    protoid: part((via) => protoId(via.transport)),
    branch: param('branch'),
    rport: param('rport'),
    received: param('received'),
    i: param('i'),
  });
}

export const viaClasses: readonly PvClassDecl[] = [
  viaClass('via0', (vias) => vias[0]),
  viaClass('via1', (vias) => vias[1]),
  viaClass('viaZ', (vias) => vias[vias.length - 1]),
];
