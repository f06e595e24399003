// registrar: REGISTER processing (RFC 3261 10.3) over usrloc's tables —
// save() with its flags, lookup() and its variants, registered(),
// unregister(), $ulc profiles, add_sock_hdr(), reg_send_reply() — with
// Path (RFC 3327) and GRUU (RFC 5627) support and Kamailio 5.6's
// parameters and statistics. Needs sl and usrloc, as Kamailio's does.

import { defineModule } from '../api.js';
import { intParam as int, strParam as str } from '../kit/param-decls.js';
import { sequence, then } from '../kit/maybe.js';
import type { TmApi } from '../tm/api.js';
import type { UsrlocApi } from '../usrloc/api.js';
import { registrarCommands, scriptTables } from './commands.js';
import { ExpiredEvent } from './expired-event.js';
import { settingsOf } from './settings.js';
import { setRegistrar } from './state.js';
import { ulcClass } from './ulc.js';
import { useSl } from './reply.js';
import type { SlApi } from '../sl/stats.js';


export const registrar = defineModule({
  name: 'registrar',
  commands: registrarCommands,
  pseudoVariables: [ulcClass],
  params: [
    int('default_expires', 3600, 0),
    int('default_expires_range', 0, 0, 100),
    int('expires_range', 0, 0, 100),
    int('min_expires', 60, 0),
    int('min_expires_mode', 0, 0, 1),
    int('max_expires', 0, 0),
    // Kamailio's default q is "unspecified" (-1): a contact without q lists none.
    int('default_q', -1, -1, 1000),
    str('realm_prefix', ''),
    int('append_branches', 1),
    str('aor_avp', ''),
    int('case_sensitive', 0),
    str('received_avp', ''),
    str('received_param', 'received'),
    int('max_contacts', 0, 0),
    int('retry_after', 0, 0),
    int('sock_flag', -1, -1, 31),
    str('sock_hdr_name', ''),
    int('sock_mode', 0),
    int('method_filtering', 0),
    int('use_path', 0),
    int('path_mode', 2, 0, 2),
    int('path_use_received', 0),
    int('path_check_local', 0),
    str('reg_callid_avp', ''),
    str('xavp_cfg', ''),
    str('xavp_rcd', ''),
    int('xavp_rcd_mask', 0, 0),
    int('gruu_enabled', 1),
    int('outbound_mode', 0, 0, 2),
    int('regid_mode', 0),
    int('flow_timer', 0, 0),
    int('contact_max_size', 512, 1),
    str('event_callback', ''),
    int('lookup_filter_mode', 0, 0),
    int('use_expired_contacts', 0),
  ],
  statistics: [
    { name: 'max_expires', kind: 'gauge', help: 'the max_expires parameter' },
    { name: 'max_contacts', kind: 'gauge', help: 'the max_contacts parameter' },
    { name: 'default_expire', kind: 'gauge', help: 'the default_expires parameter (named so by Kamailio)' },
    { name: 'default_expires_range', kind: 'gauge', help: 'the default_expires_range parameter' },
    { name: 'expires_range', kind: 'gauge', help: 'the expires_range parameter' },
    { name: 'accepted_regs', kind: 'counter', help: 'REGISTERs save() accepted' },
    { name: 'rejected_regs', kind: 'counter', help: 'REGISTERs save() refused (storage failures included)' },
  ],
  init(module) {
    const s = settingsOf(module.params);
    if (typeof s === 'string') return s;
    if ((module.params.get('aor_avp') as string) !== '') return 'aor_avp was removed from registrar (Kamailio too): give the URI to save(), lookup() or registered()';
    if (!module.isLoaded('sl')) return 'cannot bind to the SL API: load module sl before registrar';
    useSl(module.bind<SlApi>('sl'));
    const api = module.bind<UsrlocApi>('usrloc');
    const started = api?.started();
    if (!started) return 'cannot bind to usrloc: load module usrloc before registrar';
    module.stats.set('max_expires', s.maxExpires);
    module.stats.set('max_contacts', s.maxContacts);
    module.stats.set('default_expire', s.defaultExpires);
    module.stats.set('default_expires_range', s.defaultExpiresRange);
    module.stats.set('expires_range', s.expiresRange);
    const ready = then(started, (ul) => {
      const expired = new ExpiredEvent();
      ul.expiredListeners.push((domain, c) => expired.run(domain, c));
      setRegistrar(module, { ul, s, stats: module.stats, tm: module.bind<TmApi>('tm'), expired });
      return ul.db ? sequence([...scriptTables], (t) => ul.open(t)) : undefined;
    });
    return ready instanceof Promise ? ready.then(() => undefined, (e: Error) => e.message) : undefined;
  },
});
