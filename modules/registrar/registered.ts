// registered(table[, uri[, match_option[, match_action]]]): whether the AOR
// has a valid contact, optionally one with the Call-ID, received address or
// contact URI the script put in $xavp(<xavp_cfg>=>match_*) (or, the old
// way, the Call-ID in reg_callid_avp); the match goes to xavp_rcd unless
// match_action has bit 2.

import type { ExecContext } from '../api.js';
import { guard, then, type Maybe } from '../kit/maybe.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { isValid, type Contact } from '../usrloc/api.js';
import { cfgValue } from './contact-values.js';
import { aorFor, type Registrar } from './state.js';
import { addRcd } from './xavp-rcd.js';

const MATCH_CALLID = 1;
const MATCH_RECEIVED = 2;
const MATCH_CONTACT = 4;
const SKIP_RCD = 2;

export function registered(ctx: ExecContext, r: Registrar, table: string, uri = '', option = 0, action = 0): Maybe<number> {
  let uriText = uri;
  if (uriText === '') {
    const to = ctx.message.to();
    uriText = ctx.message.isRequest ? ctx.edits.currentRequestUri : to && !isSipError(to) ? to.uriText : '';
  }
  const aor = aorFor(r, uriText);
  if (aor === 'parse') return -1;
  const want = (bit: number, name: string): string | undefined => {
    if (!(option & bit)) return undefined;
    const v = cfgValue(ctx, r.s, name);
    return v === undefined ? undefined : String(v);
  };
  let callid = want(MATCH_CALLID, 'match_callid');
  if (callid === undefined && r.s.regCallidAvp !== '') {
    const v = ctx.avps.get(r.s.regCallidAvp);
    if (v !== null && v !== undefined) callid = String(v);
  }
  const received = want(MATCH_RECEIVED, 'match_received');
  const contact = want(MATCH_CONTACT, 'match_contact');
  const now = r.ul.now();
  const matches = (c: Contact): boolean =>
    isValid(c, now) && (callid === undefined || c.callid === callid) && (received === undefined || c.received === received) && (contact === undefined || c.uri === contact);
  return guard(
    () =>
      then(r.ul.domain(table).get(aor), (record) => {
        const found = record?.contacts.find(matches);
        if (!found) return -1;
        if (!(action & SKIP_RCD)) addRcd(ctx, r.s, found);
        return 1;
      }),
    (e) => {
      ctx.log(-1, `registrar: registered("${table}"): storage failed: ${(e as Error).message}`);
      return -1;
    },
  );
}
