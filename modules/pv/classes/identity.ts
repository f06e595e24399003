// Who a request says it is from, beyond From: P-Asserted-Identity ($ai),
// P-Preferred-Identity ($pu $pU $pd $pn), Remote-Party-ID ($re), Refer-To
// ($rt), Diversion ($di $dip $dir $dic), and the accounting user ($Au $AU:
// the From URI's, as Kamailio gives it while no auth module has accepted
// credentials; siprc has no auth module yet).

import type { ExecContext, PvClassDecl, Value } from '../../api.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { parseNameAddrList, type NameAddr } from '../../../runtime/sip/headers/name-addr.js';
import { paramValue } from '../../../runtime/sip/headers/scan.js';
import { readOnly } from './define.js';
import { displayAsWritten } from './from-to.js';
import { sipUri, URI_PARTS } from './uri.js';

/** The first name-addr of the first header of a name, or undefined. */
function firstOf(ctx: ExecContext, header: string): NameAddr | undefined {
  const raw = ctx.message.header(header);
  const list = raw === undefined ? undefined : parseNameAddrList(raw, header);
  return list === undefined || isSipError(list) ? undefined : list[0];
}

function fromHeader(header: string, get: (v: NameAddr) => Value): (ctx: ExecContext) => Value {
  return (ctx) => {
    const v = firstOf(ctx, header);
    return v ? get(v) : null;
  };
}

const uriText = (v: NameAddr): Value => v.uriText;
const uriPart = (get: (typeof URI_PARTS)[keyof typeof URI_PARTS]) => (v: NameAddr): Value => {
  const u = sipUri(v.uriText);
  return u ? get(u) : null;
};
const param = (name: string) => (v: NameAddr): Value => paramValue(v.params, name) ?? null;

/** The From URI's user, and user@host. */
function fromUser(ctx: ExecContext, withHost: boolean): Value {
  const from = ctx.message.from();
  const u = from === undefined || isSipError(from) ? undefined : sipUri(from.uriText);
  if (!u) return null;
  return withHost ? `${u.user ?? ''}@${u.host}` : (u.user ?? null);
}

export const identityClasses: readonly PvClassDecl[] = [
  readOnly('ai', fromHeader('p-asserted-identity', uriText)),
  readOnly('pu', fromHeader('p-preferred-identity', uriText)),
  readOnly('pU', fromHeader('p-preferred-identity', uriPart(URI_PARTS.user))),
  readOnly('pd', fromHeader('p-preferred-identity', uriPart(URI_PARTS.host))),
  readOnly('pn', fromHeader('p-preferred-identity', displayAsWritten)),
  readOnly('re', fromHeader('remote-party-id', uriText)),
  readOnly('rt', fromHeader('refer-to', uriText)),
  readOnly('di', fromHeader('diversion', uriText)),
  readOnly('dip', fromHeader('diversion', param('privacy'))),
  readOnly('dir', fromHeader('diversion', param('reason'))),
  readOnly('dic', fromHeader('diversion', param('counter'))),
  readOnly('Au', (ctx) => fromUser(ctx, true)),
  readOnly('AU', (ctx) => fromUser(ctx, false)),
];
