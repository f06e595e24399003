// db_postgres: serves postgres:// and postgresql:// db_urls
// (modules/db/postgres.ts) with the module's parameters: retries (an
// operation whose connection broke is run again on a new one, that many
// times), timeout (seconds a query, and a connection attempt, may take),
// tcp_keepalive and con_param (the libpq keywords siprc applies). lockset
// and bytea_output_escape are accepted and change nothing: replace is one
// atomic INSERT ... ON CONFLICT here, needing no lock, and the tables siprc
// keeps have no bytea column. It exports no command, as in Kamailio. pg is
// loaded by the first connection.

import { defineModule, type ModuleInstance } from '../api.js';
import { registerModuleBackend } from '../db/module-backend.js';

/** The libpq keywords con_param may set that siprc applies (pg's own client is not libpq). */
const CON_PARAM_KEYWORDS = ['connect_timeout', 'application_name', 'options', 'keepalives', 'keepalives_idle', 'sslmode'];
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Parses con_param (`connect_timeout=15;application_name=siprc`); a string saying what is wrong with a bad one. */
export function parseConParam(text: string): Map<string, string> | string {
  const params = new Map<string, string>();
  for (const part of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `con_param "${text}": "${part}" is not keyword=value`;
    const keyword = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!CON_PARAM_KEYWORDS.includes(keyword)) return `con_param "${text}": siprc does not apply "${keyword}" (it applies ${CON_PARAM_KEYWORDS.join(', ')})`;
    if (['connect_timeout', 'keepalives', 'keepalives_idle'].includes(keyword) && !/^\d+$/.test(value)) return `con_param "${text}": ${keyword} takes a number, not "${value}"`;
    if (keyword === 'sslmode' && !SSL_MODES.includes(value)) return `con_param "${text}": sslmode is one of ${SSL_MODES.join(', ')}, not "${value}"`;
    params.set(keyword, value);
  }
  return params;
}

let unregister: (() => void) | undefined;

export const dbPostgres = defineModule({
  name: 'db_postgres',
  params: [
    { name: 'retries', type: 'int', default: 2, min: 0 },
    { name: 'timeout', type: 'int', default: 0, min: 0 },
    { name: 'tcp_keepalive', type: 'int', default: 0, min: 0 },
    { name: 'lockset', type: 'int', default: 4, min: 1, max: 30 },
    { name: 'bytea_output_escape', type: 'int', default: 1, min: 0, max: 1 },
    { name: 'con_param', type: 'str', default: '' },
  ],
  init(module: ModuleInstance) {
    const conParams = parseConParam(String(module.params.get('con_param')));
    if (typeof conParams === 'string') return conParams;
    const options = {
      retries: module.params.get('retries') as number,
      timeoutSeconds: module.params.get('timeout') as number,
      tcpKeepaliveSeconds: module.params.get('tcp_keepalive') as number,
      conParams,
    };
    unregister = registerModuleBackend('db_postgres', ['postgres', 'postgresql'], async () => (await import('../db/postgres.js')).postgresBackend(options));
    return undefined;
  },
  destroy() {
    unregister?.();
    unregister = undefined;
  },
});
