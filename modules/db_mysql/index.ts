// db_mysql: serves mysql:// db_urls (modules/db/mysql.ts) with the
// module's parameters: ping_interval (an idle connection older than that is
// replaced by a fresh one instead of being pinged), timeout_interval
// (seconds a read or write may take; three times that to connect),
// auto_reconnect (an operation whose connection broke is run again once on
// a new connection; later operations reconnect either way) and
// insert_delayed. update_affected_found is accepted and changes nothing: an
// update always reports the rows it matched, what Kamailio reports with it
// set. It exports no command, as in Kamailio. mysql2 is loaded by the first
// connection.

import { defineModule } from '../api.js';
import { registerModuleBackend } from '../db/module-backend.js';

let unregister: (() => void) | undefined;

export const dbMysql = defineModule({
  name: 'db_mysql',
  params: [
    { name: 'ping_interval', type: 'int', default: 300, min: 1 },
    { name: 'timeout_interval', type: 'int', default: 2, min: 1 },
    { name: 'auto_reconnect', type: 'int', default: 1, min: 0, max: 1 },
    { name: 'insert_delayed', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'update_affected_found', type: 'int', default: 0, min: 0, max: 1 },
  ],
  init(module) {
    const options = {
      pingIntervalSeconds: module.params.get('ping_interval') as number,
      timeoutSeconds: module.params.get('timeout_interval') as number,
      autoReconnect: module.params.get('auto_reconnect') === 1,
      insertDelayed: module.params.get('insert_delayed') === 1,
    };
    unregister = registerModuleBackend('db_mysql', ['mysql'], async () => (await import('../db/mysql.js')).mysqlBackend(options));
  },
  destroy() {
    unregister?.();
    unregister = undefined;
  },
});
