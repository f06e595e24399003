// auth: digest authentication (RFC 2617, RFC 7616; MD5 and SHA-256, qop
// auth and auth-int) as Kamailio 5.6's module of that name: challenges sent
// through sl or tm, credentials checked against a password the script
// gives, nonces of siprc's own format (MAC-protected with the secret, with
// expiry, extra checks, nonce-count and one-time replay protection), and an
// API the modules holding passwords (auth_db) bind to. $au, $ar, $ad are
// pv's. See docs/auth.md.

import { defineModule } from '../api.js';
import type { TmApi } from '../tm/api.js';
import { authApi, setRunningEngine } from './api.js';
import { authCommands, setRunning } from './commands.js';
import { readConfig } from './config.js';
import { AuthEngine } from './engine.js';

export const auth = defineModule({
  name: 'auth',
  params: [
    { name: 'secret', type: 'str', default: '' },
    { name: 'nonce_expire', type: 'int', default: 300, min: 1 },
    { name: 'nonce_auth_max_drift', type: 'int', default: 3, min: 0 },
    { name: 'auth_checks_register', type: 'int', default: 0, min: 0, max: 15 },
    { name: 'auth_checks_no_dlg', type: 'int', default: 0, min: 0, max: 15 },
    { name: 'auth_checks_in_dlg', type: 'int', default: 0, min: 0, max: 15 },
    { name: 'qop', type: 'str', default: '' },
    { name: 'nonce_count', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'one_time_nonce', type: 'int', default: 0, min: 0, max: 1 },
    // One process keeps every nonce: the pools Kamailio splits its tables into for its processes are accepted and not needed.
    { name: 'nid_pool_no', type: 'int', default: 1, min: 1, max: 64 },
    { name: 'nc_array_size', type: 'int', default: 1048576, min: 1, max: 2 ** 30 },
    { name: 'nc_array_order', type: 'int', default: 0, min: 0, max: 30 },
    { name: 'otn_in_flight_no', type: 'int', default: 1048576, min: 8, max: 2 ** 30 },
    { name: 'otn_in_flight_order', type: 'int', default: 0, min: 0, max: 30 },
    { name: 'force_stateless_reply', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'realm_prefix', type: 'str', default: '' },
    { name: 'use_domain', type: 'int', default: 0, min: 0, max: 1 },
    { name: 'algorithm', type: 'str', default: '' },
    { name: 'add_authinfo_hdr', type: 'int', default: 0, min: 0, max: 1 },
  ],
  commands: authCommands,
  init: (module) => {
    if (!module.isLoaded('sl')) return 'auth replies through sl: load module sl';
    const engine = new AuthEngine(readConfig(module.params));
    setRunning(module, { engine, tm: module.bind<TmApi>('tm') });
    setRunningEngine(engine);
    return undefined;
  },
  api: authApi,
});
