// registrar's parameters as the code uses them, read once at start, with a
// refusal, naming the parameter, for values siprc does not implement
// (SIP outbound, flow timers, TCP connection filters, KEMI callbacks).

import type { ParamValues } from '../api.js';
import { avpParamName } from '../kit/avp-param.js';

export interface Settings {
  readonly defaultExpires: number;
  readonly defaultExpiresRange: number;
  readonly expiresRange: number;
  readonly minExpires: number;
  /** 1: 423 for an expires below min_expires; 0: raise it. */
  readonly minExpiresMode: number;
  readonly maxExpires: number;
  /** q for a contact without one, thousandths (-1: none). */
  readonly defaultQ: number;
  readonly realmPrefix: string;
  readonly appendBranches: boolean;
  readonly caseSensitive: boolean;
  readonly receivedAvp: string;
  readonly receivedParam: string;
  readonly maxContacts: number;
  readonly retryAfter: number;
  readonly sockFlag: number;
  readonly sockHdrName: string;
  readonly sockMode: number;
  readonly methodFiltering: boolean;
  readonly usePath: boolean;
  readonly pathMode: number;
  readonly pathUseReceived: boolean;
  readonly pathCheckLocal: boolean;
  readonly regCallidAvp: string;
  readonly xavpCfg: string;
  readonly xavpRcd: string;
  readonly xavpRcdMask: number;
  readonly gruuEnabled: boolean;
  readonly regidMode: number;
  readonly contactMaxSize: number;
  readonly lookupFilterMode: number;
  readonly useExpiredContacts: boolean;
}

const UNSUPPORTED: ReadonlyArray<readonly [string, number | string, string]> = [
  ['outbound_mode', 0, 'SIP outbound (RFC 5626) is not implemented'],
  ['flow_timer', 0, 'Flow-Timer (RFC 5626) is not implemented'],
  ['event_callback', '', 'KEMI event callbacks are not available (siprc runs native scripts)'],
];

/** AVP names as the parameters give them: `$avp(name)` or `$avp(s:name)`; empty for none. */
function avpName(param: string, text: string): string | string[] {
  if (text === '') return '';
  return avpParamName(text) ?? [`${param}: "${text}" is not an AVP ($avp(name))`];
}

export function settingsOf(p: ParamValues): Settings | string {
  for (const [name, def, why] of UNSUPPORTED) if (p.get(name) !== def) return `${name}: ${why} in siprc`;
  const int = (name: string): number => p.get(name) as number;
  const str = (name: string): string => p.get(name) as string;
  const receivedAvp = avpName('received_avp', str('received_avp'));
  if (Array.isArray(receivedAvp)) return receivedAvp[0]!;
  const callidAvp = avpName('reg_callid_avp', str('reg_callid_avp'));
  if (Array.isArray(callidAvp)) return callidAvp[0]!;
  if ((int('lookup_filter_mode') & 2) !== 0) return 'lookup_filter_mode 2: filtering by active TCP connection is not implemented in siprc';
  if (int('sock_flag') >= 0 && str('sock_hdr_name') === '') return 'sock_flag is set but sock_hdr_name is empty';
  return {
    defaultExpires: int('default_expires'),
    defaultExpiresRange: int('default_expires_range'),
    expiresRange: int('expires_range'),
    minExpires: int('min_expires'),
    minExpiresMode: int('min_expires_mode'),
    maxExpires: int('max_expires'),
    defaultQ: int('default_q'),
    realmPrefix: str('realm_prefix'),
    appendBranches: int('append_branches') !== 0,
    caseSensitive: int('case_sensitive') !== 0,
    receivedAvp: receivedAvp as string,
    receivedParam: str('received_param'),
    maxContacts: int('max_contacts'),
    retryAfter: int('retry_after'),
    sockFlag: int('sock_flag'),
    sockHdrName: str('sock_hdr_name'),
    sockMode: int('sock_mode'),
    methodFiltering: int('method_filtering') !== 0,
    usePath: int('use_path') !== 0,
    pathMode: int('path_mode'),
    pathUseReceived: int('path_use_received') !== 0,
    pathCheckLocal: int('path_check_local') !== 0,
    regCallidAvp: callidAvp as string,
    xavpCfg: str('xavp_cfg'),
    xavpRcd: str('xavp_rcd'),
    xavpRcdMask: int('xavp_rcd_mask'),
    gruuEnabled: int('gruu_enabled') !== 0,
    regidMode: int('regid_mode'),
    contactMaxSize: int('contact_max_size'),
    lookupFilterMode: int('lookup_filter_mode'),
    useExpiredContacts: int('use_expired_contacts') !== 0,
  };
}
