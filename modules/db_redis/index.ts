// db_redis: serves redis:// db_urls (modules/db/redis.ts) with the module's
// parameters: keys (repeatable, `table=entry:col,...&name:col,...`, tables
// separated by `;`: the columns naming a row's hash and the index sets kept
// for lookups, see docs/storage.md) and schema_path (where the column types of tables siprc
// does not know are read, db_redis's schema files). verbosity is accepted
// and changes nothing (siprc prints no schema details). It exports no
// command, as in Kamailio. ioredis is loaded by the first connection.

import { defineModule, type ModuleInstance } from '../api.js';
import { registerModuleBackend } from '../db/module-backend.js';
import { DEFAULT_SCHEMA_PATH, parseKeys, type KeySpec } from '../db/redis-layout.js';

function keysOf(module: ModuleInstance): Map<string, KeySpec> | string {
  const value = module.params.get('keys');
  const texts = value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
  const keys = new Map<string, KeySpec>();
  // One value may declare several tables, separated by `;`.
  for (const text of texts.flatMap((t) => t.split(';')).filter((t) => t.trim() !== '')) {
    const parsed = parseKeys(text);
    if (typeof parsed === 'string') return parsed;
    if (keys.has(parsed.table)) return `keys "${text}": the keys of ${parsed.table} are set twice`;
    keys.set(parsed.table, parsed.spec);
  }
  return keys;
}

let unregister: (() => void) | undefined;

export const dbRedis = defineModule({
  name: 'db_redis',
  params: [
    { name: 'schema_path', type: 'str', default: DEFAULT_SCHEMA_PATH },
    { name: 'keys', type: 'str', repeatable: true },
    { name: 'verbosity', type: 'int', default: 1, min: 0, max: 1 },
  ],
  init(module) {
    const keys = keysOf(module);
    if (typeof keys === 'string') return keys;
    const options = { keys, schemaPath: String(module.params.get('schema_path')) };
    unregister = registerModuleBackend('db_redis', ['redis'], async () => (await import('../db/redis.js')).redisBackend(options));
    return undefined;
  },
  destroy() {
    unregister?.();
    unregister = undefined;
  },
});
