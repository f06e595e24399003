// usrloc: the user location tables (address-of-record -> contacts) that
// registrar's save() fills and lookup() reads, in memory or, by db_mode,
// through the storage a db_url names (Kamailio 5.6's `location` table),
// with the expiry timer and the table statistics. No script commands, as in
// Kamailio; other modules bind its API.

import { defineModule } from '../api.js';
import { intParam as int, strParam as str } from '../kit/param-decls.js';
import { setCurrent, usrlocApi } from './api.js';
import { COLUMN_PARAMS } from './rows.js';
import { usrlocRpc } from './rpc.js';
import { Usrloc } from './service.js';
import { DB_NONE, settingsOf } from './settings.js';


export const usrloc = defineModule({
  name: 'usrloc',
  params: [
    ...COLUMN_PARAMS,
    int('nat_bflag', -1, -1, 31),
    int('use_domain', 0),
    int('desc_time_order', 0),
    int('timer_interval', 60, 1),
    str('db_url', ''),
    int('db_mode', 0, 0, 4),
    int('db_load', 1),
    int('db_insert_update', 0),
    int('matching_mode', 0, 0, 3),
    int('cseq_delay', 20, 0),
    int('fetch_rows', 2000, 1),
    int('hash_size', 10, 1, 16),
    { name: 'preload', type: 'str', repeatable: true },
    int('db_update_as_insert', 0),
    int('db_check_update', 0),
    int('timer_procs', 0, 0),
    str('xavp_contact', ''),
    int('db_ops_ruid', 1),
    int('handle_lost_tcp', 0),
    int('close_expired_tcp', 0),
    int('expires_type', 0),
    int('db_raw_fetch_type', 0),
    int('db_insert_null', 0),
    int('skip_remote_socket', 0),
    int('db_timer_clean', 0),
    int('rm_expired_delay', 0, 0),
    int('server_id_filter', 0),
    int('version_table', 1),
    int('ka_mode', 0),
    str('ka_method', 'OPTIONS'),
    str('ka_from', 'sip:server@kamailio.org'),
    str('ka_domain', 'kamailio.org'),
    int('ka_filter', 0),
    int('ka_timeout', 0),
    int('ka_loglevel', 255),
    str('ka_logmsg', ' to-uri: [$tu] remote-addr: [$sas]'),
    int('load_rank', 1),
    int('db_clean_tcp', 0),
  ],
  statistics: [
    { name: 'registered_users', kind: 'gauge', help: 'AORs in memory over every table' },
    { name: 'location_users', kind: 'gauge', help: 'AORs in memory in table location (other tables count as <table>_users, as Kamailio names them)' },
    { name: 'location_contacts', kind: 'gauge', help: 'contacts in memory in table location' },
    { name: 'location_expires', kind: 'counter', help: 'contacts of table location removed by the timer on expiry' },
  ],
  api: usrlocApi,
  rpc: usrlocRpc,
  init(module) {
    const settings = settingsOf(module.params);
    if (typeof settings === 'string') return settings;
    if (settings.dbMode === DB_NONE) {
      const ul = Usrloc.inMemory(settings, module.stats);
      ul.startTimer();
      setCurrent(ul);
      return undefined;
    }
    const starting = Usrloc.start(settings, module.stats, []);
    setCurrent(starting);
    return starting.then(
      (ul) => void ul.startTimer(),
      (e: Error) => e.message,
    );
  },
  destroy() {
    const ul = usrlocApi.started();
    return ul ? Promise.resolve(ul).then((u) => u.stop(), () => undefined) : undefined;
  },
});
